"""Read a CSV of wipe results from tools other than nwipe (Blancco exports, in-house scripts).

Pure: bytes in, frozen dataclasses out. Column names are matched case-insensitively with common synonyms,
the delimiter (comma, semicolon, tab) is sniffed, the text may be UTF-8 with or without BOM or GB18030 (Excel
on a Chinese Windows). The import is all or nothing: every problem in every row is collected and reported in
one :class:`ImportFileError`; no rows are returned from a file that has any.

Also home of the vocabulary shared with the nwipe parser: :func:`normalise_technique`,
:func:`normalise_media_type` and the zone lookup :func:`resolve_zone`.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from itam.errors import ImportFileError
from itam.messages import join, tr

# One vocabulary for the parser, the rules and the service.
from itam.sanitization.rules import (
    CATEGORIES,
    HIDDEN_AREAS,
    MEDIA_TYPES,
    RESULTS,
    TECHNIQUES,
    VERIFICATIONS,
)

__all__ = [
    "CATEGORIES", "HIDDEN_AREAS", "MEDIA_TYPES", "RESULTS", "TECHNIQUES", "VERIFICATIONS",
    "WipeCsv", "WipeRow", "normalise_category", "normalise_media_type", "normalise_result",
    "normalise_technique", "parse_wipe_csv", "resolve_zone", "strip_control",
]

#: Short text fields longer than this are refused; notes and error texts may be longer.
MAX_FIELD = 200
MAX_LONG_FIELD = 4000


@dataclass(frozen=True)
class WipeRow:
    """One sanitized medium, as the file reports it (times are timezone-aware)."""

    line: int
    asset_ref: str | None
    medium_serial: str | None
    media_type: str | None
    model: str | None
    capacity_gb: float | None
    category: str
    technique: str
    tool_label: str | None
    standard: str | None
    tool: str | None
    tool_version: str | None
    passes: int | None
    verification: str
    verification_pct: float | None
    verification_result: str | None
    hidden_areas: str | None
    result: str
    started_at: datetime | None
    ended_at: datetime
    operator: str | None
    verifier: str | None
    errors: str | None
    notes: str | None


@dataclass(frozen=True)
class WipeCsv:
    """A parsed file: the SHA-256 of its bytes and its rows in file order."""

    sha256: str
    rows: tuple[WipeRow, ...]


# --- vocabulary --------------------------------------------------------------------------------------


def _words(text: str | None) -> str:
    """Lower case, compatibility-normalised, every run of punctuation and spaces one space."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKC", str(text)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", folded).split())


