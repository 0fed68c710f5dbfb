"""The asset fields a person or an import may set, with their types and parsing.

One table serves the CLI (``itam asset add --set field=value``), imports (header mapping), exports and
the GUI's editors, so a value is validated the same way whichever door it comes through.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from itam.errors import ValidationError
from itam.identifiers import clean_serial
from itam.messages import tr
from itam.paths import resource

GRADES = ("A", "B", "C", "D", "F")


@dataclass(frozen=True)
class Category:
    key: str
    name: str
    name_zh: str
    data_bearing: bool


@lru_cache(maxsize=1)
def categories() -> dict[str, Category]:
    with open(resource("categories.toml"), "rb") as fh:
        data = tomllib.load(fh)
    return {c["key"]: Category(**c) for c in data["category"]}


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: str  # text | category | date | decimal | float | bool | grade | currency | serial | ref
    label: str
    label_zh: str
    max_length: int | None = None
    sortable: bool = False
    filterable: bool = False


ASSET_FIELDS: dict[str, FieldSpec] = {
    f.name: f
    for f in (
        FieldSpec("asset_tag", "text", "Asset tag", "资产编号", 64, sortable=True),
        FieldSpec("category", "category", "Category", "类别", sortable=True, filterable=True),
        FieldSpec("manufacturer", "text", "Manufacturer", "制造商", 120, sortable=True, filterable=True),
        FieldSpec("model", "text", "Model", "型号", 200, sortable=True, filterable=True),
        FieldSpec("serial", "serial", "Serial number", "序列号", 128, sortable=True),
        FieldSpec("hostname", "text", "Hostname", "主机名", 255, sortable=True),
        FieldSpec("os_name", "text", "Operating system", "操作系统", 120),
        FieldSpec("os_version", "text", "OS version", "系统版本", 120),
        FieldSpec("cpu", "text", "CPU", "处理器", 200),
        FieldSpec("ram_gb", "float", "RAM (GB)", "内存 (GB)"),
        FieldSpec("storage_gb", "float", "Storage (GB)", "存储 (GB)"),
        FieldSpec("purchase_date", "date", "Purchase date", "购买日期", sortable=True),
        FieldSpec("purchase_cost", "decimal", "Purchase cost", "购买成本"),
        FieldSpec("currency", "currency", "Currency", "币种", 3),
        FieldSpec("warranty_end", "date", "Warranty end", "保修截止", sortable=True),
        FieldSpec("department", "text", "Department", "部门", 200, sortable=True, filterable=True),
        FieldSpec("location", "ref", "Location", "位置", 200, filterable=True),
        FieldSpec("assignee", "ref", "Assigned to", "使用人", 200, filterable=True),
        FieldSpec("condition_grade", "grade", "Condition grade", "成色等级", 1, sortable=True, filterable=True),
        FieldSpec("weight_kg", "float", "Weight (kg)", "重量 (kg)"),
        FieldSpec("data_bearing", "bool", "Data-bearing", "含数据存储", filterable=True),
        FieldSpec("notes", "text", "Notes", "备注", 10_000),
        FieldSpec("first_seen", "datetime", "First seen", "首次发现", sortable=True),
        FieldSpec("last_seen", "datetime", "Last seen", "最近发现", sortable=True),
    )
}

#: Columns of the inventory listing that SQL may sort by (besides the fields above).
EXTRA_SORTABLE = ("id", "stage", "status", "updated_at", "created_at")

_TRUE = {"1", "true", "yes", "y", "t", "x", "是", "✓"}
_FALSE = {"0", "false", "no", "n", "f", "否"}
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y", "%Y%m%d", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M:%S")
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
#: The largest amount a Numeric(14, 2) column (purchase cost) holds.
MAX_AMOUNT = Decimal("999999999999.99")


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _parse_date(text: str) -> date:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        raise ValidationError(tr("'{text}' is not a date (use YYYY-MM-DD)", text=text)) from None


def _parse_number(text: str, field: FieldSpec) -> str:
    cleaned = text.strip().replace(" ", "")
    for sym in ("¥", "￥", "$", "€", "£"):
        cleaned = cleaned.replace(sym, "")
    if not _NUMBER.match(cleaned):
        raise ValidationError(tr("'{text}' is not a number", text=text))
    return cleaned.replace(",", "")


def parse_value(name: str, raw: object):  # noqa: ANN201 - returns the field's Python type
    """Turn what a person typed (or a cell held) into the field's value; ``None`` for empty."""
    spec = ASSET_FIELDS.get(name)
    if spec is None:
        raise ValidationError(tr("unknown field '{name}' (known: {known})", name=name, known=", ".join(ASSET_FIELDS)))
    if raw is None:
        return None
    if isinstance(raw, str):
        text = raw.strip()
        if text == "":
            return None
    else:
        text = str(raw)
    kind = spec.kind
    if kind == "bool":
        if isinstance(raw, bool):
            return raw
        low = text.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        raise ValidationError(tr("'{text}' is not yes or no", text=text))
    if kind == "date":
        if isinstance(raw, datetime):
            return raw.date()
        if isinstance(raw, date):
            return raw
        return _parse_date(text)
    if kind == "datetime":
        if isinstance(raw, datetime):
            return raw.replace(tzinfo=None)
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00")).replace(tzinfo=None)
        except ValueError:
            raise ValidationError(tr("'{text}' is not a date and time (use YYYY-MM-DD HH:MM)", text=text)) from None
    if kind == "decimal":
        if isinstance(raw, (int, float, Decimal)) and not isinstance(raw, bool):
            value = Decimal(str(raw))
        else:
            try:
                value = Decimal(_parse_number(text, spec))
            except InvalidOperation:
                raise ValidationError(tr("'{text}' is not an amount", text=text)) from None
        if not value.is_finite():  # NaN or infinity, from a spreadsheet cell
            raise ValidationError(tr("'{text}' is not an amount", text=_short(text)))
        if value < 0:
            raise ValidationError(tr("{value} is negative", value=value))
        if value > MAX_AMOUNT:  # the column holds 14 digits, 2 of them after the point
            raise ValidationError(tr("{text} is too large for an amount (at most {limit:,})", text=_short(text),
                                     limit=MAX_AMOUNT))
        return value.quantize(Decimal("0.01"))
    if kind == "float":
        try:
            if isinstance(raw, (int, float)) and not isinstance(raw, bool):
                value = float(raw)
            else:
                value = float(_parse_number(text, spec))
        except OverflowError:
            value = math.inf
        if not math.isfinite(value):  # a number with hundreds of digits, or NaN / infinity from a spreadsheet
            raise ValidationError(tr("'{text}' is not a usable number", text=_short(text)))
        if value < 0:
            raise ValidationError(tr("{value:g} is negative", value=value))
        return value
    if kind == "grade":
        grade = text.upper()
        if grade not in GRADES:
            raise ValidationError(tr("'{text}' is not a condition grade ({grades})", text=text, grades=", ".join(GRADES)))
        return grade
    if kind == "category":
        key = text.lower().replace(" ", "_").replace("-", "_")
        cats = categories()
        if key in cats:
            return key
        for cat in cats.values():
            if text.lower() in (cat.name.lower(), cat.name_zh) or key in (cat.name.lower().replace(" ", "_"),):
                return cat.key
        plural = key[:-1] if key.endswith("s") else key
        if plural in cats:
            return plural
        raise ValidationError(tr("'{text}' is not a category ({known})", text=text, known=", ".join(cats)))
    if kind == "currency":
        code = text.upper()
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise ValidationError(tr("'{text}' is not a three-letter currency code", text=text))
        return code
    if kind == "serial":
        value = clean_serial(text)
    else:
        value = text
    if value is not None and spec.max_length and len(value) > spec.max_length:
        raise ValidationError(tr("longer than {max} characters", max=spec.max_length))
    return value


def to_plain(value: object) -> object:
    """A JSON-friendly form of a field value (for history, --json, exports)."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value
