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
from typing import Self

from itam.errors import ConfigurationError, ImportFileError
from itam.fields import ASSET_FIELDS, categories
from itam.lifecycle import default_lifecycle
from itam.messages import Message, join, tr
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


class _Label(Message):
    """A field's label inside a sentence: lower-case in English, the field's own Chinese label in Chinese."""

    __slots__ = ("zh",)
    zh: str

    def __new__(cls, english: str, zh: str) -> Self:
        self = super().__new__(cls, english)
        self.zh = zh
        return self

    def __reduce__(self):
        return (_Label, (self.template, self.zh))

    def localized(self, language: str | None) -> str:
        if language and language.startswith("zh") and self.zh:
            return self.zh
        return str.__str__(self)


def field_label(field: str) -> Message:
    """``target_label(field).lower()`` for a sentence, shown as the field's Chinese label in Chinese."""
    zh = ASSET_FIELDS[field].label_zh if field in ASSET_FIELDS else EXTRA_TARGETS[field][1]
    return _Label(target_label(field).lower(), zh)


@dataclass(frozen=True)
class HeaderRules:
    primary: dict[str, str]  # normalised header -> field
    fallback: dict[str, str]
    ignored: dict[str, str]  # normalised header -> why it is skipped
    statuses: dict[str, str]  # normalised value -> status key
    categories: dict[str, str]  # normalised value -> category key


#: The reasons resources/import_headers.toml gives for the columns it ignores, translatable in the preview.
_IGNORE_REASONS = {
    str(m): m
    for m in (
        tr("kept by itam itself or set by the lifecycle from the status"),
        tr("no counterpart in itam"),
    )
}


def _add(table: dict[str, str], name: str, target: str, what: Message, path: str) -> None:
    key = normalize(name)
    if not key:
        raise ConfigurationError(
            tr("{path}: the {what} name {name} is empty once normalised", path=path, what=what, name=repr(name))
        )
    if table.get(key, target) != target:
        raise ConfigurationError(tr(
            "{path}: the {what} {name} means both {first} and {second}",
            path=path, what=what, name=repr(name), first=repr(table[key]), second=repr(target),
        ))
    table[key] = target


@lru_cache(maxsize=1)
def header_rules() -> HeaderRules:
    path = resource("import_headers.toml")
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigurationError(
            tr("Cannot read the import header table {path}: {error}", path=str(path), error=str(exc))
        ) from exc
    where = str(path)
    column, fallback_column, ignored_column = tr("column"), tr("fallback column"), tr("ignored column")
    status_word, category_word = tr("status"), tr("category")
    primary: dict[str, str] = {}
    for name in TARGETS:
        label, label_zh = (ASSET_FIELDS[name].label, ASSET_FIELDS[name].label_zh) if name in ASSET_FIELDS else EXTRA_TARGETS[name]
        for alias in (name, label, label_zh):
            _add(primary, alias, name, column, where)
    fallback: dict[str, str] = {}
    for name, spec in data.get("field", {}).items():
        if name not in TARGETS:
            raise ConfigurationError(
                tr("{path}: unknown field {name} (known: {known})", path=where, name=repr(name), known=", ".join(TARGETS))
            )
        for alias in spec.get("names", []):
            _add(primary, alias, name, column, where)
        for alias in spec.get("fallback", []):
            _add(fallback, alias, name, fallback_column, where)
    ignored: dict[str, str] = {}
    for why, names in data.get("ignored", {}).items():
        for alias in names:
            _add(ignored, alias, _IGNORE_REASONS.get(why, why), ignored_column, where)
    for key in (*set(primary) & set(fallback), *set(ignored) & (set(primary) | set(fallback))):
        raise ConfigurationError(tr(
            "{path}: the column {name} is listed twice (as a field and as a fallback or ignored)", path=where, name=repr(key)
        ))

    lifecycle = default_lifecycle()
    statuses: dict[str, str] = {}
    for st in lifecycle.statuses.values():
        for alias in (st.key, st.name, st.name_zh):
            _add(statuses, alias, st.key, status_word, where)
    for value, key in data.get("status", {}).items():
        if key not in lifecycle.statuses:
            raise ConfigurationError(tr(
                "{path}: status value {value} maps to the unknown status {key}", path=where, value=repr(value), key=repr(key)
            ))
        _add(statuses, value, key, status_word, where)
    cats: dict[str, str] = {}
    for value, key in data.get("category", {}).items():
        if key not in categories():
            raise ConfigurationError(tr(
                "{path}: category value {value} maps to the unknown category {key}", path=where, value=repr(value), key=repr(key)
            ))
        _add(cats, value, key, category_word, where)
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
    note: str = ""  # why a column is ignored (a message), or "explicit" / "fallback" for a mapped one

    @property
    def display(self) -> str:
        return self.header or tr("(column {n}, no header)", n=self.index + 1)


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
    errors: list[Message] = []
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
            errors.append(tr(
                "the mapping names the column {name}, which the file does not have (its columns: {columns})",
                name=repr(key), columns=shown,
            ))
            continue
        field: str | None = None
        if target not in (None, ""):
            field = _resolve_target(str(target))
            if field is None:
                errors.append(tr(
                    "the mapping sends {name} to {target}, which is not a field (fields: {fields})",
                    name=repr(key), target=repr(target), fields=", ".join(TARGETS),
                ))
                continue
        for i in indexes:
            chosen[i] = (field, "explicit" if field else tr("ignored by the mapping"))

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
                chosen[i] = (None, tr("no header and no values"))
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
        return repr(headers[i]) if headers[i] else tr("column {n} (no header)", n=i + 1)

    def clash(field: str, idx: list[int]) -> Message:
        names = name(idx[0])
        for i in idx[1:]:
            names = tr("{first} and {second}", first=names, second=name(i))
        return tr(
            "the columns {names} all map to {label} ({field}); choose one by mapping the others to nothing",
            names=names, label=field_label(field), field=field,
        )

    for field, idx in primaries.items():
        if len(idx) > 1:
            errors.append(clash(field, idx))
    for field, idx in fallbacks.items():
        if field in primaries:
            used = headers[primaries[field][0]]
            for i in idx:
                chosen[i] = (None, tr("{label} comes from {column}", label=field_label(field), column=repr(used)))
        elif len(idx) > 1:
            errors.append(clash(field, idx))
        else:
            chosen[idx[0]] = (field, "fallback")
    if unknown:
        if ignore_unknown:
            for i in unknown:
                chosen[i] = (None, tr("unknown column, ignored as asked"))
        else:
            names = join([name(i) for i in unknown], ", ")
            fields = ", ".join(TARGETS)
            errors.append(
                tr(
                    "unknown columns {names}: map each to a field (for example --map \"COLUMN=serial\"), map it to "
                    "nothing to skip it, or ignore unknown columns (fields: {fields})",
                    names=names, fields=fields,
                ) if len(unknown) > 1 else tr(
                    "unknown column {names}: map each to a field (for example --map \"COLUMN=serial\"), map it to "
                    "nothing to skip it, or ignore unknown columns (fields: {fields})",
                    names=names, fields=fields,
                )
            )
    if errors:
        raise ImportFileError(
            tr("The columns of the file cannot be mapped:\n  {problems}", problems=join(errors, "\n  "))
        )
    columns = tuple(ColumnMap(i, headers[i], *chosen[i]) for i in range(len(headers)))
    return ColumnMapping(columns)
