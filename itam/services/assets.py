"""Creating, editing, finding and listing assets."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.exc import StaleDataError

from itam.db import search
from itam import security
from itam.errors import ConcurrentEditError, DuplicateError, NotFoundError, ValidationError
from itam.fields import ASSET_FIELDS, EXTRA_SORTABLE, categories, parse_value, to_plain
from itam.identifiers import clean_mac, clean_serial
from itam.lifecycle import default_lifecycle
from itam.lifecycle.guards import GUARDS, unsanitized_media
from itam.messages import join, tr
from itam.models import (
    Asset,
    AssetAddress,
    AssetAudit,
    HistoryEntry,
    Location,
    Party,
    Person,
    StorageMedium,
)
from itam.services.context import ServiceContext, UnitOfWork, requires
from itam.services.views import (
    AssetDetail,
    AssetRow,
    AuditStatus,
    HistoryView,
    MediumView,
    Page,
    TransitionOption,
)

#: Fields the lifecycle owns: they change only through transitions.
LIFECYCLE_FIELDS = ("status", "stage", "lever", "flag", "flag_reason", "holder")
MEDIA_TYPES = ("hdd", "ssd", "nvme", "usb_flash", "memory_card", "mobile", "tape", "other")
SORTABLE = tuple(n for n, f in ASSET_FIELDS.items() if f.sortable) + EXTRA_SORTABLE


@dataclass(frozen=True)
class AssetQuery:
    """A listing: free-text search, equality filters, one sort column, a page."""

    search: str | None = None
    category: str | None = None
    status: str | None = None
    stage: int | None = None
    department: str | None = None
    location: str | None = None
    assignee: str | None = None
    manufacturer: str | None = None
    model: str | None = None
    condition_grade: str | None = None
    flagged: bool | None = None
    sort: str = "asset_tag"
    descending: bool = False
    offset: int = 0
    limit: int = 100
    ids: tuple[int, ...] | None = None

    def __post_init__(self) -> None:
        if self.sort not in SORTABLE:
            raise ValidationError(tr("cannot sort by '{sort}' (sortable: {known})", sort=self.sort, known=", ".join(SORTABLE)))
        if self.limit < 0 or self.offset < 0:
            raise ValidationError(tr("offset and limit must not be negative"))


_loc = aliased(Location)
_person = aliased(Person)
ROW_COLUMNS = (
    Asset.id,
    Asset.asset_tag,
    Asset.category,
    Asset.manufacturer,
    Asset.model,
    Asset.serial,
    Asset.hostname,
    Asset.status,
    Asset.stage,
    Asset.department,
    _loc.name.label("location"),
    _person.name.label("assignee"),
    Asset.condition_grade,
    Asset.purchase_date,
    Asset.last_seen,
    Asset.flag,
    Asset.flag_reason,
)


def latest_audits(session: Session, asset_ids: list[int]) -> dict[int, AuditStatus]:
    """Each asset's latest audit: successful when its latest audit by any method was, else the latest failure."""
    if not asset_ids:
        return {}
    latest = (select(func.max(AssetAudit.id)).where(AssetAudit.asset_id.in_(asset_ids))
              .group_by(AssetAudit.asset_id, AssetAudit.method))
    found: dict[int, AuditStatus] = {}
    rows = session.execute(select(AssetAudit.asset_id, AssetAudit.ok, AssetAudit.method, AssetAudit.collected_at,
                                  AssetAudit.error).where(AssetAudit.id.in_(latest))
                           .order_by(AssetAudit.collected_at, AssetAudit.id))
    for asset_id, ok, method, at, error in rows:
        current = found.get(asset_id)
        if current is None or ok or not current.ok:
            found[asset_id] = AuditStatus(bool(ok), method, at, None if ok else error)
    return found


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


#: A search whose trigram lookup finds more assets than this lists its first page by scanning in sort order
#: instead (a common term matches within the first rows; a rare one is answered by the index).
FEW_MATCHES = 2000


