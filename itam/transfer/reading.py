"""Reading an import file into a header row and data rows: CSV (UTF-8, UTF-8 with BOM, GB18030) and XLSX.

Every problem with the file itself (empty, binary, wrong encoding, malformed CSV, not a workbook) is an
:class:`ImportFileError` whose message says what is wrong and what to do; nothing else escapes.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from itam.errors import ImportFileError
from itam.messages import Message, tr

FORMATS = ("csv", "xlsx")
DELIMITERS = ",;\t"
_ZIP_MAGIC = b"PK\x03\x04"
_SNIFF_CHARS = 64 * 1024
#: A CSV field longer than this is almost always a quote never closed that swallowed the rest of the file.
_FIELD_LIMIT = 1024 * 1024
#: Most columns (up to the last with a header) a file may have: no inventory has more, and a sheet whose
#: header reaches column XFD would otherwise make every row 16,384 cells wide in memory.
MAX_COLUMNS = 1_000
#: An .xlsx whose parts unpack to more than this many bytes …
_XLSX_EXPANDED_FLOOR = 16 * 1024 * 1024
#: … and more than this many times the file's own size is a zip bomb (sheets compress about 5-20 times).
_XLSX_MAX_RATIO = 100


@dataclass(frozen=True)
class Table:
    """What a file holds: its header, its data rows (with row numbers as a spreadsheet shows them)."""

    path: str
    format: str  # csv | xlsx
    encoding: str | None  # CSV only: the encoding the text was decoded with
    delimiter: str | None  # CSV only
    sheet: str | None  # XLSX only
    digest: str  # SHA-256 of the file's bytes
    headers: tuple[str, ...]
    # (row number, cells): no blank rows; a row is never wider than the header but may be shorter (a short
    # row is not padded, so a wide header over many short rows costs no more memory than the file's text)
    rows: tuple[tuple[int, tuple[Any, ...]], ...]


def detect_format(path: Path, head: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix == ".xls":
        raise ImportFileError(tr(
            "{name} is an old Excel .xls workbook, which itam does not read: "
            "open it in Excel or LibreOffice and save it as .xlsx or CSV",
            name=path.name,
        ))
    if head.startswith(_ZIP_MAGIC) and suffix not in (".csv", ".txt", ".tsv"):
        return "xlsx"
    return "csv"


def read_table(path: str | Path, *, encoding: str | None = None, sheet: str | None = None) -> Table:
    """Read ``path`` (CSV or XLSX, told apart by extension, then by content)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportFileError(tr("There is no file {path}", path=str(path))) from None
    except IsADirectoryError:
        raise ImportFileError(tr("{path} is a folder, not a file", path=str(path))) from None
    except OSError as exc:
        raise ImportFileError(tr("Cannot read {path}: {error}", path=str(path), error=str(exc.strerror or exc))) from exc
    if not data.strip():
        raise ImportFileError(tr("{name} is empty: there is no header row and nothing to import", name=path.name))
    digest = hashlib.sha256(data).hexdigest()
    fmt = detect_format(path, data[:4])
    if fmt == "xlsx":
        headers, rows, sheet_name = _read_xlsx(path, data, sheet)
        return Table(str(path), "xlsx", None, None, sheet_name, digest, headers, rows)
    text, used = decode(data, encoding, path.name)
    headers, rows, delimiter = _read_csv(text, path.name)
    return Table(str(path), "csv", used, delimiter, None, digest, headers, rows)


def decode(data: bytes, encoding: str | None, name: str) -> tuple[str, str]:
    """The file's text and the encoding used: the one given, else UTF-8 (BOM or not), else GB18030."""
    if encoding:
        try:
            info = codecs.lookup(encoding)
        except (LookupError, ValueError):  # ValueError: a NUL in the name
            raise ImportFileError(
                tr("{encoding} is not an encoding Python knows (try utf-8 or gb18030)", encoding=repr(encoding))
            ) from None
        if not getattr(info, "_is_text_encoding", True):  # base64, rot13, zlib … turn bytes into bytes
            raise ImportFileError(
                tr("{encoding} is not a text encoding (try utf-8 or gb18030)", encoding=repr(encoding))
            )
        codec = info.name
        if codec == "utf-8":
            codec = "utf-8-sig"  # a BOM is never part of the first header
        try:
            return data.decode(codec), codec
        except UnicodeError as exc:  # UnicodeDecodeError, or a plain UnicodeError from idna, punycode …
            raise ImportFileError(tr(
                "{name} is not valid {encoding} text: {where} holds bytes that are not "
                "{encoding}. Leave the encoding out to let itam detect UTF-8 or GB18030.",
                name=name, encoding=encoding, where=_where(data, getattr(exc, "start", 0)),
            )) from None
    if b"\x00" in data:
        raise ImportFileError(tr(
            "{name} is not a text file: it holds NUL bytes, as a binary file or UTF-16 text does. Export the "
            "spreadsheet as CSV (UTF-8) or .xlsx and import that.",
            name=name,
        ))
    try:
        return data.decode("utf-8-sig"), ("utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    raise ImportFileError(tr(
        "{name} is neither UTF-8 nor GB18030 text ({where} cannot be read as UTF-8). "
        "Save it as CSV UTF-8, or name its encoding explicitly (for example --encoding cp1252).",
        name=name, where=_where(data, utf8_error),
    ))


