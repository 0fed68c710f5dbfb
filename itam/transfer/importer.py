"""Planning and applying an inventory import.

:func:`build_plan` writes nothing (it only looks things up in the database): it parses every row, matches it to
an existing asset (by serial, by asset tag, or serial then tag), and returns a frozen :class:`ImportPlan`
with the rows to create, the field differences of the rows to update, and every row's problems.
:func:`apply_plan` writes a plan inside the caller's unit of work: new assets through Core bulk inserts
with their history built here and appended through the chain's bulk path, changed assets through the ORM
(the flush listener records them), lifecycle status changes through the transition engine.
"""

from __future__ import annotations

import gc
import ipaddress
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial
from itertools import compress, repeat
from operator import is_not, itemgetter, methodcaller
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, insert, or_, select
from sqlalchemy import Table as Table_
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from itam.crashpoints import crash_point
from itam.db import search
from itam.errors import ImportFileError, ItamError, TransitionError, ValidationError
from itam.fields import ASSET_FIELDS, categories, parse_value, to_plain
from itam.history.chain import PendingEntry
from itam.identifiers import clean_mac, is_multicast_mac, is_placeholder_mac
from itam.lifecycle import default_lifecycle
from itam.lifecycle.engine import MoveRequest, apply_transition, check_transition
from itam.messages import Message, join, tr
from itam.models import Asset, AssetAddress, Location, Person, utcnow
from itam.services.context import UnitOfWork
from itam.transfer.mapping import (
    KEY_FIELDS,
    ColumnMap,
    ColumnMapping,
    category_alias,
    field_label,
    map_columns,
    status_key,
)
from itam.transfer.reading import Table

log = logging.getLogger(__name__)

MATCH_MODES = ("auto", "serial", "asset_tag")
#: Rows written per batch: progress and cancellation are checked between batches.
BATCH_SIZE = 5_000
#: SQLite page cache (KiB) while an import writes.
BULK_CACHE_KIB = 64 * 1024
#: Values per IN (...) list when looking rows up.
_LOOKUP_CHUNK = 500
#: Matched assets read per query when comparing them with the file.
_STATE_CHUNK = 2_000
#: From this many keys on, existing keys are read in one pass instead of IN lists.
_SCAN_THRESHOLD = 5_000
#: Our export writes an apostrophe before text that a spreadsheet would take for a formula.
_NEUTRALISED = re.compile(r"^'[=+\-@\t\r]")
_ADDRESS_SPLIT = re.compile(r"[\s,;]+")
_ONE_MAC = re.compile(r"[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}")
#: Asset columns a create writes, besides the fields in ASSET_FIELDS that are plain columns.
_PLAIN_FIELDS = tuple(n for n, f in ASSET_FIELDS.items() if f.kind != "ref")
_ADDRESS_FIELDS = {"mac_addresses": "mac", "ip_addresses": "ip"}
_DATETIME_FIELDS = frozenset(n for n, f in ASSET_FIELDS.items() if f.kind == "datetime")
#: Every column a create writes (executemany wants the same keys in every row).
_INSERT_COLUMNS = (*_PLAIN_FIELDS, "location_id", "assignee_id", "status", "stage", "created_at", "updated_at", "version")


class TransferCancelled(ItamError):
    """The person cancelled an import or export; nothing was written."""


ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]


@dataclass(frozen=True)
class RowProblem:
    """Why one row (or one cell) cannot be imported, as the person sees the file."""

    row: int
    column: str | None
    reason: str  # a message

    @property
    def message(self) -> Message:
        """The problem as one translatable sentence: ``row 3, Serial: …``."""
        if self.column:
            return tr("row {row}, {column}: {reason}", row=self.row, column=self.column, reason=self.reason)
        return tr("row {row}: {reason}", row=self.row, reason=self.reason)

    def __str__(self) -> str:
        return str(self.message)

    def localized(self, language: str | None) -> str:
        return self.message.localized(language)


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class PlannedCreate:
    row: int
    values: tuple[tuple[str, Any], ...]  # parsed fields; location and assignee as names
    status: str
    macs: tuple[str, ...] = ()
    ips: tuple[str, ...] = ()

    @property
    def fields(self) -> dict[str, Any]:
        return dict(self.values)

    @property
    def label(self) -> str:
        f = self.fields
        return f.get("asset_tag") or f.get("serial") or tr("row {row}", row=self.row)


@dataclass(frozen=True)
class PlannedUpdate:
    row: int
    asset_id: int
    version: int
    label: str
    changes: tuple[FieldChange, ...]
    transition: str | None = None  # the lifecycle transition a status change goes through

    @property
    def status(self) -> str | None:
        for c in self.changes:
            if c.field == "status":
                return c.after
        return None


