"""Reconcile a scan with the inventory.

Matching follows Open-AudIT's order, first hit wins: serial (nmap reports none; credentialed audits
will supply it), then MAC (not a placeholder, not randomised), then hostname (with or without domain),
then IP — the IP only when the asset's own MACs and hostname do not contradict the host. A person's edits outrank scan data: a field that a person (GUI,
CLI or import) last set is not overwritten; the differing value is stored as a conflict for them to
look at. Sightings (scan_hosts rows) are the record of *when* an asset was seen, so ``last_seen`` is
updated in bulk without a history entry per scan; every other change writes history with source
``discovery``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from itam.discovery.model import Classification, HostObservation, ScanResult
from itam.errors import ValidationError
from itam.identifiers import clean_mac, is_randomized_mac
from itam.lifecycle import default_lifecycle
from itam.models import (
    Asset,
    AssetAddress,
    DiscoveryCandidate,
    DiscoveryConflict,
    HistoryEntry,
    Scan,
    ScanHost,
    utcnow,
)
from itam.services.context import UnitOfWork

#: Sources whose values outrank discovery.
PERSON_SOURCES = ("gui", "cli", "import")
#: Asset fields discovery may fill in.
DISCOVERED_FIELDS = ("hostname", "os_name")
CHUNK = 500


@dataclass(frozen=True)
class HostOutcome:
    address: str
    asset_id: int | None
    rule: str | None
    outcome: str  # matched | new | ignored | flagged
    classification: Classification


@dataclass
class ReconcileSummary:
    scan_id: int
    hosts_up: int = 0
    matched: int = 0
    new_devices: int = 0
    ignored: int = 0
    flagged: int = 0
    conflicts: int = 0
    updated_assets: int = 0
    outcomes: list[HostOutcome] = field(default_factory=list)


def _chunks(values: Sequence, size: int = CHUNK) -> Iterable[Sequence]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


def usable_mac(host: HostObservation) -> str | None:
    """The host's MAC when it can identify a device (not placeholder, broadcast or randomised)."""
    if not host.mac:
        return None
    try:
        mac = clean_mac(host.mac)
    except ValidationError:
        return None
    return None if is_randomized_mac(mac) else mac


def host_name(host: HostObservation) -> str | None:
    return host.hostnames[0].strip().lower().rstrip(".") if host.hostnames else None


def os_guess(host: HostObservation, min_accuracy: int = 90) -> str | None:
    for m in host.os_matches:
        if m.accuracy >= min_accuracy:
            return m.name
    return None


#: Asset.os_name's length: nmap's longer OS names ("… or Windows 8.1 Update 1") are cut to fit it.
OS_NAME_LENGTH = 120


def _fit(value: str | None, limit: int) -> str | None:
    return value[:limit] if value else value


def _short(name: str) -> str:
    return name.split(".", 1)[0]


def person_owned(uow: UnitOfWork, asset_ids: Sequence[int],
                 fields: Sequence[str] = DISCOVERED_FIELDS) -> dict[int, set[str]]:
    """Which of ``fields`` of each asset got their latest value from a person (gui, cli or import)."""
    last_source: dict[tuple[int, str], str] = {}
    for chunk in _chunks(list(asset_ids)):
        rows = uow.session.execute(
            select(HistoryEntry.asset_id, HistoryEntry.source, HistoryEntry.changes)
            .where(HistoryEntry.asset_id.in_(chunk), HistoryEntry.action.in_(("create", "update")))
            .order_by(HistoryEntry.seq)
        )
        for asset_id, source, changes in rows:
            for key in json.loads(changes):
                if key in fields:
                    last_source[(asset_id, key)] = source
    owned: dict[int, set[str]] = defaultdict(set)
    for (asset_id, key), source in last_source.items():
        if source in PERSON_SOURCES:
            owned[asset_id].add(key)
    return owned