def search_condition(term: str, *, trigram: bool | str | None, session: Session | None = None) -> Any:
    """Tag, serial, hostname, model or manufacturer containing ``term``, a MAC/IP address containing it, or an
    assignee whose name does; case-insensitive.

    ``trigram``: the kind of trigram index the database has (``search.available``: SQLite's FTS5 tables or
    PostgreSQL's pg_trgm indexes; True means FTS5): look the term up there instead of scanning every row.
    With a ``session`` (a first page), the matches are fetched first: up to FEW_MATCHES become an id list the
    page sorts at once; more mean a common term, which the row scan meets within the first rows anyway.
    """
    person = Asset.assignee_id.in_(select(Person.id).where(Person.name.ilike(_like(term), escape="\\")))
    if trigram and search.usable(term):
        kind = search.FTS5 if trigram is True else trigram
        assets_sql, address_ids = search.lookups(kind, term, _like(term))
        if session is None:
            return or_(Asset.id.in_(assets_sql),
                       Asset.id.in_(select(AssetAddress.asset_id).where(AssetAddress.id.in_(address_ids))), person)
        first, _ = search.lookups(kind, term, _like(term), limit=FEW_MATCHES + 1)
        found = set(session.scalars(first))
        if len(found) <= FEW_MATCHES:
            found.update(session.scalars(
                select(AssetAddress.asset_id).where(AssetAddress.id.in_(address_ids)).limit(FEW_MATCHES + 1)))
        if len(found) <= FEW_MATCHES:
            return or_(Asset.id.in_(sorted(found)), person)
    pattern = _like(term)
    text_cols = (Asset.asset_tag, Asset.serial, Asset.hostname, Asset.model, Asset.manufacturer)
    alts = [c.ilike(pattern, escape="\\") for c in text_cols]
    alts.append(exists().where(and_(AssetAddress.asset_id == Asset.id, AssetAddress.value.ilike(pattern, escape="\\"))))
    alts.append(person)
    return or_(*alts)


def apply_filters(stmt: Select, q: AssetQuery, *, trigram: bool | str | None = False,
                  session: Session | None = None) -> Select:
    """The WHERE clause of a listing; shared by list, count and export. ``trigram``: the database's trigram
    search indexes (``search.available``); ``session``: a first page, whose search may be resolved to ids first."""
    conds = []
    for name in ("category", "status", "department", "manufacturer", "model", "condition_grade"):
        value = getattr(q, name)
        if value is not None:
            conds.append(getattr(Asset, name) == value)
    if q.stage is not None:
        conds.append(Asset.stage == q.stage)
    if q.location is not None:
        conds.append(Asset.location_id.in_(select(Location.id).where(Location.name == q.location)))
    if q.assignee is not None:
        conds.append(
            Asset.assignee_id.in_(
                select(Person.id).where(or_(Person.name == q.assignee, Person.email == q.assignee))
            )
        )
    if q.flagged is not None:
        conds.append(Asset.flag.is_not(None) if q.flagged else Asset.flag.is_(None))
    if q.ids is not None:
        conds.append(Asset.id.in_(q.ids))
    if q.search:
        conds.append(search_condition(q.search.strip(), trigram=trigram, session=session))
    return stmt.where(*conds) if conds else stmt


def _as_id(text: str) -> int | None:
    """``text`` as an asset id, when it can be one: ASCII digits ("²".isdigit() too) within the id column's
    32-bit range (a longer number overflowed the database driver)."""
    if len(text) <= 10 and text.isascii() and text.isdigit() and int(text) <= 2**31 - 1:
        return int(text)
    return None


def _resolve_stmt(ref: str) -> list[Any]:
    ref = ref.strip()
    conds = [Asset.asset_tag == ref, Asset.serial == ref]
    if ref.startswith("#") and _as_id(ref[1:]) is not None:
        conds = [Asset.id == _as_id(ref[1:])]
    elif _as_id(ref) is not None:
        conds.append(Asset.id == _as_id(ref))
    return conds


