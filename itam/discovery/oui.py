"""MAC address → vendor: nmap's ``nmap-mac-prefixes`` when nmap's data is installed, else the IEEE table in netaddr.

A MAC whose first byte has bit 0x02 set is locally administered: phones and laptops randomise their MAC per
network this way, so the OUI names nobody and we report no vendor. The exception is the handful of fixed
locally administered prefixes that hypervisors assign (QEMU/KVM's 52:54:00): those name the NIC's maker.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from itam.errors import ValidationError
from itam.identifiers import is_randomized_mac, normalize_mac

log = logging.getLogger(__name__)

#: Fixed locally administered prefixes that identify a virtual NIC rather than a randomised one.
HYPERVISOR_LAA_PREFIXES = {
    "525400": "QEMU virtual NIC",
}


@dataclass(frozen=True)
class MacInfo:
    mac: str  # normalised aa:bb:cc:dd:ee:ff
    vendor: str | None
    randomized: bool  # locally administered and not a known hypervisor prefix: no vendor
    source: str | None  # "nmap" | "ieee" | "hypervisor" | None when unknown


def nmap_data_dirs() -> list[Path]:
    """Where nmap keeps its data files, in the order nmap itself searches them (NMAPDIR first)."""
    dirs: list[Path] = []
    if os.environ.get("NMAPDIR"):
        dirs.append(Path(os.environ["NMAPDIR"]))
    dirs.append(Path.home() / ".nmap")
    exe = shutil.which("nmap")
    if exe:
        real = Path(exe).resolve().parent
        dirs += [real / ".." / "share" / "nmap", real]  # Unix prefix layout; Windows keeps data beside nmap.exe
    dirs += [Path("/usr/share/nmap"), Path("/usr/local/share/nmap"), Path("/opt/homebrew/share/nmap")]
    if sys.platform == "win32":
        for env in ("ProgramFiles(x86)", "ProgramFiles"):
            if os.environ.get(env):
                dirs.append(Path(os.environ[env]) / "Nmap")
    return dirs


def find_nmap_data_file(name: str) -> Path | None:
    """The first ``name`` (e.g. ``nmap-services``) in nmap's data directories, or None."""
    for d in nmap_data_dirs():
        candidate = d / name
        if candidate.is_file():
            return candidate.resolve()
    return None


def is_random(mac: str) -> bool:
    """``mac`` (normalised) is locally administered and not a known hypervisor prefix: it names no vendor."""
    return is_randomized_mac(mac) and mac.replace(":", "")[:6] not in HYPERVISOR_LAA_PREFIXES


class OuiTable:
    """Vendor look-up loaded on first use (nmap's table is ~32,000 lines; netaddr indexes its own)."""

    def __init__(self, nmap_prefixes: Path | None = None, *, search_nmap: bool = True):
        """``nmap_prefixes``: that file; else nmap's data directories when ``search_nmap``; else netaddr only."""
        self._nmap_path = nmap_prefixes
        self._search_nmap = search_nmap
        self._table: dict[str, str] | None = None
        self._source: str | None = None
        self._lock = threading.Lock()

    def _load(self) -> dict[str, str]:
        with self._lock:
            if self._table is not None:
                return self._table
            path = self._nmap_path
            if path is None and self._search_nmap:
                path = find_nmap_data_file("nmap-mac-prefixes")
            table: dict[str, str] = {}
            if path is not None:
                try:
                    with open(path, encoding="utf-8", errors="replace") as fh:
                        for line in fh:
                            if not line.strip() or line.startswith("#"):
                                continue
                            prefix, _, vendor = line.strip().partition(" ")
                            if vendor:
                                table[prefix.lower()] = vendor.strip()
                    self._source = "nmap"
                    log.debug("MAC vendors from %s (%d prefixes)", path, len(table))
                except OSError as exc:
                    log.warning("cannot read %s (%s); using netaddr's IEEE table", path, exc)
                    table = {}
            if not table:
                self._source = "ieee"
            self._table = table
            return table

    @property
    def source(self) -> str:
        """'nmap' or 'ieee': which table answers look-ups."""
        self._load()
        return self._source or "ieee"

    def lookup(self, mac: str) -> MacInfo:
        """Vendor of ``mac`` (any common notation). Raises ValidationError when it is not a MAC."""
        norm = normalize_mac(mac)
        bare = norm.replace(":", "")
        if bare[:6] in HYPERVISOR_LAA_PREFIXES:
            return MacInfo(norm, HYPERVISOR_LAA_PREFIXES[bare[:6]], False, "hypervisor")
        if is_randomized_mac(norm):
            return MacInfo(norm, None, True, None)
        table = self._table if self._table is not None else self._load()
        if table:
            # nmap 7.93 lists 24-bit prefixes only; later tables add 28/36-bit blocks: try the longest first.
            for length in (9, 7, 6):
                vendor = table.get(bare[:length])
                if vendor:
                    return MacInfo(norm, vendor, False, "nmap")
            return MacInfo(norm, None, False, None)
        vendor = _netaddr_vendor(norm)
        return MacInfo(norm, vendor, False, "ieee" if vendor else None)


def _netaddr_vendor(mac: str) -> str | None:
    import netaddr

    try:
        eui = netaddr.EUI(mac)
        if eui.is_iab():
            # 36-bit registrations for small vendors inside the IEEE's own OUIs (00:50:c2, 40:d8:55).
            try:
                return eui.iab.registration().org.strip() or None
            except netaddr.NotRegisteredError:
                pass
        return eui.oui.registration().org.strip() or None
    except (netaddr.NotRegisteredError, netaddr.AddrFormatError, IndexError):
        return None


_default: OuiTable | None = None
_default_lock = threading.Lock()


def default_table() -> OuiTable:
    global _default
    with _default_lock:
        if _default is None:
            _default = OuiTable()
        return _default


def mac_vendor(mac: str) -> str | None:
    """The vendor of ``mac``, or None when unknown, randomised or not a MAC at all."""
    try:
        return default_table().lookup(mac).vendor
    except ValidationError:
        return None


def lookup(mac: str) -> MacInfo:
    """Full look-up with the process-wide table (loaded once, on first call)."""
    return default_table().lookup(mac)
