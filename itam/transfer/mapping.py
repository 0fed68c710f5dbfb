"""Which column of an import file carries which asset field (data in resources/import_headers.toml).

Headers are normalised before they are compared, so "Model No.", "model_no" and "ＭＯＤＥＬ ＮＯ" are one
name. Each field's key and its English and Chinese labels (itam/fields.py) are always recognised; the data
file adds other tools' and people's names, names to use only as a fallback, and columns ignored on purpose.
"""

from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from itam.errors import ConfigurationError, ImportFileError
from itam.fields import ASSET_FIELDS, categories
from itam.lifecycle import default_lifecycle
from itam.paths import resource

#: Import targets beyond the asset's own fields.
EXTRA_TARGETS: dict[str, tuple[str, str]] = {
    "status": ("Status", "状态"),
    "mac_addresses": ("MAC addresses", "MAC 地址"),
    "ip_addresses": ("IP addresses", "IP 地址"),
}
TARGETS: tuple[str, ...] = (*ASSET_FIELDS, *EXTRA_TARGETS)
KEY_FIELDS = ("serial", "asset_tag")


def normalize(text: object) -> str:
    """Case, width, spaces and punctuation removed: the form headers and labels are compared in."""
    folded = unicodedata.normalize("NFKC", str(text)).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def target_label(field: str) -> str:
    if field in ASSET_FIELDS:
        return ASSET_FIELDS[field].label
    return EXTRA_TARGETS[field][0]


@dataclass(frozen=True)
class HeaderRules:
    primary: dict[str, str]  # normalised header -> field
    fallback: dict[str, str]
    ignored: dict[str, str]  # normalised header -> why it is skipped
    statuses: dict[str, str]  # normalised value -> status key
    categories: dict[str, str]  # normalised value -> category key


def _add(table: dict[str, str], name: str, target: str, what: str, path: str) -> None:
    key = normalize(name)
    if not key:
        raise ConfigurationError(f"{path}: the {what} name {name!r} is empty once normalised")
    if table.get(key, target) != target:
        raise ConfigurationError(f"{path}: the {what} {name!r} means both {table[key]!r} and {target!r}")
    table[key] = target


@lru_cache(maxsize=1)
def header_rules() -> HeaderRules:
    path = resource("import_headers.toml")
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigurationError(f"Cannot read the import header table {path}: {exc}") from exc
    where = str(path)
    primary: dict[str, str] = {}
    for name in TARGETS:
        label, label_zh = (ASSET_FIELDS[name].label, ASSET_FIELDS[name].label_zh) if name in ASSET_FIELDS else EXTRA_TARGETS[name]
        for alias in (name, label, label_zh):
            _add(primary, alias, name, "column", where)
    fallback: dict[str, str] = {}
    for name, spec in data.get("field", {}).items():
        if name not in TARGETS:
            raise ConfigurationError(f"{where}: unknown field {name!r} (known: {', '.join(TARGETS)})")
        for alias in spec.get("names", []):
            _add(primary, alias, name, "column", where)
        for alias in spec.get("fallback", []):
            _add(fallback, alias, name, "fallback column", where)
    ignored: dict[str, str] = {}
    for why, names in data.get("ignored", {}).items():
        for alias in names:
            _add(ignored, alias, why, "ignored column", where)
    for key in (*set(primary) & set(fallback), *set(ignored) & (set(primary) | set(fallback))):
        raise ConfigurationError(f"{where}: the column {key!r} is listed twice (as a field and as a fallback or ignored)")

    lifecycle = default_lifecycle()
    statuses: dict[str, str] = {}
    for st in lifecycle.statuses.values():
        for alias in (st.key, st.name, st.name_zh):
            _add(statuses, alias, st.key, "status", where)
    for value, key in data.get("status", {}).items():
        if key not in lifecycle.statuses:
            raise ConfigurationError(f"{where}: status value {value!r} maps to the unknown status {key!r}")
        _add(statuses, value, key, "status", where)
    cats: dict[str, str] = {}
    for value, key in data.get("category", {}).items():
        if key not in categories():
            raise ConfigurationError(f"{where}: category value {value!r} maps to the unknown category {key!r}")
        _add(cats, value, key, "category", where)
    return HeaderRules(primary, fallback, ignored, statuses, cats)


def status_key(value: str) -> str | None:
    """The status a cell names (key, English or Chinese name, or another tool's label); None if unknown."""
    return header_rules().statuses.get(normalize(value))


def category_alias(value: str) -> str | None:
    return header_rules().categories.get(normalize(value))


@dataclass(frozen=True)
class ColumnMap:
    """One column of the file and what the import does with it."""

    index: int
    header: str
    field: str | None  # None: the column is not imported
    note: str = ""  # why a column is ignored, or "explicit" / "fallback" for a mapped one

    @property
    def display(self) -> str:
        return self.header or f"(column {self.index + 1}, no header)"