class AssetService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    # --- finding --------------------------------------------------------------------------------
    def resolve(self, session: Session, ref: str | int) -> Asset:
        """An asset by asset tag, serial, ``#id`` or id (in that order of preference)."""
        if isinstance(ref, int):
            asset = session.get(Asset, ref)
            if asset is None:
                raise NotFoundError(tr("no asset #{id}", id=ref))
            return asset
        matches = list(session.scalars(select(Asset).where(or_(*_resolve_stmt(ref))).limit(3)))
        if not matches:
            raise NotFoundError(tr("no asset with tag, serial or id '{ref}'", ref=ref))
        if len(matches) > 1:
            # A tag equal to another asset's serial: the tag wins, as people type tags.
            by_tag = [a for a in matches if a.asset_tag == ref.strip()]
            if len(by_tag) == 1:
                return by_tag[0]
            raise ValidationError(tr("'{ref}' names several assets; use #id", ref=ref))
        return matches[0]

    @requires(security.READ)
    def list(self, q: AssetQuery) -> Page:
        stmt = (
            select(*ROW_COLUMNS)
            .select_from(Asset)
            .outerjoin(_loc, _loc.id == Asset.location_id)
            .outerjoin(_person, _person.id == Asset.assignee_id)
        )
        col = getattr(Asset, q.sort)
        order = [col.desc(), Asset.id.desc()] if q.descending else [col.asc(), Asset.id.asc()]
        with self.ctx.db.read() as s:
            stmt = apply_filters(stmt, q, trigram=search.available(self.ctx.db.engine), session=s)
            stmt = stmt.order_by(*order).offset(q.offset).limit(q.limit)
            rows = tuple(AssetRow(**r._mapping) for r in s.execute(stmt))
            audits = latest_audits(s, [r.id for r in rows])
        if audits:
            rows = tuple(replace(r, audit=audits[r.id]) if r.id in audits else r for r in rows)
        return Page(rows, q.offset, q.limit)

    @requires(security.READ)
    def count(self, q: AssetQuery) -> int:
        stmt = apply_filters(select(func.count()).select_from(Asset), q, trigram=search.available(self.ctx.db.engine))
        with self.ctx.db.read() as s:
            return s.execute(stmt).scalar_one()

    @requires(security.READ)
    def ids(self, q: AssetQuery) -> list[int]:
        """Every id a listing matches, in its order (for bulk actions on a filtered set)."""
        col = getattr(Asset, q.sort)
        stmt = apply_filters(select(Asset.id), q, trigram=search.available(self.ctx.db.engine)).order_by(col.desc() if q.descending else col.asc(), Asset.id)
        with self.ctx.db.read() as s:
            return list(s.scalars(stmt))

    @requires(security.READ)
    def get(self, ref: str | int, *, with_history: bool = True) -> AssetDetail:
        with self.ctx.db.read() as s:
            asset = self.resolve(s, ref)
            return self._detail(s, asset, with_history=with_history)

    def _detail(self, s: Session, asset: Asset, *, with_history: bool) -> AssetDetail:
        lifecycle = default_lifecycle()
        fields = {}
        for name in ASSET_FIELDS:
            if name == "location":
                fields[name] = asset.location.name if asset.location else None
            elif name == "assignee":
                fields[name] = asset.assignee.name if asset.assignee else None
            else:
                fields[name] = getattr(asset, name)
        pending = {m.id for m in unsanitized_media(s, asset.id)}
        media = tuple(
            MediumView(
                m.id, m.media_type, m.interface, m.manufacturer, m.model, m.serial, m.capacity_gb, m.removed,
                sanitized=m.id not in pending,
            )
            for m in asset.media
        )
        history: tuple[HistoryView, ...] = ()
        if with_history:
            entries = s.scalars(
                select(HistoryEntry).where(HistoryEntry.asset_id == asset.id).order_by(HistoryEntry.seq)
            )
            history = tuple(
                HistoryView(e.seq, e.at, e.actor, e.source, e.action, e.transition, e.reason, json.loads(e.changes))
                for e in entries
            )
        options = []
        for t in lifecycle.allowed_from(asset.status):
            blocked = None
            for g in t.guards:
                blocked = GUARDS[g](s, asset)
                if blocked:
                    break
            options.append(TransitionOption(t.key, t.name, t.name_zh, t.target, t.requires, blocked))
        return AssetDetail(
            id=asset.id,
            fields=fields,
            status=asset.status,
            stage=asset.stage,
            lever=asset.lever,
            flag=asset.flag,
            flag_reason=asset.flag_reason,
            holder=asset.holder.name if asset.holder else None,
            version=asset.version,
            macs=tuple(a.value for a in asset.addresses if a.kind == "mac"),
            ips=tuple(a.value for a in asset.addresses if a.kind == "ip"),
            media=media,
            history=history,
            transitions=tuple(options),
        )

    # --- writing --------------------------------------------------------------------------------
    @requires(security.ASSET_EDIT)
    def create(
        self,
        values: Mapping[str, Any],
        *,
        macs: Iterable[str] = (),
        ips: Iterable[str] = (),
        media: Iterable[Mapping[str, Any]] = (),
        status: str | None = None,
        reason: str | None = None,
    ) -> AssetDetail:
        """Add one asset. ``values`` are raw field values (strings are parsed)."""
        with self.ctx.unit_of_work() as uow:
            asset = self.create_in(uow, values, macs=macs, ips=ips, media=media, status=status, reason=reason)
            return self._detail(uow.session, asset, with_history=True)

    def create_in(
        self,
        uow: UnitOfWork,
        values: Mapping[str, Any],
        *,
        macs: Iterable[str] = (),
        ips: Iterable[str] = (),
        media: Iterable[Mapping[str, Any]] = (),
        status: str | None = None,
        reason: str | None = None,
    ) -> Asset:
        s = uow.session
        parsed = parse_fields(values)
        if not parsed.get("category"):
            raise ValidationError(tr("category is required"))
        macs = list(macs)
        if not (parsed.get("asset_tag") or parsed.get("serial") or macs):
            raise ValidationError(tr("an asset needs an asset tag, a serial number or a MAC address"))
        lifecycle = default_lifecycle()
        if status and status not in lifecycle.statuses:
            raise ValidationError(
                tr("unknown status {status} (known: {known})", status=repr(status), known=", ".join(lifecycle.statuses))
            )
        st = lifecycle.statuses[status] if status else lifecycle.initial_status
        self._check_unique(s, parsed)
        asset = Asset(status=st.key, stage=st.stage or 5)
        if "data_bearing" not in parsed:
            parsed["data_bearing"] = categories()[parsed["category"]].data_bearing
        self._assign(s, asset, parsed)
        mac_values = [clean_mac(m) for m in macs]
        with uow.action("create", reason=reason):
            s.add(asset)
            s.flush()
            for mac in dict.fromkeys(mac_values):
                s.add(AssetAddress(asset_id=asset.id, kind="mac", value=mac))
            for ip in dict.fromkeys(i.strip() for i in ips if i.strip()):
                s.add(AssetAddress(asset_id=asset.id, kind="ip", value=ip))
            for m in media:
                s.add(_new_medium(asset.id, m))
        return asset

    @requires(security.ASSET_EDIT)
    def update(
        self, ref: str | int, values: Mapping[str, Any], *, expected_version: int | None = None, reason: str | None = None
    ) -> AssetDetail:
        """Change fields of one asset. With ``expected_version`` (the version the editor opened), a change saved by
        someone else meanwhile refuses the edit with who saved it and when (:class:`ConcurrentEditError`)."""
        try:
            with self.ctx.unit_of_work() as uow:
                s = uow.session
                asset = self.resolve(s, ref)
                if expected_version is not None and asset.version != expected_version:
                    raise self._changed_since(s, asset.id, asset.asset_tag or asset.id, asset.version, expected_version)
                self.update_in(uow, asset, values, reason=reason)
                return self._detail(s, asset, with_history=True)
        except ConcurrentEditError as exc:
            if exc.changed_by is not None:
                raise
            # Another transaction committed between our read and our write (PostgreSQL's read committed): its
            # history entry is visible to a new read.
            with self.ctx.db.read() as r:
                asset = self.resolve(r, ref)
                raise self._changed_since(r, asset.id, asset.asset_tag or asset.id, asset.version,
                                          expected_version if expected_version is not None else "?") from exc

    @staticmethod
    def _changed_since(s: Session, asset_id: int, label: Any, version: int, expected: Any) -> ConcurrentEditError:
        last = s.execute(
            select(HistoryEntry.actor, HistoryEntry.at).where(HistoryEntry.asset_id == asset_id)
            .order_by(HistoryEntry.seq.desc()).limit(1)
        ).first()
        if last is None:  # pragma: no cover - every asset has its creation in the history
            return ConcurrentEditError(tr(
                "asset {asset} was changed by someone else since you opened it (version {version}, yours {expected}); "
                "reload and edit again", asset=label, version=version, expected=expected))
        return ConcurrentEditError(
            tr(
                "asset {asset} was changed by {user} at {time} since you opened it "
                "(version {version}, yours {expected}); reload and edit again",
                asset=label, user=last.actor, time=local_time(last.at), version=version, expected=expected,
            ),
            changed_by=last.actor, changed_at=last.at,
        )

    @requires(security.ASSET_EDIT)
    def update_many(self, refs: Iterable[str | int], values: Mapping[str, Any], *, reason: str | None = None) -> int:
        """The same change to several assets (assign them to a person, move them to a location …) in one
        transaction and one operation: all change, or none does."""
        operation = self.ctx.new_operation_id()
        with self.ctx.unit_of_work(operation=operation) as uow:
            assets = [self.resolve(uow.session, ref) for ref in refs]
            for asset in assets:
                self.update_in(uow, asset, values, reason=reason)
            return len(assets)

    def update_in(self, uow: UnitOfWork, asset: Asset, values: Mapping[str, Any], *, reason: str | None = None) -> bool:
        locked = [k for k in values if k in LIFECYCLE_FIELDS]
        if locked:
            raise ValidationError(
                tr(
                    "{fields} change only through a lifecycle move (itam move ASSET --to STATUS)",
                    fields=", ".join(locked),
                )
            )
        parsed = parse_fields(values)
        self._check_unique(uow.session, parsed, exclude_id=asset.id)
        try:
            with uow.action("update", reason=reason):
                self._assign(uow.session, asset, parsed)
        except StaleDataError as exc:
            raise ConcurrentEditError(tr("the asset was changed by someone else meanwhile; reload and try again")) from exc
        return True

    @requires(security.ASSET_EDIT)
    def add_medium(self, ref: str | int, medium: Mapping[str, Any], *, reason: str | None = None) -> AssetDetail:
        with self.ctx.unit_of_work() as uow:
            asset = self.resolve(uow.session, ref)
            with uow.action("media_added", reason=reason):
                uow.session.add(_new_medium(asset.id, medium))
            uow.session.refresh(asset)
            return self._detail(uow.session, asset, with_history=True)

    @requires(security.ASSET_EDIT)
    def set_addresses(self, ref: str | int, *, macs: Iterable[str] | None = None, ips: Iterable[str] | None = None) -> AssetDetail:
        """Replace the asset's MAC and/or IP addresses (one history entry per address added or removed)."""
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            asset = self.resolve(s, ref)
            wanted = {}
            if macs is not None:
                wanted["mac"] = list(dict.fromkeys(clean_mac(m) for m in macs))
            if ips is not None:
                wanted["ip"] = list(dict.fromkeys(i.strip() for i in ips if i.strip()))
            with uow.action("update"):
                for kind, values in wanted.items():
                    current = {a.value: a for a in asset.addresses if a.kind == kind}
                    for value, row in current.items():
                        if value not in values:
                            s.delete(row)
                    for value in values:
                        if value not in current:
                            s.add(AssetAddress(asset_id=asset.id, kind=kind, value=value))
            s.expire(asset, ["addresses"])
            return self._detail(s, asset, with_history=True)

    @requires(security.ASSET_EDIT)
    def clear_flag(self, ref: str | int, reason: str) -> AssetDetail:
        """A person has looked at a flagged asset (found after loss …) and says why it is settled."""
        if not reason or not reason.strip():
            raise ValidationError(tr("say why the flag can be cleared (--reason)"))
        with self.ctx.unit_of_work() as uow:
            asset = self.resolve(uow.session, ref)
            if asset.flag is None:
                raise ValidationError(tr("asset {asset} has no flag", asset=asset.asset_tag or asset.id))
            with uow.action("flag_cleared", reason=reason):
                asset.flag = None
                asset.flag_reason = None
            return self._detail(uow.session, asset, with_history=True)

    # --- helpers --------------------------------------------------------------------------------
    def _check_unique(self, s: Session, parsed: Mapping[str, Any], exclude_id: int | None = None) -> None:
        for name in ("asset_tag", "serial"):
            value = parsed.get(name)
            if not value:
                continue
            stmt = select(Asset.id).where(getattr(Asset, name) == value)
            if exclude_id is not None:
                stmt = stmt.where(Asset.id != exclude_id)
            other = s.scalar(stmt.limit(1))
            if other is not None:
                raise DuplicateError(
                    tr("asset tag '{value}' is already used by asset #{other}", value=value, other=other)
                    if name == "asset_tag"
                    else tr("serial number '{value}' is already used by asset #{other}", value=value, other=other)
                )

    def _assign(self, s: Session, asset: Asset, parsed: Mapping[str, Any]) -> None:
        # Resolve (and create) locations and people first: their flushes must not split the asset's
        # changes over two history entries.
        refs = {}
        if "location" in parsed:
            refs["location_id"] = location_id(s, parsed["location"])
        if "assignee" in parsed:
            refs["assignee_id"] = person_id(s, parsed["assignee"])
        for name, value in parsed.items():
            if name not in ("location", "assignee"):
                setattr(asset, name, value)
        for name, value in refs.items():
            setattr(asset, name, value)