@dataclass(frozen=True)
class ImportPlan:
    """A dry run: what an import would do. Nothing has been written."""

    source: str
    format: str
    encoding: str | None
    delimiter: str | None
    sheet: str | None
    digest: str
    match: str
    ignore_unknown: bool
    explicit: tuple[tuple[str, str | None], ...]
    columns: tuple[ColumnMap, ...]
    rows: int
    creates: tuple[PlannedCreate, ...]
    updates: tuple[PlannedUpdate, ...]
    unchanged: int
    problems: tuple[RowProblem, ...]
    locations: tuple[str, ...] = ()  # every location the written rows name
    people: tuple[str, ...] = ()  # every assignee (name or e-mail) the written rows name
    new_locations: tuple[str, ...] = ()  # … of which these do not exist yet and will be added
    new_people: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return Path(self.source).name

    @property
    def mapping(self) -> dict[str, str]:
        """Header -> field for every imported column."""
        return {c.display: c.field for c in self.columns if c.field}

    @property
    def ignored_columns(self) -> dict[str, str]:
        """Header -> why it is not imported."""
        return {c.display: c.note for c in self.columns if c.field is None}

    @property
    def invalid_rows(self) -> int:
        return len({p.row for p in self.problems})

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def reason(self) -> str:
        return f"import from {self.name}"

    def same_outcome(self, other: ImportPlan) -> bool:
        return (self.creates, self.updates, self.unchanged, self.problems) == (
            other.creates,
            other.updates,
            other.unchanged,
            other.problems,
        )

    def problems_error(self) -> ImportFileError:
        lines = [p.message for p in self.problems[:25]]
        if len(self.problems) > 25:
            lines.append(tr("… and {more} more", more=len(self.problems) - 25))
        shown = join(lines, "\n  ")
        n = self.invalid_rows
        if n == 1:
            message = tr(
                "1 row of {file} cannot be imported, so nothing was imported:\n  {problems}\n"
                "Correct the file, or import only the valid rows (skip invalid rows).",
                file=self.name, problems=shown,
            )
        else:
            message = tr(
                "{n} rows of {file} cannot be imported, so nothing was imported:\n  {problems}\n"
                "Correct the file, or import only the valid rows (skip invalid rows).",
                n=n, file=self.name, problems=shown,
            )
        return ImportFileError(message, list(self.problems))


@dataclass(frozen=True)
class ImportResult:
    operation: str
    created: int
    updated: int
    unchanged: int
    skipped: int  # rows left out because of their problems (skip_invalid)
    problems: tuple[RowProblem, ...]
    history_entries: int
    new_locations: tuple[str, ...] = ()
    new_people: tuple[str, ...] = ()


# --- planning ---------------------------------------------------------------------------------------


@dataclass
class _Row:
    number: int
    values: dict[str, Any]
    problems: list[RowProblem] = field(default_factory=list)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Hold the cyclic garbage collector while an import builds and writes hundreds of thousands of
    small objects: it would otherwise rescan every live row again and again (CPython 3.11 collects by
    allocation count), which makes a large import several times slower. Imports create no cycles
    worth collecting meanwhile."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _chunks(seq: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for i in range(0, len(seq), size):
        yield seq[i : i + size]


def _cancel_check(is_cancelled: CancelFn | None) -> None:
    if is_cancelled is not None and is_cancelled():
        raise TransferCancelled(tr("import cancelled: nothing was written"))


def clean_cell(value: Any) -> Any:
    """None for an empty cell; a string without the apostrophe our export puts before formula-like text."""
    if value is None:
        return None
    if isinstance(value, str):
        if not value.strip():
            return None
        if _NEUTRALISED.match(value):
            return value[1:]
    return value


class _Bad:
    """A cell that does not parse: the reason, cached like a good value."""

    __slots__ = ("reason",)

    def __init__(self, reason: Message):
        self.reason = reason


def _parse_status(raw: Any) -> str:
    key = status_key(str(raw))
    if key is None:
        raise ValidationError(
            tr("'{value}' is not a status (known: {known})", value=raw, known=", ".join(default_lifecycle().statuses))
        )
    return key


def _parse_macs(raw: Any) -> tuple[str, ...]:
    text = str(raw).strip()
    if _ONE_MAC.fullmatch(text):
        # The usual cell: one MAC already written aa:bb:cc:dd:ee:ff. clean_mac's rules, without
        # normalising what is already normal.
        mac = text.lower()
        if is_placeholder_mac(mac) or is_multicast_mac(mac):
            clean_mac(text)  # raises with the message for it
        return (mac,)
    return tuple(dict.fromkeys(clean_mac(m) for m in _ADDRESS_SPLIT.split(text) if m))


def _parse_ips(raw: Any) -> tuple[str, ...]:
    ips = []
    for text in _ADDRESS_SPLIT.split(str(raw).strip()):
        if text:
            try:
                ips.append(str(ipaddress.ip_address(text)))
            except ValueError:
                raise ValidationError(tr("'{text}' is not an IP address", text=text)) from None
    return tuple(dict.fromkeys(ips))


def _parse_category(raw: Any) -> str:
    if isinstance(raw, str):
        raw = category_alias(raw) or raw
    return parse_value("category", raw)


def _converter(name: str) -> Callable[[Any], Any]:
    special = {"status": _parse_status, "mac_addresses": _parse_macs, "ip_addresses": _parse_ips, "category": _parse_category}
    if name in special:
        return special[name]
    return partial(parse_value, name)


