"""Exporting the inventory (all of it, or a filtered listing) to CSV or XLSX.

CSV is UTF-8 with a BOM, so that Excel shows Chinese text correctly. Text that a spreadsheet would
run as a formula (starting with = + - @, a tab or a carriage return) is neutralised: an apostrophe in
CSV (which the import strips again), an explicit string cell in XLSX. Rows are read and written in
batches, and the file is written under a temporary name and renamed at the end, so a failed or
cancelled export leaves no half-written file behind.
"""

from __future__ import annotations

import csv
import os
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from itam.errors import ItamError, ValidationError
from itam.fields import ASSET_FIELDS
from itam.messages import tr
from itam.models import Asset, AssetAddress, Location, Person
from itam.db import search
from itam.services.assets import AssetQuery, apply_filters
from itam.transfer.importer import CancelFn, ProgressFn, TransferCancelled

EXPORT_FORMATS = ("csv", "xlsx")
#: The columns of an export, in order: every asset field, then the lifecycle and the addresses.
EXPORT_COLUMNS: tuple[str, ...] = (*ASSET_FIELDS, "status", "stage", "lever", "mac_addresses", "ip_addresses")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
BATCH_SIZE = 2_000
_PLAIN_FIELDS = tuple(n for n, f in ASSET_FIELDS.items() if f.kind != "ref")
#: Column widths in XLSX (characters), measured on the header and the first batch of rows.
_MIN_WIDTH = 8
_MAX_WIDTH = 50


@dataclass(frozen=True)
class ExportResult:
    path: str
    format: str
    rows: int
    columns: tuple[str, ...]


def export_format(path: Path, fmt: str | None) -> str:
    if fmt is not None:
        fmt = fmt.lower().lstrip(".")
        if fmt not in EXPORT_FORMATS:
            raise ValidationError(
                tr("cannot export as {format} (formats: {formats})", format=repr(fmt), formats=", ".join(EXPORT_FORMATS))
            )
        return fmt
    suffix = path.suffix.lower().lstrip(".")
    if suffix in EXPORT_FORMATS:
        return suffix
    raise ValidationError(tr(
        "cannot tell the format of {name} from its extension: name it .csv or .xlsx, or give the format", name=path.name
    ))


def needs_neutralising(text: str) -> bool:
    return text.startswith(FORMULA_PREFIXES)


def export_assets(
    session: Session,
    path: str | Path,
    query: AssetQuery | None = None,
    fmt: str | None = None,
    *,
    progress: ProgressFn | None = None,
    is_cancelled: CancelFn | None = None,
    batch_size: int = BATCH_SIZE,
) -> ExportResult:
    """Write the assets a query matches (its filters and sort; not its page) to ``path``."""
    path = Path(path)
    fmt = export_format(path, fmt)
    q = query or AssetQuery()
    col = getattr(Asset, q.sort)
    order = (col.desc(), Asset.id.desc()) if q.descending else (col.asc(), Asset.id.asc())
    ids = list(session.scalars(apply_filters(select(Asset.id), q, trigram=search.available(session.get_bind()))
                               .order_by(*order)))
    batches = _batches(session, ids, batch_size, progress, is_cancelled)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        if fmt == "csv":
            _write_csv(tmp, batches)
        else:
            _write_xlsx(tmp, batches)
        os.replace(tmp, path)
    except OSError as exc:
        _discard(tmp)
        raise ItamError(
            tr("Cannot write the export {path}: {error}", path=str(path), error=str(exc.strerror or exc))
        ) from exc
    except BaseException:
        _discard(tmp)
        raise
    return ExportResult(str(path), fmt, len(ids), EXPORT_COLUMNS)


def _discard(tmp: Path) -> None:
    try:
        tmp.unlink()
    except FileNotFoundError:
        pass