def _key(text: str | None) -> str:
    """Like :func:`_words` but keeps punctuation other than separators: "ok?" is not "ok"."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKC", str(text)).casefold()
    return " ".join(re.sub(r"[\s_\-]+", " ", folded).split())


def _rules(pairs: list[tuple[str, str]]) -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(pattern), key) for pattern, key in pairs]


# Tested in order on the normalised text; the first pattern that matches decides.
_TECHNIQUE_RULES = _rules([
    (r"factory reset.*crypt|crypt.*factory reset|恢复出厂.*加密", "factory_reset_crypto_erase"),
    (r"factory (data )?reset|reset to factory|恢复出厂", "factory_reset"),
    (r"\bnvme\b.*\bsanitis?ze|sanitis?ze.*\bnvme\b", "nvme_sanitize"),
    (r"\bnvme\b.*\bformat\b|\bformat nvm\b|user data erase", "nvme_format"),
    (r"\bcrypto|cryptographic|\bce\b|key (destruction|deletion|erase)|加密擦除", "crypto_erase"),
    (r"\benhanced\b.*secur(e|ity) erase", "ata_enhanced_secure_erase"),
    (r"secur(e|ity) erase( unit)?\b|\bata erase\b", "ata_secure_erase"),
    (r"block erase", "block_erase"),
    (r"\b(scsi|sas)\b.*sanitis?ze|sanitis?ze.*\b(scsi|sas)\b", "scsi_sanitize"),
    (r"sanitis?ze.*overwrite|overwrite.*sanitis?ze", "overwrite"),
    (r"degauss|消磁", "degauss"),
    (r"\bgnu shred\b|\bshred n\b", "overwrite"),  # GNU shred overwrites; physical shredding is below
    (r"shred|粉碎", "shred"),
    (r"disintegrat", "disintegrate"),
    (r"pulveri[sz]|granulat", "pulverize"),
    (r"incinerat|\bburn|焚烧", "incinerate"),
    (r"\bs?melt|熔", "melt"),
    (
        (
            r"overwrite|over write|\bzero(s|es|ed|ing)?\b|zero ?fill|fill with|\bprng\b|random|\bdod\b|5220"
            r"|gutmann|\bhmg\b|\bis5\b|infosec|schneier|vsitr|\brcmp\b|\bops (ii|2)\b|\bbsi\b|\bgost\b"
            r"|\bafssi\b|bmb ?21|nist.*\bclear\b|覆写|覆盖|填零"
        ),
        "overwrite",
    ),
    (r"crush|drill|punch|bend|damage|破坏", "other"),
])

_MEDIA_RULES = _rules([
    (r"\bnvme\b|nvm express", "nvme"),
    (r"\bssd\b|solid state|固态", "ssd"),
    (r"\bhdd\b|hard (disk|drive)|harddisk|rotational|spinning|magnetic disk|机械硬盘|硬盘", "hdd"),
    (r"\b(micro ?)?sd( card)?\b|memory card|\bcf( card)?\b|compact ?flash|\be?mmc\b|存储卡|内存卡",
     "memory_card"),
    (r"\busb\b|thumb ?drive|pen ?drive|flash drive|memory stick|u盘|优盘", "usb_flash"),
    (r"mobile|phone|smartphone|tablet|手机|平板", "mobile"),
    (r"\btape\b|\blto\b|磁带", "tape"),
    (r"\bother\b|optical|\bcd\b|\bdvd\b|其他", "other"),
])

_CATEGORY_WORDS = {
    "clear": "clear", "cleared": "clear", "清除": "clear",
    "purge": "purge", "purged": "purge", "净化": "purge",
    "destroy": "destroy", "destroyed": "destroy", "destruct": "destroy", "destruction": "destroy",
    "physical destruction": "destroy", "销毁": "destroy",
}
_RESULT_WORDS = {
    "pass": "pass", "passed": "pass", "success": "pass", "successful": "pass", "succeeded": "pass",
    "ok": "pass", "erased": "pass", "completed": "pass", "通过": "pass", "成功": "pass",
    "pass with warnings": "pass_with_warnings", "passed with warnings": "pass_with_warnings",
    "pass with warning": "pass_with_warnings", "warnings": "pass_with_warnings", "warning": "pass_with_warnings",
    "success with warnings": "pass_with_warnings", "completed with warnings": "pass_with_warnings",
    "fail": "fail", "failed": "fail", "failure": "fail", "error": "fail", "失败": "fail",
    "aborted": "aborted", "abort": "aborted", "cancelled": "aborted", "canceled": "aborted",
    "interrupted": "aborted", "中止": "aborted", "取消": "aborted",
}
_VERIFICATION_WORDS = {
    "none": "none", "no": "none", "off": "none", "not verified": "none", "unverified": "none", "无": "none",
    "sampling": "sampling", "sample": "sampling", "sampled": "sampling", "partial": "sampling",
    "spot check": "sampling", "抽样": "sampling",
    "full": "full", "all": "full", "complete": "full", "100%": "full", "full verification": "full",
    "last": "full", "last pass": "full", "full last pass": "full", "全部": "full", "完整": "full",
}
_VERIFY_RESULT_WORDS = {
    "pass": "pass", "passed": "pass", "ok": "pass", "success": "pass", "yes": "pass", "true": "pass",
    "verified": "pass", "通过": "pass",
    "fail": "fail", "failed": "fail", "failure": "fail", "no": "fail", "false": "fail", "失败": "fail",
}
_HIDDEN_WORDS = {
    "removed": "removed", "reset": "removed", "cleared": "removed", "hpa removed": "removed",
    "dco removed": "removed", "hpa/dco removed": "removed",
    "none found": "none_found", "none": "none_found", "not found": "none_found", "no": "none_found",
    "clean": "none_found", "no hpa": "none_found", "no hidden sectors": "none_found",
    "present": "present", "found": "present", "detected": "present", "yes": "present",
    "not checked": "not_checked", "unchecked": "not_checked", "unknown": "not_checked",
    "not applicable": "not_applicable", "n/a": "not_applicable", "na": "not_applicable",
}


def normalise_technique(text: str | None) -> str | None:
    """The technique key (one of :data:`TECHNIQUES`) that free text names, or None when it names none.

    Legacy overwrite names (DoD 5220.22-M, Gutmann, HMG IS5, Schneier, zeros, PRNG…) are ``overwrite``.
    """
    words = _words(text)
    if not words:
        return None
    key = words.replace(" ", "_")
    if key in TECHNIQUES:
        return key
    for pattern, technique in _TECHNIQUE_RULES:
        if pattern.search(words):
            return technique
    return None


def normalise_media_type(text: str | None) -> str | None:
    """The media type (one of :data:`MEDIA_TYPES`) that free text names ("Solid state" → ssd), or None."""
    words = _words(text)
    if not words:
        return None
    key = words.replace(" ", "_")
    if key in MEDIA_TYPES:
        return key
    for pattern, media in _MEDIA_RULES:
        if pattern.search(words):
            return media
    return None


def normalise_category(text: str | None) -> str | None:
    """clear, purge or destroy (also "NIST 800-88 Purge", "Destruct"; any case), or None."""
    key = re.sub(r"^nist( sp)?( 800 88)?( rev\.? ?\d\.?)?\s*", "", _key(text))
    return _CATEGORY_WORDS.get(key)


def normalise_result(text: str | None) -> str | None:
    """pass, pass_with_warnings, fail or aborted (or a common synonym), or None."""
    key = _key(text)
    return key.replace(" ", "_") if key.replace(" ", "_") in RESULTS else _RESULT_WORDS.get(key)


def resolve_zone(tz: str | None, *, whose: str = tr("the machine that wrote the file")) -> tuple[tzinfo, str]:
    """The zone for naive times, and its name: ``tz`` (an IANA name), else this computer's zone.

    An unknown name is an :class:`ImportFileError`. Without ``tz``, tzlocal gives the IANA name when it is
    installed; otherwise the operating system's current offset and abbreviation are used.
    """
    if tz is not None:
        name = str(tz).strip()
        try:
            return ZoneInfo(name), name
        except (ZoneInfoNotFoundError, ValueError, OSError):
            raise ImportFileError(tr(
                "{zone} is not a time zone this computer knows: give an IANA name such as Europe/Berlin or "
                "Asia/Shanghai, the zone of {whose}", zone=repr(tz), whose=whose,
            )) from None
    try:
        import tzlocal

        name = tzlocal.get_localzone_name()
        if name:
            return ZoneInfo(name), name
    except (ImportError, LookupError, OSError, ValueError):
        pass  # fall back to the offset the operating system reports right now
    local = datetime.now().astimezone().tzinfo
    assert local is not None  # astimezone() always attaches a zone
    return local, local.tzname(None) or "local"


_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def strip_control(text: str) -> str:
    """Remove terminal escape sequences and control characters; tabs and line breaks become spaces.

    What a file says must not be able to recolour a terminal or hide text in a PDF certificate.
    """
    return _CONTROL.sub("", _ANSI.sub("", re.sub(r"[\t\r\n]", " ", text)))


# --- columns -----------------------------------------------------------------------------------------

# field -> (how a person calls it, header synonyms); headers are compared after _words().
# The names are messages: a problem that names a column reads in the person's language.
_COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "asset_ref": (tr("asset"), (
        "asset", "asset tag", "asset ref", "asset reference", "asset id", "asset number", "asset no",
        "computer serial", "computer", "system serial", "host serial", "machine serial", "资产编号", "资产标签",
    )),
    "medium_serial": (tr("medium serial"), (
        "serial", "serial number", "serial no", "sn", "s n", "drive serial", "drive serial number",
        "disk serial", "disk serial number", "drive sn", "disk sn", "medium serial", "media serial",
        "hdd serial", "ssd serial", "硬盘序列号", "序列号",
    )),
    "media_type": (tr("media type"), (
        "media type", "medium type", "media", "drive type", "disk type", "type", "介质类型",
    )),
    "model": (tr("model"), ("model", "drive model", "disk model", "medium model", "media model", "型号")),
    "capacity_gb": (tr("capacity"), (
        "capacity", "capacity gb", "size", "size gb", "drive size", "disk size", "容量", "容量 gb",
    )),
    "category": (tr("category"), (
        "category", "sanitization category", "sanitisation category", "method type", "nist category",
        "nist method", "erasure category", "类别", "擦除类别",
    )),
    "technique": (tr("technique"), (
        "technique", "sanitization technique", "sanitisation technique", "erasure technique", "technique key",
        "擦除技术",
    )),
    "tool_label": (tr("method"), (
        "method", "erasure method", "wipe method", "sanitization method", "sanitisation method", "method used",
        "erasure algorithm", "algorithm", "擦除方法",
    )),
    "standard": (tr("standard"), ("standard", "erasure standard", "compliance standard", "标准")),
    "tool": (tr("tool"), ("tool", "software", "product", "erasure software", "wipe tool", "工具", "软件")),
    "tool_version": (tr("tool version"), (
        "tool version", "version", "software version", "product version", "版本",
    )),
    "passes": (tr("passes"), (
        "passes", "pass count", "number of passes", "overwrite passes", "rounds", "遍数",
    )),
    "verification": (tr("verification"), (
        "verification", "verification method", "verify", "verify mode", "verification type",
        "verification level", "验证方式",
    )),
    "verification_pct": (tr("verification %"), (
        "verification pct", "verification percent", "verification percentage", "verification coverage",
        "sampling pct", "sample pct", "verified pct", "验证比例",
    )),
    "verification_result": (tr("verification result"), (
        "verification result", "verify result", "verified", "verification status", "验证结果",
    )),
    "hidden_areas": (tr("hidden areas"), (
        "hidden areas", "hidden area", "hpa dco", "hpa", "dco", "hidden sectors", "hpa dco status", "隐藏区域",
    )),
    "result": (tr("result"), (
        "result", "status", "outcome", "erasure result", "wipe result", "erasure status", "结果", "状态",
    )),
    "started_at": (tr("start time"), (
        "started", "start", "start time", "started at", "start date", "begin", "开始时间",
    )),
    "ended_at": (tr("end time"), (
        "finished", "end", "end time", "ended", "ended at", "finished at", "completed", "completed at",
        "completion time", "date", "end date", "erasure date", "wipe date", "结束时间", "完成时间", "日期",
    )),
    "operator": (tr("operator"), (
        "operator", "technician", "performed by", "erased by", "wiped by", "user", "操作员", "操作人",
    )),
    "verifier": (tr("verifier"), ("verifier", "verified by", "validator", "validated by", "checked by", "验证人")),
    "errors": (tr("errors"), ("errors", "error", "error messages", "error message", "错误")),
    "notes": (tr("notes"), ("notes", "note", "comment", "comments", "remarks", "remark", "备注")),
}
# "Verification %", "Sampling (%)", "Verified %": the share of the medium that was read back.
_PCT_HEADERS = ("verification", "verify", "verified", "sample", "sampling", "coverage")


def _header_field(header: str) -> str | None:
    """The field a column header means, or None for a column this importer does not use."""
    words = _words(header)
    if "%" in str(header) and words in _PCT_HEADERS:
        return "verification_pct"
    for name, (_, synonyms) in _COLUMNS.items():
        if words in synonyms or words == name.replace("_", " "):
            return name
    return None


# --- values ------------------------------------------------------------------------------------------

_DATE = re.compile(
    r"^(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?(?:[ T]+(?P<time>.+))?$"
)
_TIME = re.compile(
    r"^(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,](?P<frac>\d{1,9}))?)?\s*"
    r"(?P<zone>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$",
    re.IGNORECASE,
)
_DMY = re.compile(r"^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}")
_NUMBER = re.compile(r"^(?P<num>[+-]?\d[\d ,.]*)\s*(?P<unit>[a-z%]*)$", re.IGNORECASE)


class _Problem(Exception):
    """One thing wrong with one cell; the row parser turns it into a numbered problem line."""


def _text(value: Any, limit: int = MAX_FIELD) -> str | None:
    if value is None:
        return None
    text = " ".join(strip_control(str(value)).split())
    if not text:
        return None
    if len(text) > limit:
        raise _Problem(tr("is longer than {limit} characters", limit=limit))
    return text


def _choice(value: str | None, normalise: Callable[[str], str | None], allowed: str) -> str | None:
    if value is None:
        return None
    key = normalise(value)
    if key is None:
        raise _Problem(tr("{value} is not one of {allowed}", value=repr(value), allowed=allowed))
    return key


def _number(value: str | None, *, what: str) -> float | None:
    """A number as spreadsheets write it: "512", "512,5", "1,000", "1 TB", "10%"."""
    if value is None:
        return None
    m = _NUMBER.match(value.strip())
    if not m:
        raise _Problem(tr("{value} is not a number", value=repr(value)))
    raw = m.group("num").replace(" ", "")
    if "," in raw and "." in raw:
        raw = raw.replace(",", "")  # 1,000.5
    elif raw.count(",") == 1 and len(raw.split(",")[1]) != 3:
        raw = raw.replace(",", ".")  # 512,5 (decimal comma)
    else:
        raw = raw.replace(",", "")  # 1,000
    try:
        number = float(raw)
    except ValueError:
        raise _Problem(tr("{value} is not a number", value=repr(value))) from None
    if not math.isfinite(number):
        raise _Problem(tr("{value} is not a number", value=repr(value)))
    unit = m.group("unit").lower()
    if what == "capacity":
        scale = {"": 1, "gb": 1, "g": 1, "gib": 1.073741824, "tb": 1000, "t": 1000, "tib": 1099.511627776,
                 "mb": 0.001, "m": 0.001, "mib": 0.001048576}.get(unit)
        if scale is None:
            raise _Problem(tr("{value}: unit {unit} is not GB, TB or MB", value=repr(value), unit=repr(m.group("unit"))))
        number *= scale
    elif unit not in ("", "%"):
        raise _Problem(tr("{value} is not a number", value=repr(value)))
    return number


def _time(value: str | None, zone: tzinfo) -> datetime | None:
    """ISO 8601 (2024-03-14T10:30:00+08:00, 2024-03-14 10:30, 2024/03/14, 2024年3月14日 10:30)."""
    if value is None:
        return None
    text = value.strip()
    m = _DATE.match(text)
    if not m:
        if _DMY.match(text):
            raise _Problem(tr("{value} is ambiguous: write dates as ISO 8601 (2024-03-14 10:30)", value=repr(value)))
        raise _Problem(tr("{value} is not a date and time (write ISO 8601, e.g. 2024-03-14 10:30)", value=repr(value)))
    hour = minute = second = micro = 0
    offset: str | None = None
    if m.group("time"):
        t = _TIME.match(m.group("time").strip())
        if not t:
            raise _Problem(tr("{value}: the time of day is not HH:MM[:SS][±HH:MM]", value=repr(value)))
        hour, minute, second = int(t.group("h")), int(t.group("mi")), int(t.group("s") or 0)
        micro = int((t.group("frac") or "0")[:6].ljust(6, "0"))
        offset = t.group("zone")
    try:
        moment = datetime(int(m.group("y")), int(m.group("m")), int(m.group("d")), hour, minute, second, micro)
    except ValueError as exc:
        raise _Problem(tr("{value} is not a valid date ({error})", value=repr(value), error=str(exc))) from None
    if offset is None:
        return moment.replace(tzinfo=zone)
    if offset.upper() in ("Z", "UTC", "GMT"):
        return datetime.fromisoformat(moment.isoformat() + "+00:00")
    digits = offset.replace(":", "")
    if len(digits) == 3:
        digits += "00"
    try:
        return datetime.fromisoformat(f"{moment.isoformat()}{digits[:3]}:{digits[3:5]}")
    except ValueError:
        raise _Problem(tr("{value}: {offset} is not a UTC offset", value=repr(value), offset=repr(offset))) from None


# --- the file ----------------------------------------------------------------------------------------

_REQUIRED = ("medium_serial", "category", "result", "ended_at")


def parse_wipe_csv(data: bytes, *, tz: str | None = None, filename: str = "the wipe CSV") -> WipeCsv:
    """Parse a CSV of wipe results; every row valid or :class:`ImportFileError` listing every problem.

    ``tz`` is the IANA zone for times written without an offset (default: this computer's zone).
    """
    zone, _ = resolve_zone(tz, whose=tr("the machine that recorded the wipes"))
    data = bytes(data)
    if not data.strip():
        raise ImportFileError(tr("{filename} is empty: there is no header row and no wipe results in it", filename=filename))
    headers, rows = _read_table(_decode(data, filename), filename)
    columns = _map_columns(headers, filename)
    if not rows:
        raise ImportFileError(tr("{filename} has a header row but no wipe results below it", filename=filename))
    problems: list[str] = []
    parsed: list[WipeRow] = []
    for number, cells in rows:
        row, row_problems = _row(number, cells, columns, headers, zone)
        problems.extend(row_problems)
        if row is not None:
            parsed.append(row)
    if problems:
        bad = len({p.split(":", 1)[0] for p in problems})
        raise ImportFileError(
            tr("{filename}: {rows} row(s) have problems ({n} in all), so nothing was imported; first: {first}",
               filename=filename, rows=bad, n=len(problems), first=problems[0]),
            problems=problems,
        )
    return WipeCsv(sha256=hashlib.sha256(data).hexdigest(), rows=tuple(parsed))


def _decode(data: bytes, filename: str) -> str:
    """UTF-8 (with or without BOM), else GB18030 as Excel on a Chinese Windows saves "CSV"."""
    if b"\x00" in data:
        raise ImportFileError(tr(
            "{filename} is not a text file (it holds NUL bytes, as a binary file or UTF-16 text does): "
            "save it as CSV UTF-8", filename=filename,
        ))
    for codec in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(tr("{filename} is neither UTF-8 nor GB18030 text: save it as CSV UTF-8", filename=filename))


def _read_table(text: str, filename: str) -> tuple[tuple[str, ...], list[tuple[int, tuple[str, ...]]]]:
    """The header and the non-blank rows, each with its row number as a spreadsheet shows it."""
    first = text.split("\n", 1)[0]
    try:
        delimiter = csv.Sniffer().sniff(text[:65536], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    if delimiter not in first or first.count(",") > first.count(delimiter):
        # The sniffer can be fooled by punctuation inside values; the header row decides.
        delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    headers: tuple[str, ...] | None = None
    rows: list[tuple[int, tuple[str, ...]]] = []
    try:
        for number, record in enumerate(reader, start=1):
            if headers is None:
                headers = tuple(c.strip().lstrip(codecs.BOM_UTF8.decode()) for c in record)
                if not any(headers):
                    raise ImportFileError(tr("{filename}: the first row must name the columns, but it is blank", filename=filename))
                continue
            if not "".join(record).strip():
                continue
            if len(record) > len(headers) and any(c.strip() for c in record[len(headers):]):
                raise ImportFileError(tr(
                    "{filename}: row {row} has {cells} cells but the header has {columns} columns (a value probably "
                    "holds the delimiter {delimiter} without quotes)",
                    filename=filename, row=number, cells=len(record), columns=len(headers), delimiter=repr(delimiter),
                ))
            cells = tuple(record[: len(headers)]) + ("",) * (len(headers) - len(record))
            rows.append((number, cells))
    except csv.Error as exc:
        raise ImportFileError(tr(
            "{filename} is not well-formed CSV near line {line} ({error}): a quote is probably opened and never closed",
            filename=filename, line=reader.line_num, error=str(exc),
        )) from None
    if headers is None:
        raise ImportFileError(tr("{filename} is empty: there is no header row and no wipe results in it", filename=filename))
    return headers, rows


def _map_columns(headers: tuple[str, ...], filename: str) -> dict[str, int]:
    columns: dict[str, int] = {}
    clashes: list[str] = []
    for index, header in enumerate(headers):
        name = _header_field(header)
        if name is None:
            continue
        if name in columns:
            clashes.append(tr(
                "columns {first} and {second} both mean {field}: rename or delete one",
                first=repr(headers[columns[name]]), second=repr(header), field=_COLUMNS[name][0],
            ))
            continue
        columns[name] = index
    if clashes:
        raise ImportFileError(tr("{filename}: {problem}", filename=filename, problem=clashes[0]), problems=clashes)
    missing = [name for name in _REQUIRED if name not in columns]
    if "technique" not in columns and "tool_label" not in columns:
        missing.insert(2, "technique")
    if missing:
        described = []
        for name in missing:
            label, synonyms = _COLUMNS[name]
            described.append(
                tr("{field} (e.g. '{example}') (or a 'method' column naming it)", field=label, example=synonyms[0])
                if name == "technique" else tr("{field} (e.g. '{example}')", field=label, example=synonyms[0]))
        raise ImportFileError(
            tr("{filename} lacks required column(s): {missing}. Its columns are: {columns}", filename=filename,
               missing=join(described, "; "), columns=", ".join(repr(h) for h in headers) or "none"),
            problems=[tr("missing column: {field}", field=_COLUMNS[name][0]) for name in missing],
        )
    return columns


class _RowReader:
    """Reads one row's cells into field values, collecting a numbered problem for each bad cell."""

    def __init__(self, number: int, cells: tuple[str, ...], columns: dict[str, int], headers: tuple[str, ...]):
        self.number = number
        self.cells = cells
        self.columns = columns
        self.headers = headers
        self.problems: list[str] = []
        self.bad: set[str] = set()

    def where(self, name: str) -> str:
        """The field's name, with the file's own column name when that differs."""
        label = _COLUMNS[name][0]
        index = self.columns.get(name)
        if index is None or _words(self.headers[index]) == _words(label):
            return label
        return tr("{field} (column {column})", field=label, column=repr(self.headers[index]))

    def problem(self, name: str | None, text: str) -> None:
        if name is not None:
            self.bad.add(name)
        self.problems.append(tr("line {line}: {problem}", line=self.number, problem=text))

    def get(self, name: str, convert: Callable[[str], Any] | None = None, limit: int = MAX_FIELD) -> Any:
        index = self.columns.get(name)
        if index is None or index >= len(self.cells):
            return None
        try:
            raw = _text(self.cells[index], limit)
            if raw is None:
                return None
            return convert(raw) if convert else raw
        except _Problem as problem:
            self.problem(name, tr("{field} {problem}", field=self.where(name), problem=problem.args[0]))
            return None

    def require(self, name: str, value: Any, choices: str | None = None) -> None:
        if value is None and name not in self.bad:
            where = self.where(name)
            self.problem(name, tr("{field} is empty ({choices})", field=where, choices=choices) if choices
                         else tr("{field} is empty", field=where))


def _row(
    number: int, cells: tuple[str, ...], columns: dict[str, int], headers: tuple[str, ...], zone: tzinfo
) -> tuple[WipeRow | None, list[str]]:
    """One row, or None and the row's problems."""
    r = _RowReader(number, cells, columns, headers)
    v: dict[str, Any] = {}
    v["asset_ref"] = r.get("asset_ref")
    v["medium_serial"] = r.get("medium_serial")
    r.require("medium_serial", v["medium_serial"])
    v["media_type"] = r.get("media_type", lambda t: _choice(t, normalise_media_type, ", ".join(MEDIA_TYPES)))
    v["model"] = r.get("model")
    v["capacity_gb"] = r.get("capacity_gb", lambda t: _positive(_number(t, what="capacity"), t))
    v["category"] = r.get("category", lambda t: _choice(t, normalise_category, "clear, purge, destroy"))
    r.require("category", v["category"], tr("clear, purge or destroy"))
    v["tool_label"] = r.get("tool_label")
    v["technique"] = r.get("technique", lambda t: _choice(t, normalise_technique, ", ".join(TECHNIQUES)))
    if v["technique"] is None and "technique" not in r.bad:
        # Tools print their method ("DoD 5220.22-M", "Gutmann"): a legacy overwrite name is an overwrite.
        v["technique"] = normalise_technique(v["tool_label"])
        if v["technique"] is None:
            known = ", ".join(TECHNIQUES)
            if v["tool_label"]:
                r.problem("technique", tr(
                    "technique is missing and the {field} {method} does not name one (one of {techniques})",
                    field=r.where("tool_label"), method=repr(v["tool_label"]), techniques=known))
            else:
                r.problem("technique", tr("technique is missing (one of {techniques})", techniques=known))
    v["standard"] = r.get("standard")
    v["tool"] = r.get("tool")
    v["tool_version"] = r.get("tool_version")
    v["passes"] = r.get("passes", _passes)
    mode = r.get("verification", lambda t: _choice(t, _normalise_verification, "none, sampling, full"))
    v["verification_pct"] = r.get("verification_pct", _percent)
    v["verification_result"] = r.get(
        "verification_result", lambda t: _choice(t, lambda x: _VERIFY_RESULT_WORDS.get(_key(x)), "pass, fail")
    )
    v["verification"] = _reconcile_verification(r, mode, v["verification_pct"], v["verification_result"])
    v["hidden_areas"] = r.get(
        "hidden_areas",
        lambda t: _choice(t, _normalise_hidden, "removed, none found, present, not checked, not applicable"),
    )
    v["result"] = r.get("result", lambda t: _choice(t, normalise_result, "pass, pass with warnings, fail, aborted"))
    r.require("result", v["result"], tr("pass, pass with warnings, fail or aborted"))
    v["started_at"] = r.get("started_at", lambda t: _time(t, zone))
    v["ended_at"] = r.get("ended_at", lambda t: _time(t, zone))
    r.require("ended_at", v["ended_at"])
    if v["started_at"] and v["ended_at"] and v["started_at"] > v["ended_at"]:
        r.problem("started_at", tr("{start} lies after the {end}", start=r.where("started_at"), end=r.where("ended_at")))
    v["operator"] = r.get("operator")
    v["verifier"] = r.get("verifier")
    v["errors"] = r.get("errors", limit=MAX_LONG_FIELD)
    v["notes"] = r.get("notes", limit=MAX_LONG_FIELD)
    if r.problems:
        return None, r.problems
    return WipeRow(line=number, **v), []


def _positive(number: float | None, raw: str | None) -> float | None:
    if number is not None and number <= 0:
        raise _Problem(tr("{value} is not a positive number", value=repr(raw)))
    return number


def _passes(value: str | None) -> int | None:
    number = _number(value, what="passes")
    if number is None:
        return None
    if number < 0 or number != int(number) or number > 1000:
        raise _Problem(tr("{value} is not a whole number of passes", value=repr(value)))
    return int(number)


def _percent(value: str | None) -> float | None:
    number = _number(value, what="percent")
    if number is None:
        return None
    if not 0 < number <= 100:
        raise _Problem(tr("{value} is not a percentage above 0 and at most 100", value=repr(value)))
    return number


def _normalise_verification(text: str) -> str | None:
    key = _key(text)
    if key in _VERIFICATION_WORDS:
        return _VERIFICATION_WORDS[key]
    if re.fullmatch(r"(full|complete)( [a-z ]+)?", key):
        return "full"
    if re.fullmatch(r"(sampl\w*|partial)( [a-z ]+)?", key):
        return "sampling"
    return None


def _normalise_hidden(text: str) -> str | None:
    key = _key(text)
    return key.replace(" ", "_") if key.replace(" ", "_") in HIDDEN_AREAS else _HIDDEN_WORDS.get(key)


def _reconcile_verification(r: _RowReader, mode: str | None, pct: float | None, result: str | None) -> str:
    """The verification mode, from its column or from the percentage; contradictions are problems."""
    if mode is None:
        if "verification" in r.bad:
            return "none"
        if pct is not None:
            return "full" if pct >= 100 else "sampling"
        if result is not None:
            r.problem("verification", tr("a verification result is given but not how it was verified (full or sampling)"))
        return "none"
    if mode == "full" and pct is not None and pct < 100:
        r.problem("verification", tr("verification is full but only {pct:g}% was verified", pct=pct))
    if mode == "none" and (pct is not None or result is not None):
        r.problem("verification", tr("verification is none but a verification percentage or result is given"))
    return mode