def _parse_rows(
    table: Table, mapping: ColumnMapping, progress: ProgressFn | None, is_cancelled: CancelFn | None
) -> list[_Row]:
    """Every row's field values, and a problem naming the column for each cell that does not parse.

    Work goes column by column: each distinct value of a column is parsed once (categories, models,
    dates, places and people repeat from row to row) and the rows are put together at the end. A cell
    left empty is not a value: an import never clears a field.
    """
    numbers = [number for number, _ in table.rows]
    cells = [c for _, c in table.rows]
    columns = [c for c in mapping.columns if c.field]
    parsed_columns: list[list[Any]] = []
    problems: dict[int, list[RowProblem]] = {}
    text_only = table.format == "csv"
    for done, column in enumerate(columns):
        _cancel_check(is_cancelled)
        if progress:
            progress(done, len(columns))
        convert = _converter(column.field)  # type: ignore[arg-type]
        try:
            raw = list(map(itemgetter(column.index), cells))
        except IndexError:  # the reader does not pad short rows: their missing cells are empty
            index = column.index
            raw = [c[index] if index < len(c) else None for c in cells]
        # Keys: 1, 1.0 and True are one dict key, so cells that are not text keep their type apart.
        keys = raw if text_only else [v if v.__class__ is str else (v.__class__, v) for v in raw]
        parsed_by_key: dict[Any, Any] = dict.fromkeys(keys, _UNSET)
        if text_only:
            parsed_by_key = dict(zip(parsed_by_key, map(partial(_parse_cell, convert), parsed_by_key)))
        else:
            for key, value in zip(keys, raw, strict=True):
                if parsed_by_key[key] is _UNSET:
                    parsed_by_key[key] = _parse_cell(convert, value)
        parsed = list(map(parsed_by_key.__getitem__, keys))
        if _Bad in map(type, parsed_by_key.values()):
            for i, value in enumerate(parsed):
                if value.__class__ is _Bad:
                    problems.setdefault(i, []).append(RowProblem(numbers[i], column.display, value.reason))
                    parsed[i] = None
        parsed_columns.append(parsed)
    if progress:
        progress(len(columns), len(columns))
    names = [c.field for c in columns]
    # Each row's dict holds the cells that have a value (all in C: zip, map and compress).
    rows = [
        _Row(number, dict(compress(zip(names, values), map(is_not, values, repeat(None)))))
        for number, *values in zip(numbers, *parsed_columns, strict=True)
    ]
    for i, found in problems.items():
        rows[i].problems.extend(found)
    return rows


_UNSET = object()


def _parse_cell(convert: Callable[[Any], Any], raw: Any) -> Any:
    """The cell's value, None when empty, or a _Bad with the reason it does not parse."""
    if raw is None or raw == "":
        return None
    if raw.__class__ is str:
        if raw[0] == "'" and _NEUTRALISED.match(raw):
            raw = raw[1:]
        elif raw[0].isspace() and not raw.strip():
            return None  # blank, not "no" (parse_value reads an empty yes/no field as no)
    try:
        value = convert(raw)
    except ValidationError as exc:
        return _Bad(exc.args[0] if exc.args else str(exc))
    return None if value == () else value


