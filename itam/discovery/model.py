"""Plain data that flows through discovery: what nmap saw of a host, and what a scan produced.

The XML parser builds these; the classifier reads them; reconciliation stores them. No Qt, no ORM.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

PROFILES = ("quick", "standard", "deep")


@dataclass(frozen=True)
class Service:
    port: int
    protocol: str  # tcp | udp
    state: str  # open | open|filtered | closed | filtered
    name: str | None = None  # nmap's service name (http, ipp, microsoft-ds …)
    product: str | None = None
    version: str | None = None
    extrainfo: str | None = None
    devicetype: str | None = None  # service detection's device type ("printer", "phone" …)
    ostype: str | None = None
    method: str | None = None  # table | probed
    conf: int | None = None
    cpes: tuple[str, ...] = ()
    scripts: tuple[tuple[str, str], ...] = ()  # (script id, output)
    tunnel: str | None = None  # "ssl" when nmap spoke the service through TLS (name "http" + tunnel = https)


@dataclass(frozen=True)
class OsClass:
    vendor: str | None
    family: str | None
    generation: str | None
    type: str | None  # general purpose, printer, router, phone, WAP …
    accuracy: int
    cpes: tuple[str, ...] = ()


@dataclass(frozen=True)
class OsMatch:
    name: str
    accuracy: int
    classes: tuple[OsClass, ...] = ()


@dataclass(frozen=True)
class HostObservation:
    """Everything nmap reported about one host in one scan."""

    address: str  # the IPv4/IPv6 address nmap scanned
    state: str  # up | down | unknown
    reason: str | None = None  # arp-response, syn-ack, echo-reply, localhost-response …
    reply_ttl: int | None = None
    mac: str | None = None  # normalised aa:bb:cc:dd:ee:ff
    mac_vendor: str | None = None  # nmap's vendor, or from the OUI table
    hostnames: tuple[str, ...] = ()
    services: tuple[Service, ...] = ()
    os_matches: tuple[OsMatch, ...] = ()
    host_scripts: tuple[tuple[str, str], ...] = ()  # (script id, output) from <hostscript>
    uptime_seconds: int | None = None
    started: datetime | None = None
    ended: datetime | None = None
    mac_randomized: bool = False  # locally administered MAC (bit 0x02 of the first byte): no vendor
    distance: int | None = None  # network hops (nmap's <distance>, from OS detection or traceroute)

    @property
    def open_ports(self) -> tuple[tuple[int, str], ...]:
        return tuple((s.port, s.protocol) for s in self.services if s.state.startswith("open"))


@dataclass(frozen=True)
class Progress:
    """nmap's own progress figure (from <taskprogress>)."""

    task: str
    percent: float
    remaining_seconds: int | None = None


@dataclass(frozen=True)
class Classification:
    category: str  # a key of resources/categories.toml, or "unknown"
    confidence: float  # 0..1
    likely: str | None  # when category == "unknown": the best weak guess
    evidence: tuple[str, ...] = ()  # human-readable reasons, strongest first

    @property
    def label(self) -> str:
        if self.category == "unknown" and self.likely:
            return f"unknown (likely {self.likely})"
        return self.category


@dataclass
class ScanResult:
    """A finished (or cancelled) scan: the command, the hosts, and what could not be seen."""

    targets: tuple[str, ...]
    profile: str
    command: tuple[str, ...]
    privileged: bool
    started: datetime
    ended: datetime | None = None
    hosts: list[HostObservation] = field(default_factory=list)
    partial: bool = False  # cancelled or nmap failed mid-scan: hosts are what was found so far
    error: str | None = None
    limitations: tuple[str, ...] = ()  # e.g. "not root: no MAC addresses, no OS detection"
    xml: str | None = None  # nmap's XML as it came (kept as evidence)
    nmap_version: str | None = None
    warnings: tuple[str, ...] = ()  # nmap's stderr warnings of a run that succeeded (e.g. "Failed to resolve …")
    addresses_scanned: int | None = None  # from nmap's runstats: up + down hosts (down ones are not listed)
    cancelled: bool = False  # partial because the person stopped it (not because nmap failed)
