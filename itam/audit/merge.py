"""Merging what a credentialed audit found into the register.

For each audited address: find the asset (DOMAIN.md §3, first hit wins: the real serial, then a MAC that
is neither randomised nor blacklisted, then the hostname, then the IP when the record has nothing better),
then

* set the identity and spec fields the audit knows (manufacturer, model, serial, hostname, OS, CPU, RAM,
  storage) — except a field whose current value a person entered: that difference becomes a conflict for
  the review, never a silent overwrite;
* add the storage media the audit found (by serial) so sanitization can be recorded against them;
* keep the installed software with first and last seen (and when it disappeared);
* record the audit itself (facts or error, method, credential name, when, how long).

Changes go through the unit of work with source ``audit``, so each one writes a history entry. An address
with no matching asset keeps its audit record; accepting the device from the review queue applies it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, or_, select, update

from itam.discovery.reconcile import person_owned, record_conflict
from itam.errors import ValidationError
from itam.identifiers import (
    clean_mac,
    clean_serial,
    is_placeholder_serial,
    is_randomized_mac,
)
from itam.models import (
    Asset,
    AssetAddress,
    AssetAudit,
    InstalledSoftware,
    StorageMedium,
    utcnow,
)

#: Asset fields an audit may set, in the order they are shown.
AUDITED_FIELDS = ("manufacturer", "model", "serial", "hostname", "os_name", "os_version", "cpu", "ram_gb",
                  "storage_gb")
@dataclass
class MergeResult:
    address: str
    asset_id: int | None = None
    rule: str | None = None  # serial | mac | hostname | ip; None: no asset matched
    changed: list[str] = field(default_factory=list)  # fields set
    conflicts: list[str] = field(default_factory=list)  # fields a person owns that differ
    media_added: int = 0
    software_added: int = 0
    software_removed: int = 0
    audit_id: int | None = None


def usable_serial(value: str | None) -> str | None:
    """A serial that identifies a device (placeholders such as "To be filled by O.E.M." are not)."""
    if value is None or is_placeholder_serial(str(value)):
        return None
    return clean_serial(str(value))


def usable_identity_mac(value: str | None) -> str | None:
    """A MAC that identifies a device: not a placeholder, broadcast, multicast or randomised one."""
    if not value:
        return None
    try:
        mac = clean_mac(value)
    except ValidationError:
        return None
    return None if is_randomized_mac(mac) else mac


def asset_values(facts: Any) -> dict[str, Any]:
    """The asset fields the facts give (None where unknown)."""
    disks = [d for d in facts.disks if d.size_gb]
    cpu = facts.cpu_model
    if cpu and facts.cpu_cores:
        cpu = f"{cpu} ({facts.cpu_cores} cores)"
    return {
        "manufacturer": facts.manufacturer or None,
        "model": facts.model or None,
        "serial": usable_serial(facts.serial),
        "hostname": facts.hostname or None,
        "os_name": facts.os_name or None,
        "os_version": facts.os_version or facts.kernel or None,
        "cpu": cpu or None,
        "ram_gb": round(facts.ram_mb / 1024, 1) if facts.ram_mb else None,
        "storage_gb": round(sum(d.size_gb for d in disks), 1) if disks else None,
    }


def facts_json(facts: Any) -> dict[str, Any] | None:
    return facts.as_json() if facts is not None else None


def find_asset(session, address: str, facts: Any) -> tuple[int | None, str | None]:  # noqa: ANN001
    """The asset these facts describe, and the rule that found it."""
    serial = usable_serial(facts.serial) if facts is not None else None
    if serial:
        found = session.scalar(select(Asset.id).where(func.upper(Asset.serial) == serial.upper()))
        if found is not None:
            return found, "serial"
    macs = {m for m in (usable_identity_mac(i.mac) for i in (facts.interfaces if facts else ())) if m}
    if macs:
        found = session.scalar(select(AssetAddress.asset_id).where(AssetAddress.kind == "mac",
                                                                   AssetAddress.value.in_(sorted(macs))).limit(1))
        if found is not None:
            return found, "mac"
    name = (facts.hostname or "").strip().lower() if facts is not None else ""
    if name:
        for key in dict.fromkeys((name, name.split(".")[0])):
            found = session.scalar(select(Asset.id).where(func.lower(Asset.hostname) == key).limit(2))
            if found is not None:
                return found, "hostname"
    found = session.scalar(select(AssetAddress.asset_id).where(AssetAddress.kind == "ip",
                                                               AssetAddress.value == address).limit(1))
    if found is not None:
        asset = session.get(Asset, found)
        # Only when the record has nothing better that contradicts the audit.
        if serial and asset.serial and usable_serial(asset.serial) and asset.serial.upper() != serial.upper():
            return None, None
        return found, "ip"
    return None, None


def record_outcome(uow, outcome: Any, *, scan_id: int | None = None) -> MergeResult:  # noqa: ANN001
    """Store one audit outcome and merge its facts into the matching asset (in ``uow``, source audit)."""
    s = uow.session
    facts = outcome.facts
    result = MergeResult(outcome.address)
    row = AssetAudit(address=outcome.address, scan_id=scan_id, method=outcome.method,
                     credential=outcome.credential_name, seconds=outcome.seconds, ok=facts is not None,
                     error=str(outcome.error) if outcome.error is not None else None, facts=facts_json(facts),
                     actor=uow.actor.name, collected_at=_naive(getattr(facts, "collected_at", None)) or utcnow())
    s.add(row)
    if facts is None:
        # Why the device could not be audited belongs to the asset at that address, when there is one.
        row.asset_id = find_asset(s, outcome.address, None)[0]
        s.flush()
        result.audit_id = row.id
        return result
    asset_id, rule = find_asset(s, outcome.address, facts)
    result.asset_id, result.rule = asset_id, rule
    row.asset_id = asset_id
    if asset_id is None:
        s.flush()
        result.audit_id = row.id
        return result
    apply_facts(uow, asset_id, facts, result, scan_id=scan_id)
    s.flush()
    result.audit_id = row.id
    return result


def apply_facts(uow, asset_id: int, facts: Any, result: MergeResult, *, scan_id: int | None = None) -> None:  # noqa: ANN001
    """Set fields, add media and software for ``asset_id`` from ``facts`` (history source: the uow's)."""
    s = uow.session
    asset = s.get(Asset, asset_id)
    owned = person_owned(uow, [asset_id], AUDITED_FIELDS).get(asset_id, set())
    values = asset_values(facts)
    reason = f"{facts.method} audit of {facts.address}"
    with uow.action("update", reason=reason), s.no_autoflush:  # one history entry for all the fields
        for name in AUDITED_FIELDS:
            value = values.get(name)
            if value is None:
                continue
            current = getattr(asset, name)
            if _same(current, value):
                continue
            if name == "serial":
                taken = s.scalar(select(Asset.id).where(func.upper(Asset.serial) == str(value).upper(),
                                                        Asset.id != asset_id))
                if taken is not None:
                    continue  # another asset holds that serial: not ours to move
            if current is not None and name in owned:
                record_conflict(s, asset_id, name, current, value, scan_id)
                result.conflicts.append(name)
                continue
            setattr(asset, name, value)
            result.changed.append(name)
        known = {(m.serial or "").upper() for m in s.scalars(select(StorageMedium).where(
            StorageMedium.asset_id == asset_id))}
        for disk in facts.disks:
            serial = usable_serial(disk.serial)
            if not serial or serial.upper() in known:
                continue
            s.add(StorageMedium(asset_id=asset_id, media_type=disk.media_type or "other", interface=disk.interface,
                                model=disk.model, serial=serial, capacity_gb=disk.size_gb))
            known.add(serial.upper())
            result.media_added += 1
        macs = {m for m in (usable_identity_mac(i.mac) for i in facts.interfaces) if m}
        have = set(s.scalars(select(AssetAddress.value).where(AssetAddress.asset_id == asset_id,
                                                               AssetAddress.kind == "mac")))
        for mac in sorted(macs - have):
            if s.scalar(select(AssetAddress.id).where(AssetAddress.kind == "mac", AssetAddress.value == mac)) is None:
                s.add(AssetAddress(asset_id=asset_id, kind="mac", value=mac))
    _merge_software(s, asset_id, facts, result)
    # A sighting, not a change: a bulk update writes no history entry (the audit row is the record). It is dated
    # when the audit ran (a stored audit applied later, from the review queue, does not make the device seen now).
    now = _seen_at(facts)
    table = Asset.__table__
    s.execute(update(table).where(table.c.id == asset_id, or_(table.c.last_seen.is_(None), table.c.last_seen < now))
              .values(last_seen=now))
    s.execute(update(table).where(table.c.id == asset_id, table.c.first_seen.is_(None)).values(first_seen=now))


def _seen_at(facts: Any) -> datetime:
    """When the audit saw the device (naive UTC), never later than now."""
    return min(_naive(getattr(facts, "collected_at", None)) or utcnow(), utcnow())


def _merge_software(session, asset_id: int, facts: Any, result: MergeResult) -> None:  # noqa: ANN001
    """Software inventory per asset: first seen stays, last seen moves, what vanished gets removed_at."""
    if facts.method not in ("ssh", "winrm", "snmp") or not facts.software:
        return
    now = _seen_at(facts)
    current = {(r.name, r.version): r for r in session.scalars(
        select(InstalledSoftware).where(InstalledSoftware.asset_id == asset_id))}
    seen: dict[tuple[str, str], Any] = {}
    for item in facts.software:
        key = (item.name[:255], (item.version or "")[:120])
        seen.setdefault(key, item)
    for key, item in seen.items():
        row = current.get(key)
        if row is None:
            session.add(InstalledSoftware(asset_id=asset_id, name=key[0], version=key[1],
                                          vendor=(item.vendor or None), source=facts.method,
                                          first_seen=now, last_seen=now))
            result.software_added += 1
        elif row.last_seen is None or row.last_seen <= now:
            row.last_seen, row.removed_at = now, None
    by_source = defaultdict(list)
    for key, row in current.items():
        by_source[row.source].append((key, row))
    for key, row in by_source.get(facts.method, []):
        # Gone since this audit, unless a later audit saw it (an older audit applied late changes nothing).
        if key not in seen and row.removed_at is None and (row.last_seen is None or row.last_seen <= now):
            row.removed_at = now
            result.software_removed += 1


def _same(current: Any, value: Any) -> bool:
    if current is None:
        return False
    if isinstance(value, float) or isinstance(current, float):
        try:
            return abs(float(current) - float(value)) < 0.05
        except (TypeError, ValueError):
            return False
    return str(current).strip().lower() == str(value).strip().lower()


def _naive(moment: datetime | None) -> datetime | None:
    """Naive UTC, as the database keeps times."""
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


# --- audits of devices not yet in the register ----------------------------------------------------------------
def stored_facts(row: AssetAudit) -> Any:
    """The facts an audit row keeps (None for a failed audit or a record this version cannot read)."""
    from itam.audit.facts import AuditFacts

    if not row.ok or not isinstance(row.facts, dict):
        return None
    try:
        return AuditFacts.from_json(row.facts)
    except (ValueError, KeyError, TypeError):
        return None


def unclaimed_audits(session, address: str, *, since: datetime | None = None,  # noqa: ANN001
                     mac: str | None = None) -> list[tuple[AssetAudit, Any]]:
    """Successful audits of ``address`` that no asset has taken yet: the latest per method, oldest first.

    ``since`` leaves out audits older than that (naive UTC). With a ``mac`` (the device's), an audit that
    lists interface MACs must list it too: otherwise a different device answered at that address.
    """
    stmt = (select(AssetAudit).where(AssetAudit.address == address, AssetAudit.asset_id.is_(None),
                                     AssetAudit.ok.is_(True))
            .order_by(AssetAudit.collected_at, AssetAudit.id))
    if since is not None:
        stmt = stmt.where(AssetAudit.collected_at >= since)
    latest: dict[str | None, tuple[AssetAudit, Any]] = {}
    for row in session.scalars(stmt):
        facts = stored_facts(row)
        if facts is not None and _same_device([i.mac for i in facts.interfaces], mac):
            latest[row.method] = (row, facts)
    return sorted(latest.values(), key=lambda pair: (pair[0].collected_at, pair[0].id))


def _same_device(listed: Any, mac: str | None) -> bool:
    """False when the audit listed interface MACs (``listed``: the MAC texts) and the device's own (``mac``) is
    not among them."""
    own = usable_identity_mac(mac)
    macs = {m for m in (usable_identity_mac(x) for x in listed) if m}
    return not (own and macs and own not in macs)


def claim(uow, asset_id: int, audits: list[tuple[AssetAudit, Any]]) -> MergeResult | None:  # noqa: ANN001
    """Apply stored audits to ``asset_id`` (history source ``audit``) and link them to it."""
    if not audits:
        return None
    result = MergeResult(audits[-1][0].address, asset_id=asset_id, rule="review")
    previous, uow.source = uow.source, "audit"
    try:
        for row, facts in audits:
            row.asset_id = asset_id
            apply_facts(uow, asset_id, facts, result, scan_id=row.scan_id)
            result.audit_id = row.id
    finally:
        uow.source = previous
    return result


def latest_unclaimed(session, devices: list[tuple[str, datetime | None, str | None]]) -> dict[str, AssetAudit]:  # noqa: ANN001
    """For each device not yet in the register, as (address, first seen, MAC), the audit to show beside it:
    the latest successful one that :func:`unclaimed_audits` would apply, else the latest attempt (which says
    why it failed)."""
    wanted = {address: (since, mac) for address, since, mac in devices}
    addresses = sorted(wanted)
    shown: dict[str, AssetAudit] = {}
    for start in range(0, len(addresses), 500):
        chunk = addresses[start:start + 500]
        rows = session.scalars(select(AssetAudit).where(AssetAudit.address.in_(chunk), AssetAudit.asset_id.is_(None))
                               .order_by(AssetAudit.collected_at, AssetAudit.id))
        for row in rows:
            since, mac = wanted[row.address]
            if since is not None and row.collected_at < since:
                continue
            if row.ok:
                # Only the MACs are needed here: not the whole record (hundreds of packages) rebuilt as objects.
                listed = [i.get("mac") for i in (row.facts or {}).get("interfaces") or () if isinstance(i, dict)]
                if not _same_device(listed, mac):
                    continue
            current = shown.get(row.address)
            if current is None or row.ok or not current.ok:
                shown[row.address] = row
    return shown