def build_plan(
    session: Session,
    table: Table,
    *,
    mapping: Mapping[str, str | None] | None = None,
    match: str = "auto",
    ignore_unknown: bool = False,
    progress: ProgressFn | None = None,
    is_cancelled: CancelFn | None = None,
) -> ImportPlan:
    """Everything the import would do, and every reason it cannot; reads the database, writes nothing."""
    if match not in MATCH_MODES:
        raise ValidationError(tr("match must be one of {modes}, not {match}", modes=", ".join(MATCH_MODES), match=repr(match)))
    blank_with_data = frozenset(
        i for i, h in enumerate(table.headers) if not h and any(i < len(c) and clean_cell(c[i]) is not None for _, c in table.rows)
    )
    cmap = map_columns(table.headers, mapping, ignore_unknown=ignore_unknown, blank_columns_with_data=blank_with_data)
    mapped = cmap.fields
    keys = [k for k in KEY_FIELDS if k in mapped]
    if match != "auto" and match not in mapped:
        raise ImportFileError(tr(
            "{file} has no {label} column, which --match {match} needs to find assets (mapped columns: {mapped})",
            file=Path(table.path).name, label=field_label(match), match=match, mapped=_mapped_summary(cmap),
        ))
    if not keys:
        raise ImportFileError(tr(
            "{file} has neither a serial number nor an asset tag column, so its rows cannot be "
            "matched to assets (mapped columns: {mapped}). Name the key column, for example "
            '--map "Seriennummer=serial".',
            file=Path(table.path).name, mapped=_mapped_summary(cmap),
        ))
    header = {name: cmap.header_of(name) for name in mapped}

    rows = _parse_rows(table, cmap, progress, is_cancelled)
    total = len(rows)

    key_fields = keys if match == "auto" else [match]
    _check_keys(rows, key_fields, header, match)
    for name in KEY_FIELDS:
        if name in mapped:
            _check_duplicates(rows, name, header[name])

    existing = {name: _lookup(session, name, {r.values[name] for r in rows if name in r.values}) for name in KEY_FIELDS}
    lifecycle = default_lifecycle()
    reason = f"import from {Path(table.path).name}"
    creates: list[PlannedCreate] = []
    matched: list[tuple[_Row, int]] = []
    locations: set[str] = set()
    people: set[str] = set()
    for row in rows:
        if row.problems:
            continue
        target = _match(row, match, existing, header)
        if row.problems:
            continue
        if target is None:
            if "category" not in row.values:
                row.problems.append(
                    RowProblem(row.number, header.get("category"), tr("a new asset needs a category (none given)"))
                )
                continue
            creates.append(_planned_create(row))
            if "location" in row.values:
                locations.add(row.values["location"])
            if "assignee" in row.values:
                people.add(row.values["assignee"])
        else:
            matched.append((row, target))
    matched = _one_row_per_asset(matched)

    updates: list[PlannedUpdate] = []
    unchanged = 0
    for batch in _chunks(matched, _STATE_CHUNK):
        _cancel_check(is_cancelled)
        current = _current_state(session, [t for _, t in batch], want_addresses=any(n in mapped for n in _ADDRESS_FIELDS))
        for row, target in batch:
            cur = current[target]
            changes = _diff(row.values, cur)
            if not changes:
                unchanged += 1
                continue
            transition = None
            new_status = row.values.get("status")
            if new_status is not None and new_status != cur["status"]:
                transition = _check_status_change(session, lifecycle, row, cur, reason, header.get("status"))
                if transition is None:
                    continue
            updates.append(PlannedUpdate(row.number, target, cur["version"], cur["label"], tuple(changes), transition))

    problems = tuple(sorted((p for r in rows for p in r.problems), key=lambda p: p.row))
    failed = {p.row for p in problems}
    for u in updates:
        for ch in u.changes:
            if ch.field == "location" and ch.after:
                locations.add(ch.after)
            elif ch.field == "assignee" and ch.after:
                people.add(ch.after)
    new_locations, new_people = _new_references(session, locations, people)
    return ImportPlan(
        source=table.path,
        format=table.format,
        encoding=table.encoding,
        delimiter=table.delimiter,
        sheet=table.sheet,
        digest=table.digest,
        match=match,
        ignore_unknown=ignore_unknown,
        explicit=tuple((str(k), v) for k, v in (mapping or {}).items()),
        columns=cmap.columns,
        rows=total,
        creates=tuple(c for c in creates if c.row not in failed),
        updates=tuple(u for u in updates if u.row not in failed),
        unchanged=unchanged,
        problems=problems,
        locations=tuple(sorted(locations)),
        people=tuple(sorted(people)),
        new_locations=new_locations,
        new_people=new_people,
    )


def _mapped_summary(cmap: ColumnMapping) -> str:
    pairs = [f"{c.display} → {c.field}" for c in cmap.columns if c.field]
    return ", ".join(pairs) or tr("none")


def _check_keys(rows: list[_Row], key_fields: list[str], header: dict[str, str | None], match: str) -> None:
    for row in rows:
        if any(k in row.values for k in key_fields):
            continue
        if any(p.column in (header.get(k) for k in key_fields) for p in row.problems):
            continue  # the key cell is already reported as invalid
        if match == "auto":
            what = field_label(key_fields[0])
            for k in key_fields[1:]:
                what = tr("{first} or {second}", first=what, second=field_label(k))
            row.problems.append(RowProblem(row.number, None, tr("has no {what}, so it cannot be matched to an asset", what=what)))
        else:
            row.problems.append(RowProblem(
                row.number, header.get(match),
                tr("has no {label}, which --match {match} needs", label=field_label(match), match=match),
            ))


def _check_duplicates(rows: list[_Row], name: str, column: str | None) -> None:
    seen: dict[Any, list[_Row]] = {}
    for row in rows:
        value = row.values.get(name)
        if value is not None:
            seen.setdefault(value, []).append(row)
    label = field_label(name)
    for value, dups in seen.items():
        if len(dups) < 2:
            continue
        numbers = [r.number for r in dups]
        for row in dups:
            others = ", ".join(str(n) for n in numbers if n != row.number)
            row.problems.append(RowProblem(
                row.number, column,
                tr("{label} '{value}' appears more than once in the file (also on row {others})",
                   label=label, value=value, others=others),
            ))


def _lookup(session: Session, name: str, values: set[Any]) -> dict[Any, tuple[int, str]]:
    """Existing assets by serial or tag: value -> (id, label)."""
    col = getattr(Asset, name)
    found: dict[Any, tuple[int, str]] = {}
    base = select(Asset.id, Asset.asset_tag, Asset.serial, col.label("key"))
    if len(values) >= _SCAN_THRESHOLD:
        # Thousands of IN lists cost more than one pass over the indexed column.
        batches: Iterable[Any] = [session.execute(base.where(col.is_not(None)))]
    else:
        batches = (session.execute(base.where(col.in_(chunk))) for chunk in _chunks(sorted(values), _LOOKUP_CHUNK))
    for result in batches:
        for r in result:
            if r.key in values:
                found[r.key] = (r.id, r.asset_tag or r.serial or f"#{r.id}")
    return found