def local_time(at: Any) -> str:
    """A stored (naive UTC) time as this computer's local time with its offset, to the second."""
    from datetime import UTC, datetime

    if not isinstance(at, datetime):
        return str(at)
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone().isoformat(sep=" ", timespec="seconds")


def parse_fields(values: Mapping[str, Any]) -> dict[str, Any]:
    """Parse raw values field by field; one ValidationError naming every bad field."""
    parsed: dict[str, Any] = {}
    problems = []
    for name, raw in values.items():
        if name in LIFECYCLE_FIELDS:
            continue
        try:
            parsed[name] = parse_value(name, raw)
        except ValidationError as exc:
            problems.append(tr("{item}: {problem}", item=name, problem=exc.args[0] if exc.args else str(exc)))
    if problems:
        raise ValidationError(join(problems, "; "))
    return parsed


def location_id(s: Session, name: str | None) -> int | None:
    """The location of that name, created when new."""
    if not name:
        return None
    found = s.scalar(select(Location.id).where(Location.name == name))
    if found is not None:
        return found
    loc = Location(name=name)
    s.add(loc)
    s.flush()
    return loc.id


def person_id(s: Session, name_or_email: str | None) -> int | None:
    """The person with that e-mail or name, created when new."""
    if not name_or_email:
        return None
    key = name_or_email.strip()
    found = s.scalar(select(Person.id).where(or_(Person.email == key, Person.name == key)).order_by(Person.id).limit(1))
    if found is not None:
        return found
    person = Person(name=key, email=key if "@" in key else None)
    s.add(person)
    s.flush()
    return person.id