def _where(data: bytes, offset: int) -> Message:
    line = data.count(b"\n", 0, offset) + 1
    return tr("line {line} (byte {offset})", line=line, offset=offset)


def _sniff_delimiter(text: str) -> str:
    sample = text[:_SNIFF_CHARS]
    if len(text) > _SNIFF_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return ","
    # The sniffer can be fooled by punctuation inside values; the header must agree with its choice.
    first = sample.split("\n", 1)[0]
    if delimiter != "," and delimiter not in first:
        return ","
    if delimiter != "," and first.count(",") > first.count(delimiter):
        return ","
    return delimiter


def _read_csv(text: str, name: str) -> tuple[tuple[str, ...], tuple[tuple[int, tuple[Any, ...]], ...], str]:
    delimiter = _sniff_delimiter(text)
    old_limit = csv.field_size_limit(_FIELD_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', doublequote=True, strict=True)
    headers: tuple[str, ...] | None = None
    rows: list[tuple[int, tuple[Any, ...]]] = []
    number = 0
    try:
        for record in reader:
            number += 1
            if headers is None:
                if not any(c.strip() for c in record):
                    raise ImportFileError(
                        tr("{name}: the first row must be the header row (column names), but it is blank", name=name)
                    )
                headers = _check_width(_trim_headers(tuple(c.strip() for c in record)), name)
                continue
            if not "".join(record).strip():
                continue
            if len(record) > len(headers):
                extra = record[len(headers) :]
                if any(c.strip() for c in extra):
                    raise ImportFileError(tr(
                        "{name} is malformed: row {row} (line {line}) has {cells} cells but the "
                        "header has {columns} columns. A value probably holds the delimiter "
                        "{delimiter} without quotes, or the header is missing a column.",
                        name=name, row=number, line=reader.line_num, cells=len(record), columns=len(headers),
                        delimiter=_delimiter_name(delimiter),
                    ))
                record = record[: len(headers)]
            rows.append((number, tuple(record)))
    except csv.Error as exc:
        if "end of data" in str(exc) or "field larger" in str(exc):
            message = tr(
                "{name} is not well-formed CSV near line {line}: a quote (\") is opened and never closed ({error}). "
                "Fix the quoting, or export the file again from the spreadsheet program.",
                name=name, line=reader.line_num, error=str(exc),
            )
        elif "expected after" in str(exc):
            message = tr(
                "{name} is not well-formed CSV near line {line}: a quoted value is followed by more text before the "
                "next delimiter ({error}). Fix the quoting, or export the file again from the spreadsheet program.",
                name=name, line=reader.line_num, error=str(exc),
            )
        else:
            message = tr(
                "{name} is not well-formed CSV near line {line} ({error}). "
                "Fix the quoting, or export the file again from the spreadsheet program.",
                name=name, line=reader.line_num, error=str(exc),
            )
        raise ImportFileError(message) from None
    finally:
        csv.field_size_limit(old_limit)
    if headers is None:
        raise ImportFileError(tr("{name} is empty: there is no header row and nothing to import", name=name))
    return headers, tuple(rows), delimiter


def _delimiter_name(d: str) -> str:
    if d == ",":
        return tr("comma (,)")
    if d == ";":
        return tr("semicolon (;)")
    if d == "\t":
        return tr("tab")
    return repr(d)


def _check_width(headers: tuple[str, ...], name: str) -> tuple[str, ...]:
    if len(headers) > MAX_COLUMNS:
        raise ImportFileError(tr(
            "{name} has {columns:,} columns up to its last header; itam reads at most {limit:,}. "
            "Delete the columns you do not import, or export only the inventory columns.",
            name=name, columns=len(headers), limit=MAX_COLUMNS,
        ))
    return headers


def _trim_headers(headers: tuple[str, ...]) -> tuple[str, ...]:
    end = len(headers)
    while end and not headers[end - 1]:
        end -= 1
    return headers[:end]


def _read_xlsx(path: Path, data: bytes, sheet: str | None):
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    if not data.startswith(_ZIP_MAGIC):
        raise ImportFileError(tr(
            "{name} is not an .xlsx workbook (an .xlsx file is a zip archive, this one is not). "
            "If it is CSV text, rename it to .csv; if it is password-protected, save it again without a password.",
            name=path.name,
        ))
    _refuse_zip_bomb(path, data)
    try:
        with warnings.catch_warnings():
            # Workbooks written by other programs often lack a default style; openpyxl warns and copes.
            warnings.simplefilter("ignore", UserWarning)
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(tr(
            "{name} is not a readable .xlsx workbook ({error}); open and save it again in Excel", name=path.name, error=str(exc)
        )) from None
    except Exception as exc:  # noqa: BLE001 - damaged parts raise from deep inside openpyxl and its XML parsers
        raise _unreadable(path, exc) from None
    try:
        if sheet is not None:
            if sheet not in wb.sheetnames:
                raise ImportFileError(tr(
                    "{name} has no sheet {sheet} (its sheets: {sheets})",
                    name=path.name, sheet=repr(sheet), sheets=", ".join(wb.sheetnames),
                ))
            ws = wb[sheet]
        elif wb.worksheets:
            ws = wb.worksheets[0]
        else:
            ws = None
        if not hasattr(ws, "reset_dimensions"):  # no worksheet at all, or a chart sheet
            raise ImportFileError(tr(
                "{name} has no worksheet with rows to import (a sheet of cells, not a chart)", name=path.name
            ))
        # Some programs write a wrong sheet size; without this a read-only sheet would believe it.
        ws.reset_dimensions()
        headers: tuple[str, ...] | None = None
        rows: list[tuple[int, tuple[Any, ...]]] = []
        for number, values in enumerate(_sheet_rows(ws, path), start=1):
            if headers is None:
                if not any(v not in (None, "") and str(v).strip() for v in values):
                    raise ImportFileError(tr(
                        "{name}, sheet {sheet}: the first row must be the header row (column names), but it is blank",
                        name=path.name, sheet=repr(ws.title),
                    ))
                headers = _check_width(_trim_headers(tuple(_header_text(v) for v in values)), path.name)
                continue
            cells = tuple(_xlsx_cell(v) for v in values)
            if not any(c not in (None, "") for c in cells):
                continue
            if len(cells) > len(headers):
                if any(c not in (None, "") for c in cells[len(headers) :]):
                    col = len(headers) + next(i for i, c in enumerate(cells[len(headers) :]) if c not in (None, "")) + 1
                    raise ImportFileError(tr(
                        "{name}, sheet {sheet}: row {row} has a value in column {column}, which has no header. "
                        "Give the column a header (or delete the value).",
                        name=path.name, sheet=repr(ws.title), row=number, column=col,
                    ))
                cells = cells[: len(headers)]
            rows.append((number, cells))
        if headers is None:
            raise ImportFileError(tr(
                "{name}, sheet {sheet} is empty: there is no header row and nothing to import",
                name=path.name, sheet=repr(ws.title),
            ))
        return headers, tuple(rows), ws.title
    finally:
        wb.close()


def _refuse_zip_bomb(path: Path, data: bytes) -> None:
    """Refuse a workbook whose parts would unpack to far more than any real sheet does. zipfile never returns
    more than a part's declared size (a part that holds more fails its CRC check), so the declared sizes
    bound what reading the workbook can cost."""
    try:
        expanded = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return  # not a readable zip: opening it as a workbook says so
    if expanded > _XLSX_EXPANDED_FLOOR and expanded > _XLSX_MAX_RATIO * len(data):
        raise ImportFileError(tr(
            "{name} would unpack to {size:,} MB, {ratio:,} times its own size: that is a zip bomb, not a workbook "
            "a spreadsheet program wrote, and itam does not open it",
            name=path.name, size=expanded // (1024 * 1024), ratio=expanded // max(len(data), 1),
        ))


def _unreadable(path: Path, exc: BaseException) -> ImportFileError:
    detail = str(exc).strip()
    return ImportFileError(tr(
        "{name} is not a readable .xlsx workbook ({error}); open and save it again in Excel",
        name=path.name, error=f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__,
    ))


def _sheet_rows(ws: Any, path: Path) -> Iterator[tuple[Any, ...]]:
    """The sheet's rows as openpyxl streams them; a damaged sheet (malformed XML, a corrupt zip member read
    only now, a cell value openpyxl cannot convert) is an ImportFileError, whichever layer notices it."""
    rows = ws.iter_rows(values_only=True)
    while True:
        try:
            values = next(rows)
        except StopIteration:
            return
        except Exception as exc:  # noqa: BLE001 - expat, lxml, zipfile, zlib and openpyxl each raise their own
            raise _unreadable(path, exc) from None
        yield values


def _header_text(value: Any) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _xlsx_cell(value: Any) -> Any:
    # Excel stores every number as a float: 1001.0 typed as a tag is 1001.
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value