def _match(row: _Row, match: str, existing: dict[str, dict[Any, tuple[int, str]]], header: dict[str, str | None]) -> int | None:
    """The id of the asset the row updates (None: a new asset); conflicts become row problems."""
    serial, tag = row.values.get("serial"), row.values.get("asset_tag")
    by_serial = existing["serial"].get(serial) if serial is not None else None
    by_tag = existing["asset_tag"].get(tag) if tag is not None else None
    if match == "serial":
        target = by_serial[0] if by_serial else None
    elif match == "asset_tag":
        target = by_tag[0] if by_tag else None
    else:
        target = by_serial[0] if by_serial else (by_tag[0] if by_tag else None)
    for name, hit, value in (("serial", by_serial, serial), ("asset_tag", by_tag, tag)):
        if hit is not None and hit[0] != target:
            if target is None:
                reason = tr(
                    "{label} '{value}' already belongs to asset {asset} (#{id}), but this row would create a new asset",
                    label=field_label(name), value=value, asset=hit[1], id=hit[0],
                )
            else:
                reason = tr(
                    "{label} '{value}' already belongs to asset {asset} (#{id}), "
                    "not to the asset this row matches by {by}",
                    label=field_label(name), value=value, asset=hit[1], id=hit[0],
                    by=field_label(match if match != "auto" else "serial"),
                )
            row.problems.append(RowProblem(row.number, header.get(name), reason))
    return target


def _planned_create(row: _Row) -> PlannedCreate:
    values = dict(row.values)
    status = values.pop("status", None) or default_lifecycle().initial_status.key
    macs = values.pop("mac_addresses", ())
    ips = values.pop("ip_addresses", ())
    if "data_bearing" not in values:
        values["data_bearing"] = categories()[values["category"]].data_bearing
    return PlannedCreate(row.number, tuple(values.items()), status, macs, ips)


def _current_state(session: Session, ids: list[int], *, want_addresses: bool) -> dict[int, dict[str, Any]]:
    """What the matched assets hold now, keyed like the import's fields (location and assignee by name)."""
    names = ("id", "version", "status", *_PLAIN_FIELDS, "location", "assignee", "assignee_email")
    stmt = (
        select(
            Asset.id, Asset.version, Asset.status, *(getattr(Asset, n) for n in _PLAIN_FIELDS),
            Location.name, Person.name, Person.email,
        )
        .outerjoin(Location, Location.id == Asset.location_id)
        .outerjoin(Person, Person.id == Asset.assignee_id)
        .where(Asset.id.in_(ids))
    )
    state: dict[int, dict[str, Any]] = {}
    for r in session.execute(stmt):
        m = dict(zip(names, r, strict=True))
        m["label"] = m["asset_tag"] or m["serial"] or f"#{m['id']}"
        m["mac_addresses"], m["ip_addresses"] = [], []
        state[m["id"]] = m
    if want_addresses:
        stmt = (
            select(AssetAddress.asset_id, AssetAddress.kind, AssetAddress.value)
            .where(AssetAddress.asset_id.in_(ids))
            .order_by(AssetAddress.id)
        )
        for r in session.execute(stmt):
            state[r.asset_id]["mac_addresses" if r.kind == "mac" else "ip_addresses"].append(r.value)
    return state


def _one_row_per_asset(matched: list[tuple[_Row, int]]) -> list[tuple[_Row, int]]:
    """Two rows that reach one asset (one by serial, the other by tag) would overwrite each other."""
    by_target: dict[int, list[_Row]] = {}
    for row, target in matched:
        by_target.setdefault(target, []).append(row)
    kept = []
    for row, target in matched:
        rows = by_target[target]
        if len(rows) > 1:
            others = ", ".join(str(r.number) for r in rows if r is not row)
            row.problems.append(
                RowProblem(row.number, None, tr("matches the same asset (#{id}) as row {others}", id=target, others=others))
            )
        else:
            kept.append((row, target))
    return kept


def _diff(values: dict[str, Any], cur: dict[str, Any]) -> list[FieldChange]:
    changes = []
    for name, new in values.items():
        if name in _DATETIME_FIELDS and new is not None and cur[name] is not None:
            # Files keep seconds at best (a spreadsheet, milliseconds): less than that is no change.
            if abs(cur[name] - new) >= timedelta(seconds=1):
                changes.append(FieldChange(name, cur[name], new))
        elif name == "assignee":
            if new not in (cur["assignee"], cur["assignee_email"]):
                changes.append(FieldChange(name, cur["assignee"], new))
        elif name in _ADDRESS_FIELDS:
            if set(new) != set(cur[name]):
                changes.append(FieldChange(name, tuple(cur[name]), new))
        elif cur[name] != new:
            changes.append(FieldChange(name, cur[name], new))
    return changes


