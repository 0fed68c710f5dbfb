"""Credentialed audits of hosts: after a scan, for typed addresses, or for one asset.

The audits themselves run in :mod:`itam.audit.pool` (a bounded pool, one timeout per host, one error per
host); this service picks the hosts and credentials, and stores each outcome in its own transaction with
history source ``audit`` (:mod:`itam.audit.merge`), so one host that cannot be stored never costs the
others. Secrets are decrypted in memory for the run and never written anywhere.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from itam.audit import merge
from itam.discovery.targets import parse_targets
from itam.errors import InvalidTargetError, NotFoundError, ValidationError
from itam.messages import tr
from itam.models import AssetAddress, AssetAudit, Scan, ScanHost
from itam.paths import data_dir
from itam import security
from itam.services.context import ServiceContext, requires
from itam.services.views import AuditView, audit_view

#: Addresses one audit run may cover (a /20); bigger runs are refused with a clear message.
MAX_ADDRESSES = 4096
DEFAULT_TIMEOUT = 30.0
DEFAULT_WORKERS = 64  # each worker mostly waits on the network: 64 hosts in one round


@dataclass
class AuditRun:
    """The outcomes (one per host and method tried, in order) and, index for index, what each merged."""

    outcomes: list[Any] = field(default_factory=list)  # itam.audit.pool.AuditOutcome
    merged: list[merge.MergeResult] = field(default_factory=list)
    cancelled: bool = False
    unaddressed: list[str] = field(default_factory=list)  # assets asked for that have no IP address (not audited)

    @property
    def hosts(self) -> list[str]:
        return list(dict.fromkeys(o.address for o in self.outcomes))

    @property
    def audited(self) -> int:
        """Hosts at least one method audited."""
        return len({o.address for o in self.outcomes if o.facts is not None})

    @property
    def failed(self) -> list[str]:
        """Hosts no method could audit."""
        ok = {o.address for o in self.outcomes if o.facts is not None}
        return [h for h in self.hosts if h not in ok]

    def pairs(self) -> list[tuple[Any, merge.MergeResult | None]]:
        return list(zip(self.outcomes, self.merged + [None] * (len(self.outcomes) - len(self.merged)), strict=True))




def known_hosts_file() -> Path:
    """SSH host keys seen so far (accept-new: a changed key is refused, never silently trusted)."""
    return data_dir() / "ssh_known_hosts"


def expand_addresses(targets: str | Sequence[str]) -> list[str]:
    """Addresses and CIDR blocks → the addresses, refusing hostnames, ranges of nmap syntax and huge runs."""
    spec = parse_targets(targets)  # the same validation as scans: nothing that looks like an option
    if spec.hostnames:
        raise InvalidTargetError(tr("audits need addresses, not host names: {names}", names=", ".join(spec.hostnames)))
    if spec.count > MAX_ADDRESSES:
        raise InvalidTargetError(tr("{count} addresses is too many for one audit run (at most {limit})",
                                    count=spec.count, limit=MAX_ADDRESSES))
    out: list[str] = []
    for token in spec.tokens:
        try:
            network = ipaddress.ip_network(token, strict=False)
        except ValueError:
            raise InvalidTargetError(tr("audits take addresses and CIDR blocks; '{token}' is neither",
                                        token=token)) from None
        hosts = [network.network_address] if network.num_addresses == 1 else list(network.hosts())
        out.extend(str(h) for h in hosts)
    return list(dict.fromkeys(out))


class HostAuditService:
    def __init__(self, ctx: ServiceContext, credentials: Any):
        self.ctx = ctx
        self.credentials = credentials

    # --- what to audit -----------------------------------------------------------------------------------
    @requires(security.READ)
    def hosts_of_scan(self, scan_id: int) -> list[tuple[str, set[int], set[int] | None]]:
        """(address, open TCP ports, open UDP ports) of every host a scan saw up."""
        with self.ctx.db.read() as s:
            if s.get(Scan, scan_id) is None:
                raise NotFoundError(tr("no scan #{id}", id=scan_id))
            out = []
            for address, ports in s.execute(select(ScanHost.address, ScanHost.open_ports)
                                            .where(ScanHost.scan_id == scan_id).order_by(ScanHost.id)):
                tcp, udp = set(), set()
                for entry in json.loads(ports or "[]"):
                    (tcp if entry[1] == "tcp" else udp).add(int(entry[0]))
                # nmap's default scans no UDP: SNMP stays possible (None = not scanned).
                out.append((address, tcp, udp or None))
            return out

    @requires(security.READ)
    def hosts_of_assets(self, refs: Sequence[str | int]) -> tuple[list[tuple[str, None, None]], list[str]]:
        """The IP addresses of several assets (each once), and the labels of those that have none."""
        from itam.services.assets import AssetService

        assets = AssetService(self.ctx)
        hosts: dict[str, None] = {}
        unaddressed: list[str] = []
        with self.ctx.db.read() as s:
            for ref in refs:
                asset = assets.resolve(s, ref)
                ips = list(s.scalars(select(AssetAddress.value).where(AssetAddress.asset_id == asset.id,
                                                                      AssetAddress.kind == "ip")))
                if not ips:
                    unaddressed.append(asset.asset_tag or asset.serial or f"#{asset.id}")
                hosts.update(dict.fromkeys(ips))
        if len(hosts) > MAX_ADDRESSES:
            raise ValidationError(tr("these assets have {count:,} addresses; one audit covers at most {limit:,}",
                                     count=len(hosts), limit=MAX_ADDRESSES))
        return [(ip, None, None) for ip in hosts], unaddressed

    @requires(security.READ)
    def hosts_of_asset(self, ref: str | int) -> list[tuple[str, set[int] | None, set[int] | None]]:
        from itam.services.assets import AssetService

        with self.ctx.db.read() as s:
            asset = AssetService(self.ctx).resolve(s, ref)
            ips = list(s.scalars(select(AssetAddress.value).where(AssetAddress.asset_id == asset.id,
                                                                  AssetAddress.kind == "ip")))
            label = asset.asset_tag or asset.serial or f"#{asset.id}"
        if not ips:
            raise ValidationError(tr("asset {asset} has no IP address to audit: scan it or record its address first",
                                     asset=label))
        return [(ip, None, None) for ip in ips]

    # --- running -----------------------------------------------------------------------------------------
    @requires(security.DISCOVERY)
    def audit(
        self,
        targets: str | Sequence[str] | None = None,
        *,
        scan_id: int | None = None,
        asset: str | int | None = None,
        assets: Sequence[str | int] | None = None,
        credential_names: Sequence[str] | None = None,
        passphrase: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        max_workers: int = DEFAULT_WORKERS,
        progress: Callable[[int, int], None] | None = None,
        is_cancelled: Callable[[], bool] | None = None,
    ) -> AuditRun:
        """Audit the hosts of a scan, the given addresses, or the addresses of one asset or several; store every
        outcome. Of several assets, those with no IP address are named in the run's ``unaddressed``."""
        from itam.audit import pool

        unaddressed: list[str] = []
        if scan_id is not None:
            hosts = self.hosts_of_scan(scan_id)
        elif asset is not None:
            hosts = self.hosts_of_asset(asset)
        elif assets is not None:
            hosts, unaddressed = self.hosts_of_assets(assets)
            if not hosts:
                raise ValidationError(tr("no asset asked for has an IP address to audit ({assets}): scan them or "
                                         "record their addresses first",
                                         assets=", ".join(unaddressed[:10]) + ("…" if len(unaddressed) > 10 else "")))
        else:
            hosts = [(a, None, None) for a in expand_addresses(targets or [])]
        creds = self.credentials.usable(passphrase=passphrase, names=list(credential_names or []) or None)
        if not creds:
            raise ValidationError(tr("no credentials to audit with: add one (itam credentials add, or Settings → "
                                     "Credentials)"))
        tasks = pool.plan_audits(hosts, [(c.name, c.kind, c.scope, c.credential) for c in creds])
        outcomes = pool.run_audits(tasks, max_workers=max_workers, timeout=timeout, progress=progress,
                                   is_cancelled=is_cancelled, known_hosts=known_hosts_file())
        run = AuditRun(outcomes=list(outcomes), cancelled=bool(is_cancelled and is_cancelled()),
                       unaddressed=unaddressed)
        for outcome in run.outcomes:
            # One transaction per host: a host that cannot be stored never costs the others.
            with self.ctx.unit_of_work(source="audit") as uow:
                run.merged.append(merge.record_outcome(uow, outcome, scan_id=scan_id))
        return run

    # --- reading -----------------------------------------------------------------------------------------
    @requires(security.READ)
    def audits_of(self, ref: str | int, limit: int = 20) -> list[AuditView]:
        from itam.services.assets import AssetService

        with self.ctx.db.read() as s:
            asset = AssetService(self.ctx).resolve(s, ref)
            rows = s.scalars(select(AssetAudit).where(AssetAudit.asset_id == asset.id)
                             .order_by(AssetAudit.collected_at.desc(), AssetAudit.id.desc()).limit(limit))
            return [audit_view(r) for r in rows]

    @requires(security.READ)
    def software_of(self, ref: str | int, *, include_removed: bool = False) -> list[dict[str, Any]]:
        from itam.models import InstalledSoftware
        from itam.services.assets import AssetService

        with self.ctx.db.read() as s:
            asset = AssetService(self.ctx).resolve(s, ref)
            q = select(InstalledSoftware).where(InstalledSoftware.asset_id == asset.id)
            if not include_removed:
                q = q.where(InstalledSoftware.removed_at.is_(None))
            return [{"name": r.name, "version": r.version, "vendor": r.vendor, "source": r.source,
                     "first_seen": r.first_seen, "last_seen": r.last_seen, "removed_at": r.removed_at}
                    for r in s.scalars(q.order_by(InstalledSoftware.name, InstalledSoftware.version))]