def _batches(
    session: Session, ids: list[int], size: int, progress: ProgressFn | None, is_cancelled: CancelFn | None
) -> Iterator[list[dict[str, Any]]]:
    total = len(ids)
    if progress:
        progress(0, total)
    for start in range(0, total, size):
        if is_cancelled is not None and is_cancelled():
            raise TransferCancelled(tr("export cancelled: no file was written"))
        chunk = ids[start : start + size]
        stmt = (
            select(
                Asset.id,
                *(getattr(Asset, n) for n in _PLAIN_FIELDS),
                Asset.status,
                Asset.stage,
                Asset.lever,
                Location.name.label("location"),
                Person.name.label("assignee"),
            )
            .outerjoin(Location, Location.id == Asset.location_id)
            .outerjoin(Person, Person.id == Asset.assignee_id)
            .where(Asset.id.in_(chunk))
        )
        rows = {r.id: dict(r._mapping) for r in session.execute(stmt)}
        for r in rows.values():
            r["mac_addresses"], r["ip_addresses"] = [], []
        addr = select(AssetAddress.asset_id, AssetAddress.kind, AssetAddress.value).where(AssetAddress.asset_id.in_(chunk)).order_by(AssetAddress.id)
        for a in session.execute(addr):
            rows[a.asset_id]["mac_addresses" if a.kind == "mac" else "ip_addresses"].append(a.value)
        yield [rows[i] for i in chunk]
        if progress:
            progress(min(start + size, total), total)
    if is_cancelled is not None and is_cancelled():
        raise TransferCancelled(tr("export cancelled: no file was written"))


def _addresses(values: Sequence[str]) -> str | None:
    return "; ".join(values) if values else None


# --- CSV --------------------------------------------------------------------------------------------


def csv_text(value: Any) -> str:
    """A cell's text in CSV, formula-like text neutralised with a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")  # seconds, and microseconds when there are any
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        text = repr(value)
        return text.removesuffix(".0")
    if isinstance(value, (int, Decimal)):
        return str(value)
    text = str(value)
    return "'" + text if needs_neutralising(text) else text


def _write_csv(tmp: Path, batches: Iterator[list[dict[str, Any]]]) -> None:
    # "x": never write into an existing file; the BOM tells Excel the text is UTF-8.
    with open(tmp, "x", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(EXPORT_COLUMNS)
        for batch in batches:
            writer.writerows([csv_text(_value(r, c)) for c in EXPORT_COLUMNS] for r in batch)


def _value(record: dict[str, Any], column: str) -> Any:
    value = record[column]
    if column in ("mac_addresses", "ip_addresses"):
        return _addresses(value)
    return value


# --- XLSX -------------------------------------------------------------------------------------------


def _write_xlsx(tmp: Path, batches: Iterator[list[dict[str, Any]]]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Assets")
    first = next(batches, [])
    # Widths from the header and the first batch: a write-only sheet must have them before any row.
    for i, column in enumerate(EXPORT_COLUMNS, start=1):
        longest = max([len(column), *(len(_display(_value(r, column))) for r in first)])
        ws.column_dimensions[get_column_letter(i)].width = min(max(longest + 2, _MIN_WIDTH), _MAX_WIDTH)
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in EXPORT_COLUMNS:
        cell = WriteOnlyCell(ws, value=column)
        cell.font = bold
        header.append(cell)
    ws.append(header)

    def cells(record: dict[str, Any]) -> list[Any]:
        out: list[Any] = []
        for column in EXPORT_COLUMNS:
            value = _value(record, column)
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
                if needs_neutralising(value):
                    # An explicit string cell: Excel shows the text and never evaluates it.
                    cell = WriteOnlyCell(ws, value=value)
                    cell.data_type = "s"
                    out.append(cell)
                    continue
            elif column == "purchase_cost" and value is not None:
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = "0.00"
                out.append(cell)
                continue
            out.append(value)
        return out

    for record in first:
        ws.append(cells(record))
    for batch in batches:
        for record in batch:
            ws.append(cells(record))
    with open(tmp, "xb") as fh:
        wb.save(fh)


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return "2000-01-01 00:00:00"
    if isinstance(value, date):
        return "2000-01-01"
    return str(value)