def _check_status_change(session: Session, lifecycle, row: _Row, cur: dict[str, Any], reason: str, column: str | None) -> str | None:
    """The transition a status change takes; None (and a row problem) when it is not allowed."""
    # A detached stand-in carrying the row's new values: guards judge the asset as the import leaves it,
    # and nothing is added to the session.
    probe = Asset(
        id=cur["id"],
        status=cur["status"],
        asset_tag=row.values.get("asset_tag", cur["asset_tag"]),
        serial=row.values.get("serial", cur["serial"]),
        data_bearing=row.values.get("data_bearing", cur["data_bearing"]),
    )
    # Whether the asset will have an assignee or location is all a requirement checks; the ids are
    # resolved when the import is written.
    has_assignee = 0 if ("assignee" in row.values or cur["assignee"] is not None) else None
    has_location = 0 if ("location" in row.values or cur["location"] is not None) else None
    request = MoveRequest(target=row.values["status"], reason=reason, assignee_id=has_assignee, location_id=has_location)
    try:
        return check_transition(session, lifecycle, probe, request).key
    except (TransitionError, ValidationError) as exc:
        row.problems.append(
            RowProblem(row.number, column, tr("status change refused: {reason}", reason=exc.args[0] if exc.args else str(exc)))
        )
        return None