def record_conflict(session: Session, asset_id: int, name: str, current: Any, observed: Any,
                    scan_id: int | None) -> bool:
    """Keep a difference between what a person entered and what was observed (once while it is open)."""
    exists = session.scalar(select(DiscoveryConflict.id).where(
        DiscoveryConflict.asset_id == asset_id, DiscoveryConflict.field == name,
        DiscoveryConflict.observed_value == str(observed), DiscoveryConflict.status == "open"))
    if exists is not None:
        return False
    session.add(DiscoveryConflict(asset_id=asset_id, field=name, current_value=str(current),
                                  observed_value=str(observed), scan_id=scan_id))
    return True


def reconcile(
    uow: UnitOfWork,
    result: ScanResult,
    classify: Callable[[HostObservation], Classification],
    *,
    source_file: str | None = None,
    xml_sha256: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ReconcileSummary:
    """Store the scan, match every host that was up, update assets, queue new devices, flag surprises."""
    s = uow.session
    now = result.ended or utcnow()
    scan = Scan(
        started_at=result.started,
        ended_at=result.ended,
        actor=uow.actor.name,
        targets=json.dumps(list(result.targets), ensure_ascii=False),
        profile=result.profile,
        command=" ".join(result.command) if result.command else None,
        privileged=result.privileged,
        partial=result.partial,
        error=result.error,
        limitations=json.dumps(list(result.limitations), ensure_ascii=False),
        nmap_version=result.nmap_version,
        source_file=source_file,
        xml_sha256=xml_sha256,
        xml=result.xml,
    )
    s.add(scan)
    s.flush()
    summary = ReconcileSummary(scan.id)
    hosts = [h for h in result.hosts if h.state == "up"]
    summary.hosts_up = len(hosts)
    total = len(hosts)

    macs = {h.address: usable_mac(h) for h in hosts}
    names = {h.address: host_name(h) for h in hosts}

    # --- bulk look-ups -----------------------------------------------------------------------------
    by_mac: dict[str, int] = {}
    wanted_macs = sorted({m for m in macs.values() if m})
    for chunk in _chunks(wanted_macs):
        for value, asset_id in s.execute(
            select(AssetAddress.value, AssetAddress.asset_id).where(AssetAddress.kind == "mac", AssetAddress.value.in_(chunk))
        ):
            by_mac.setdefault(value, asset_id)
    by_name: dict[str, int] = {}
    wanted_names = sorted({n for n in names.values() if n} | {_short(n) for n in names.values() if n})
    for chunk in _chunks(wanted_names):
        for value, asset_id in s.execute(
            select(func.lower(Asset.hostname), Asset.id).where(func.lower(Asset.hostname).in_(chunk))
        ):
            by_name.setdefault(value, asset_id)
    by_ip: dict[str, int] = {}
    wanted_ips = sorted({h.address for h in hosts})
    for chunk in _chunks(wanted_ips):
        for value, asset_id in s.execute(
            select(AssetAddress.value, AssetAddress.asset_id).where(AssetAddress.kind == "ip", AssetAddress.value.in_(chunk))
        ):
            by_ip.setdefault(value, asset_id)
    # The MACs and hostnames of IP-matched assets, to refuse an IP match they contradict.
    ip_assets = sorted(set(by_ip.values()))
    asset_macs: dict[int, set[str]] = defaultdict(set)
    asset_names: dict[int, str | None] = {}
    for chunk in _chunks(ip_assets):
        for asset_id, value in s.execute(
            select(AssetAddress.asset_id, AssetAddress.value).where(AssetAddress.kind == "mac", AssetAddress.asset_id.in_(chunk))
        ):
            asset_macs[asset_id].add(value)
        for asset_id, name in s.execute(select(Asset.id, Asset.hostname).where(Asset.id.in_(chunk))):
            asset_names[asset_id] = name.lower() if name else None

    def match(h: HostObservation) -> tuple[int | None, str | None]:
        mac, name = macs[h.address], names[h.address]
        if mac and mac in by_mac:
            return by_mac[mac], "mac"
        if name:
            for key in (name, _short(name)):
                if key in by_name:
                    return by_name[key], "hostname"
        asset_id = by_ip.get(h.address)
        if asset_id is not None:
            if mac and asset_macs.get(asset_id) and mac not in asset_macs[asset_id]:
                return None, None  # the asset at this IP has other MACs: another device now
            known = asset_names.get(asset_id)
            if name and known and _short(known) != _short(name):
                return None, None
            return asset_id, "ip"
        return None, None

    classifications = {h.address: classify(h) for h in hosts}
    matched: dict[int, list[HostObservation]] = defaultdict(list)
    unmatched: list[HostObservation] = []
    rules: dict[str, tuple[int | None, str | None]] = {}
    for h in hosts:
        asset_id, rule = match(h)
        rules[h.address] = (asset_id, rule)
        if asset_id is None:
            unmatched.append(h)
        else:
            matched[asset_id].append(h)

    outcome_of: dict[str, str] = {}
    candidate_of: dict[str, int] = {}
    # --- known devices ----------------------------------------------------------------------------
    lifecycle = default_lifecycle()
    asset_ids = sorted(matched)
    owned = person_owned(uow, asset_ids)
    done = 0
    for chunk in _chunks(asset_ids):
        assets = {a.id: a for a in s.scalars(select(Asset).where(Asset.id.in_(chunk)))}
        addresses: dict[int, list[AssetAddress]] = defaultdict(list)
        for addr in s.scalars(select(AssetAddress).where(AssetAddress.asset_id.in_(chunk))):
            addresses[addr.asset_id].append(addr)
        # One flush per chunk: the listener writes one history entry per changed asset.
        with uow.action("discovery", reason=f"scan #{scan.id}"):
            for asset_id in chunk:
                asset = assets[asset_id]
                seen = matched[asset_id]
                status = lifecycle.statuses.get(asset.status)
                flag = None
                if status is not None and (status.terminal or status.custody == "external"):
                    flag = ("seen_after_disposal", f"{status.name.lower()} but seen by scan #{scan.id} at {seen[0].address}")
                elif asset.status in ("retired", "awaiting_sanitization", "sanitized", "harvested"):
                    flag = ("seen_after_retirement", f"{status.name.lower()} but seen by scan #{scan.id} at {seen[0].address}")
                elif asset.status in ("lost_stolen", "missing"):
                    flag = ("found_after_loss", f"{status.name.lower()} but seen by scan #{scan.id} at {seen[0].address}")
                if asset.first_seen is None:
                    asset.first_seen = result.started
                observed = {"hostname": next((names[h.address] for h in seen if names[h.address]), None),
                            "os_name": _fit(next((os_guess(h) for h in seen if os_guess(h)), None), OS_NAME_LENGTH)}
                for fname, value in observed.items():
                    if value is None:
                        continue
                    current = getattr(asset, fname)
                    if current is not None and current.lower() == value.lower():
                        continue
                    if current is not None and fname in owned.get(asset_id, set()):
                        if record_conflict(s, asset_id, fname, current, value, scan.id):
                            summary.conflicts += 1
                        continue
                    setattr(asset, fname, value)
                kinds = defaultdict(dict)
                for addr in addresses[asset_id]:
                    kinds[addr.kind][addr.value] = addr
                seen_ips = {h.address for h in seen}
                for ip, addr in kinds["ip"].items():
                    if ip not in seen_ips:
                        s.delete(addr)
                for ip in seen_ips - set(kinds["ip"]):
                    s.add(AssetAddress(asset_id=asset_id, kind="ip", value=ip))
                for mac in {macs[h.address] for h in seen if macs[h.address]} - set(kinds["mac"]):
                    s.add(AssetAddress(asset_id=asset_id, kind="mac", value=mac))
                if flag and asset.flag != flag[0]:
                    asset.flag, asset.flag_reason = flag
                    summary.flagged += 1
                for h in seen:
                    outcome_of[h.address] = "flagged" if flag else "matched"
                summary.matched += len(seen)
                summary.updated_assets += 1
        # Sightings: a bulk update, no history entry (the scan_hosts rows are the record).
        s.execute(update(Asset.__table__).where(Asset.__table__.c.id.in_(list(chunk))).values(last_seen=now))
        done += len(chunk)
        if progress:
            progress(done, total)

    # --- new devices: the review queue ------------------------------------------------------------
    identities = {}
    for h in unmatched:
        mac = macs[h.address]
        identities[h.address] = f"mac:{mac}" if mac else f"ip:{h.address}"
    existing: dict[str, DiscoveryCandidate] = {}
    for chunk in _chunks(sorted(set(identities.values()))):
        for c in s.scalars(select(DiscoveryCandidate).where(DiscoveryCandidate.identity.in_(chunk))):
            existing[c.identity] = c
    pending_candidates: dict[str, DiscoveryCandidate] = {}
    for h in unmatched:
        ident = identities[h.address]
        cls = classifications[h.address]
        c = existing.get(ident)
        if c is not None and c.status == "ignored":
            outcome_of[h.address] = "ignored"
            summary.ignored += 1
            c.last_seen, c.times_seen, c.last_scan_id = now, c.times_seen + 1, scan.id
            candidate_of[h.address] = c.id
            continue
        if c is None:
            c = DiscoveryCandidate(identity=ident, status="pending", first_seen=result.started, times_seen=0)
            s.add(c)
            existing[ident] = c
        if c.status == "pending":
            c.address, c.mac, c.mac_vendor = h.address, macs[h.address] or h.mac, h.mac_vendor
            c.hostname = names[h.address] or c.hostname
            c.category, c.confidence, c.likely = cls.category, cls.confidence, cls.likely
            c.evidence = json.dumps(list(cls.evidence), ensure_ascii=False)
            c.os_guess = os_guess(h) or c.os_guess
        c.last_seen, c.times_seen, c.last_scan_id = now, (c.times_seen or 0) + 1, scan.id
        pending_candidates[h.address] = c
        outcome_of[h.address] = "new"
        summary.new_devices += 1
    s.flush()  # one flush for the whole queue: ids for the scan_hosts rows below
    for address, c in pending_candidates.items():
        candidate_of[address] = c.id

    # --- the scan's own record ----------------------------------------------------------------------
    rows = []
    for h in hosts:
        cls = classifications[h.address]
        asset_id, rule = rules[h.address]
        outcome = outcome_of[h.address]
        rows.append(
            {
                "scan_id": scan.id,
                "address": h.address,
                "mac": h.mac,
                "mac_vendor": h.mac_vendor,
                "hostname": names[h.address],
                "reply_ttl": h.reply_ttl,
                "open_ports": json.dumps([[sv.port, sv.protocol, sv.name] for sv in h.services if sv.state.startswith("open")]),
                "os_guess": os_guess(h),
                "category": cls.category,
                "confidence": cls.confidence,
                "likely": cls.likely,
                "evidence": json.dumps(list(cls.evidence), ensure_ascii=False),
                "asset_id": asset_id,
                "match_rule": rule,
                "outcome": outcome,
                "candidate_id": candidate_of.get(h.address),
            }
        )
        summary.outcomes.append(HostOutcome(h.address, asset_id, rule, outcome, cls))
    for chunk in _chunks(rows, 2000):
        s.execute(insert(ScanHost.__table__), list(chunk))
    scan.hosts_up, scan.matched, scan.new_devices = summary.hosts_up, summary.matched, summary.new_devices
    s.flush()
    if progress:
        progress(total, total)
    return summary