def party_id(s: Session, name: str | None) -> int | None:
    if not name:
        return None
    found = s.scalar(select(Party.id).where(Party.name == name))
    if found is None:
        raise NotFoundError(tr("no party named '{name}' (add it with itam party add)", name=name))
    return found


def _new_medium(asset_id: int, m: Mapping[str, Any]) -> StorageMedium:
    media_type = str(m.get("media_type", "")).strip().lower()
    if media_type not in MEDIA_TYPES:
        raise ValidationError(
            tr("media type must be one of {known}, not '{media_type}'", known=", ".join(MEDIA_TYPES), media_type=media_type)
        )
    capacity = m.get("capacity_gb")
    try:
        capacity = float(capacity) if capacity not in (None, "") else None
    except (TypeError, ValueError):
        raise ValidationError(tr("capacity '{capacity}' is not a number of GB", capacity=capacity)) from None
    return StorageMedium(
        asset_id=asset_id,
        media_type=media_type,
        interface=(m.get("interface") or None),
        manufacturer=(m.get("manufacturer") or None),
        model=(m.get("model") or None),
        serial=clean_serial(m.get("serial")),
        capacity_gb=capacity,
    )


def plain_detail(d: AssetDetail) -> dict[str, Any]:
    """An AssetDetail as JSON-ready data (for --json and exports)."""
    return {
        "id": d.id,
        **{k: to_plain(v) for k, v in d.fields.items()},
        "status": d.status,
        "stage": d.stage,
        "lever": d.lever,
        "flag": d.flag,
        "flag_reason": d.flag_reason,
        "holder": d.holder,
        "version": d.version,
        "macs": list(d.macs),
        "ips": list(d.ips),
        "media": [
            {k: getattr(m, k) for k in ("id", "media_type", "interface", "manufacturer", "model", "serial", "capacity_gb", "removed", "sanitized")}
            for m in d.media
        ],
        "history": [
            {
                "seq": h.seq,
                "at": to_plain(h.at),
                "actor": h.actor,
                "source": h.source,
                "action": h.action,
                "transition": h.transition,
                "reason": h.reason,
                "changes": h.changes,
            }
            for h in d.history
        ],
        "transitions": [
            {"key": t.key, "name": t.name, "to": t.target, "requires": list(t.requires), "blocked_by": t.blocked_by}
            for t in d.transitions
        ],
    }