def _new_references(session: Session, locations: set[str], people: set[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The locations and people the import names that do not exist yet (the import will add them)."""
    known_locations: set[str] = set()
    for chunk in _chunks(sorted(locations), _LOOKUP_CHUNK):
        known_locations.update(session.scalars(select(Location.name).where(Location.name.in_(chunk))))
    known_people = set(_find_people(session, people))
    return tuple(sorted(locations - known_locations)), tuple(sorted(people - known_people))


def _find_people(session: Session, keys: set[str]) -> dict[str, tuple[int, str]]:
    """key -> (id, name) for every key that is an existing person's e-mail or name (lowest id wins, as
    :func:`itam.services.assets.person_id` does)."""
    found: dict[str, tuple[int, str]] = {}
    for chunk in _chunks(sorted(keys), _LOOKUP_CHUNK):
        stmt = select(Person.id, Person.name, Person.email).where(or_(Person.email.in_(chunk), Person.name.in_(chunk))).order_by(Person.id.desc())
        for r in session.execute(stmt):
            # Descending ids: the lowest id is written last and wins.
            for key in (r.email, r.name):
                if key in keys:
                    found[key] = (r.id, r.name)
    return found


# --- applying ---------------------------------------------------------------------------------------


def apply_plan(
    uow: UnitOfWork,
    plan: ImportPlan,
    *,
    skip_invalid: bool = False,
    progress: ProgressFn | None = None,
    is_cancelled: CancelFn | None = None,
    batch_size: int = BATCH_SIZE,
) -> ImportResult:
    """Write the plan in the caller's unit of work (which commits, or rolls back on any error)."""
    if plan.problems and not skip_invalid:
        raise plan.problems_error()
    s = uow.session
    conn = s.connection()
    with _large_page_cache(conn):
        return _apply(uow, plan, progress, is_cancelled, batch_size)


@contextmanager
def _large_page_cache(conn: Connection) -> Iterator[None]:
    """A bigger SQLite page cache while a bulk write runs: the inserts touch a couple of dozen indexes
    at random places, and with the default 2 MB cache SQLite keeps rereading their pages."""
    if conn.dialect.name != "sqlite":
        yield
        return
    previous = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        try:
            conn.exec_driver_sql(f"PRAGMA cache_size = {int(previous)}")
        except DBAPIError:
            # Only the cache size of a connection that is failing anyway; the error that matters is
            # the one already on its way out.
            log.warning("could not restore the SQLite page cache size", exc_info=True)


def _apply(
    uow: UnitOfWork,
    plan: ImportPlan,
    progress: ProgressFn | None,
    is_cancelled: CancelFn | None,
    batch_size: int,
) -> ImportResult:
    s = uow.session
    conn = s.connection()
    written_before = uow.entries_written
    locations = _ensure_locations(s, plan)
    people = _ensure_people(s, plan)
    total = len(plan.creates) + len(plan.updates)
    done = 0
    if progress:
        progress(0, total)
    with search.bulk_insert(conn):
        for batch in _chunks(plan.creates, batch_size):
            _cancel_check(is_cancelled)
            _insert_batch(uow, conn, batch, locations, people, plan.reason)
            crash_point("import.batch")
            done += len(batch)
            if progress:
                progress(done, total)
    for batch in _chunks(plan.updates, batch_size):
        _cancel_check(is_cancelled)
        _update_batch(uow, batch, locations, people, plan.reason)
        done += len(batch)
        if progress:
            progress(done, total)
    _cancel_check(is_cancelled)
    return ImportResult(
        operation=uow.operation or "",
        created=len(plan.creates),
        updated=len(plan.updates),
        unchanged=plan.unchanged,
        skipped=plan.invalid_rows,
        problems=plan.problems,
        history_entries=uow.entries_written - written_before,
        new_locations=plan.new_locations,
        new_people=plan.new_people,
    )


def _ensure_locations(s: Session, plan: ImportPlan) -> dict[str, int]:
    names = set(plan.locations)
    ids: dict[str, int] = {}
    for chunk in _chunks(sorted(names), _LOOKUP_CHUNK):
        ids.update((r.name, r.id) for r in s.execute(select(Location.id, Location.name).where(Location.name.in_(chunk))))
    missing = sorted(names - ids.keys())
    if missing:
        now = utcnow()
        table = Location.__table__
        # RETURNING rows come back in no promised order (SQLite would insert row by row to promise
        # one): match them by the unique name instead.
        result = s.connection().execute(
            insert(table).returning(table.c.id, table.c.name), [{"name": n, "created_at": now} for n in missing]
        )
        ids.update((r.name, r.id) for r in result)
    return ids


def _ensure_people(s: Session, plan: ImportPlan) -> dict[str, tuple[int, str]]:
    keys = set(plan.people)
    found = _find_people(s, keys)
    missing = sorted(keys - found.keys())
    if missing:
        now = utcnow()
        table = Person.__table__
        result = s.connection().execute(
            insert(table).returning(table.c.id, table.c.name),
            [{"name": k, "email": k if "@" in k else None, "created_at": now} for k in missing],
        )
        found.update((r.name, (r.id, r.name)) for r in result)
    return found


class _BulkInsert:
    """``executemany`` at the driver level for one Core table, fed column by column.

    The statement and the bind processors (dates, decimals …) are the dialect's own, so the stored values
    are exactly what a Core insert stores; what is skipped is SQLAlchemy's per-row parameter handling,
    which costs more than SQLite's own work for a wide row.
    """

    def __init__(self, conn: Connection, table: Table_, columns: Sequence[str]):
        dialect = conn.dialect
        compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
        self.conn = conn
        self.table = table
        self.sql = str(compiled)
        self.positional = bool(compiled.positional)
        order = list(compiled.positiontup) if self.positional else list(columns)
        if sorted(order) != sorted(columns):
            raise RuntimeError(f"unexpected parameters {order} for the columns {list(columns)}")
        self.order = order

    def processed(self, name: str, values: list[Any]) -> list[Any]:
        """A column's values as the dialect stores them (each distinct value converted once)."""
        proc = self.table.c[name].type.dialect_impl(self.conn.dialect).bind_processor(self.conn.dialect)
        if proc is None:
            return values
        done = {v: proc(v) for v in set(values) if v is not None}
        done[None] = None
        return list(map(done.__getitem__, values))

    def execute(self, columns: dict[str, list[Any]]) -> None:
        """Insert one row per position of the (equally long) column lists."""
        rows = list(zip(*(columns[name] for name in self.order), strict=True))
        if not rows:
            return
        params: list[Any] = rows if self.positional else [dict(zip(self.order, r, strict=True)) for r in rows]
        self.conn.exec_driver_sql(self.sql, params)


def _insert_batch(
    uow: UnitOfWork,
    conn: Connection,
    batch: Sequence[PlannedCreate],
    locations: dict[str, int],
    people: dict[str, tuple[int, str]],
    reason: str,
) -> None:
    lifecycle = default_lifecycle()
    now = utcnow()
    n = len(batch)
    fields = [dict(c.values) for c in batch]
    # Column by column: list comprehensions and dict lookups instead of a Python loop per cell.
    values = {name: list(map(methodcaller("get", name), fields)) for name in (*_PLAIN_FIELDS, "location", "assignee")}
    statuses = [lifecycle.statuses[c.status] for c in batch]
    stages = [st.stage or 5 for st in statuses]  # as AssetService.create_in: no stage of its own → 5
    status_keys = [st.key for st in statuses]
    location_ids = {**locations, None: None}
    person_of = {**people, None: (None, None)}
    assignees = [person_of[v] for v in values["assignee"]]

    assets = _BulkInsert(conn, Asset.__table__, _INSERT_COLUMNS)
    columns = {name: assets.processed(name, values[name]) for name in _PLAIN_FIELDS}
    columns["location_id"] = [location_ids[v] for v in values["location"]]
    columns["assignee_id"] = [p[0] for p in assignees]
    columns["status"] = status_keys
    columns["stage"] = stages
    for name, value in (("created_at", now), ("updated_at", now), ("version", 1)):
        columns[name] = assets.processed(name, [value]) * n

    # The change set the flush listener records for a new asset: [None, value] for every column set,
    # refs by name. Each distinct value's pair is made once; a row's dict takes the pairs that are set.
    changes_columns: dict[str, list[Any]] = {}
    for name, column in (
        *((name, values[name]) for name in _PLAIN_FIELDS),
        ("location", values["location"]),
        ("assignee", [p[1] for p in assignees]),
        ("status", status_keys),
        ("stage", stages),
    ):
        plain = to_plain if name in _PLAIN_FIELDS and ASSET_FIELDS[name].kind in ("date", "datetime", "decimal") else None
        pairs = {v: (None, plain(v) if plain else v) for v in set(column) if v is not None}
        pairs[None] = None
        changes_columns[name] = list(map(pairs.__getitem__, column))
    names = list(changes_columns)
    changes_list = [dict(compress(zip(names, row), row)) for row in zip(*changes_columns.values(), strict=True)]
    for c, changes in zip(batch, changes_list, strict=True):
        if c.macs:
            changes["mac"] = (None, list(c.macs))
        if c.ips:
            changes["ip"] = (None, list(c.ips))

    table = Asset.__table__
    # The new rows are the ones above the highest id before the insert (the write lock is held), matched
    # back by (tag, serial), unique and never both empty: a RETURNING in parameter order would make
    # SQLite insert one row per statement.
    before = conn.execute(select(func.max(table.c.id))).scalar() or 0
    assets.execute(columns)
    new_rows = conn.execute(select(table.c.id, table.c.asset_tag, table.c.serial).where(table.c.id > before)).all()
    by_key = {(tag, serial): asset_id for asset_id, tag, serial in new_rows}
    ids = [by_key[k] for k in zip(values["asset_tag"], values["serial"], strict=True)]

    addresses = [
        (asset_id, kind, value)
        for asset_id, c in zip(ids, batch, strict=True)
        for kind, found in (("mac", c.macs), ("ip", c.ips))
        for value in found
    ]
    if addresses:
        asset_ids, kinds, found = (list(x) for x in zip(*addresses, strict=True))
        bulk = _BulkInsert(conn, AssetAddress.__table__, ("asset_id", "kind", "value"))
        bulk.execute({"asset_id": asset_ids, "kind": kinds, "value": found})
    actor, source, operation = uow.actor.name, uow.source, uow.operation
    uow.record(
        [
            PendingEntry(
                asset_id=asset_id,
                actor=actor,
                source=source,
                action="create",
                changes=changes,
                reason=reason,
                operation=operation,
            )
            for asset_id, changes in zip(ids, changes_list, strict=True)
        ]
    )


def _update_batch(
    uow: UnitOfWork,
    batch: Sequence[PlannedUpdate],
    locations: dict[str, int],
    people: dict[str, tuple[int, str]],
    reason: str,
) -> None:
    s = uow.session
    lifecycle = default_lifecycle()
    ids = [u.asset_id for u in batch]
    assets: dict[int, Asset] = {}
    for chunk in _chunks(ids, _LOOKUP_CHUNK):
        assets.update((a.id, a) for a in s.scalars(select(Asset).where(Asset.id.in_(chunk))))
    for u in batch:
        a = assets.get(u.asset_id)
        if a is None or a.version != u.version:
            raise ImportFileError(
                tr("asset {asset} was changed by someone else during the import; nothing was imported", asset=u.label)
            )
    addresses: dict[int, list[AssetAddress]] = {}
    if any(ch.field in _ADDRESS_FIELDS for u in batch for ch in u.changes):
        for chunk in _chunks(ids, _LOOKUP_CHUNK):
            for addr in s.scalars(select(AssetAddress).where(AssetAddress.asset_id.in_(chunk))):
                addresses.setdefault(addr.asset_id, []).append(addr)
    # The history listener names a changed location or assignee by loading it by id; the session keeps
    # only weak references, so without these strong ones it would query each of them once per asset.
    pinned = _pin_references(s, assets.values(), batch, locations, people)
    with uow.action("update", reason=reason):
        for u in batch:
            a = assets[u.asset_id]
            for ch in u.changes:
                if ch.field == "status":
                    continue
                if ch.field == "location":
                    a.location_id = locations[ch.after]
                elif ch.field == "assignee":
                    a.assignee_id = people[ch.after][0]
                elif ch.field in _ADDRESS_FIELDS:
                    kind = _ADDRESS_FIELDS[ch.field]
                    current = {x.value: x for x in addresses.get(a.id, []) if x.kind == kind}
                    for value, addr in current.items():
                        if value not in ch.after:
                            s.delete(addr)
                    for value in ch.after:
                        if value not in current:
                            s.add(AssetAddress(asset_id=a.id, kind=kind, value=value))
                else:
                    setattr(a, ch.field, ch.after)
    moves: dict[str, list[tuple[Asset, Any, MoveRequest]]] = {}
    for u in batch:
        if u.transition is None:
            continue
        a = assets[u.asset_id]
        request = MoveRequest(target=u.status, reason=reason, assignee_id=a.assignee_id, location_id=a.location_id)
        try:
            t = check_transition(s, lifecycle, a, request)
        except (TransitionError, ValidationError) as exc:
            raise ImportFileError(tr(
                "row {row}: status change refused: {reason}; nothing was imported",
                row=u.row, reason=exc.args[0] if exc.args else str(exc),
            )) from exc
        moves.setdefault(t.key, []).append((a, t, request))
    for key, group in moves.items():
        with uow.action("transition", transition=key, reason=reason):
            for a, t, request in group:
                apply_transition(s, lifecycle, a, t, request)
    # Written and recorded: let go of the objects so a long import keeps a flat memory profile.
    del pinned
    s.expunge_all()


def _pin_references(
    s: Session,
    assets: Iterable[Asset],
    batch: Sequence[PlannedUpdate],
    locations: dict[str, int],
    people: dict[str, tuple[int, str]],
) -> list[Any]:
    location_ids = {a.location_id for a in assets if a.location_id is not None}
    person_ids = {a.assignee_id for a in assets if a.assignee_id is not None}
    for u in batch:
        for ch in u.changes:
            if ch.field == "location":
                location_ids.add(locations[ch.after])
            elif ch.field == "assignee":
                person_ids.add(people[ch.after][0])
    pinned: list[Any] = []
    for model, ids in ((Location, location_ids), (Person, person_ids)):
        for chunk in _chunks(sorted(ids), _LOOKUP_CHUNK):
            pinned.extend(s.scalars(select(model).where(model.id.in_(chunk))))
    return pinned