@dataclass(frozen=True)
class ColumnMapping:
    columns: tuple[ColumnMap, ...]

    @property
    def fields(self) -> dict[str, int]:
        """Field -> column index, for the mapped columns."""
        return {c.field: c.index for c in self.columns if c.field}

    @property
    def ignored(self) -> tuple[ColumnMap, ...]:
        return tuple(c for c in self.columns if c.field is None)

    def header_of(self, field: str) -> str | None:
        for c in self.columns:
            if c.field == field:
                return c.display
        return None


def _resolve_target(name: str) -> str | None:
    """A field named in an explicit mapping: its key, or any header name the rules know for it."""
    if name in TARGETS:
        return name
    key = normalize(name)
    rules = header_rules()
    return rules.primary.get(key) or rules.fallback.get(key)


def map_columns(
    headers: Sequence[str],
    explicit: Mapping[str, str | None] | None = None,
    *,
    ignore_unknown: bool = False,
    blank_columns_with_data: frozenset[int] = frozenset(),
) -> ColumnMapping:
    """Decide each column's field; raise ImportFileError naming every column that cannot be decided.

    ``explicit`` maps a header (as written, or normalised) to a field, or to ``""``/``None`` to skip the
    column; it beats the automatic mapping. ``blank_columns_with_data`` are columns with no header that
    hold values somewhere (blank columns without values are dropped silently).
    """
    rules = header_rules()
    explicit = dict(explicit or {})
    errors: list[str] = []
    by_exact = {h: i for i, h in enumerate(headers)}
    by_norm: dict[str, list[int]] = {}
    for i, h in enumerate(headers):
        by_norm.setdefault(normalize(h), []).append(i)

    chosen: dict[int, tuple[str | None, str]] = {}
    for key, target in explicit.items():
        if key in by_exact:
            indexes = [i for i, h in enumerate(headers) if h == key]
        else:
            indexes = by_norm.get(normalize(key), [])
        if not indexes:
            shown = ", ".join(repr(h) for h in headers if h)
            errors.append(f"the mapping names the column {key!r}, which the file does not have (its columns: {shown})")
            continue
        field: str | None = None
        if target not in (None, ""):
            field = _resolve_target(str(target))
            if field is None:
                errors.append(f"the mapping sends {key!r} to {target!r}, which is not a field (fields: {', '.join(TARGETS)})")
                continue
        for i in indexes:
            chosen[i] = (field, "explicit" if field else "ignored by the mapping")

    primaries: dict[str, list[int]] = {}
    fallbacks: dict[str, list[int]] = {}
    unknown: list[int] = []
    for i, h in enumerate(headers):
        if i in chosen:
            field = chosen[i][0]
            if field:
                primaries.setdefault(field, []).append(i)
            continue
        key = normalize(h)
        if not key:
            if i in blank_columns_with_data:
                unknown.append(i)
            else:
                chosen[i] = (None, "no header and no values")
        elif key in rules.primary:
            primaries.setdefault(rules.primary[key], []).append(i)
            chosen[i] = (rules.primary[key], "")
        elif key in rules.fallback:
            fallbacks.setdefault(rules.fallback[key], []).append(i)
        elif key in rules.ignored:
            chosen[i] = (None, rules.ignored[key])
        else:
            unknown.append(i)

    def name(i: int) -> str:
        return repr(headers[i]) if headers[i] else f"column {i + 1} (no header)"

    for field, idx in primaries.items():
        if len(idx) > 1:
            errors.append(
                f"the columns {' and '.join(name(i) for i in idx)} all map to {target_label(field).lower()} ({field}); "
                "choose one by mapping the others to nothing"
            )
    for field, idx in fallbacks.items():
        if field in primaries:
            used = headers[primaries[field][0]]
            for i in idx:
                chosen[i] = (None, f"{target_label(field).lower()} comes from {used!r}")
        elif len(idx) > 1:
            errors.append(
                f"the columns {' and '.join(name(i) for i in idx)} all map to {target_label(field).lower()} ({field}); "
                "choose one by mapping the others to nothing"
            )
        else:
            chosen[idx[0]] = (field, "fallback")
    if unknown:
        if ignore_unknown:
            for i in unknown:
                chosen[i] = (None, "unknown column, ignored as asked")
        else:
            errors.append(
                f"unknown column{'s' if len(unknown) > 1 else ''} {', '.join(name(i) for i in unknown)}: "
                "map each to a field (for example --map \"COLUMN=serial\"), map it to nothing to skip it, "
                f"or ignore unknown columns (fields: {', '.join(TARGETS)})"
            )
    if errors:
        raise ImportFileError("The columns of the file cannot be mapped:\n  " + "\n  ".join(errors))
    columns = tuple(ColumnMap(i, headers[i], *chosen[i]) for i in range(len(headers)))
    return ColumnMapping(columns)
