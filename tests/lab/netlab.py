"""A lab of fake network devices in Linux network namespaces, for discovery tests and benchmarks.

Layout (everything in 198.18.0.0/24, inside the benchmarking range 198.18.0.0/15, never anything else):

    root namespace (the scanner)                     one namespace per host, itam-<id>-h<N>
    bridge itambr<id>  198.18.0.1/24  <-- veth itv<id>h<N> ==== eth0  198.18.0.N/24, MAC with a real OUI
    blackhole 198.18.0.0/15 (proto 177)                              lo up, listener.py on the profile's ports

The bridge's connected /24 is more specific than the blackhole, so lab traffic reaches the hosts and any
other 198.18/15 packet is dropped on this machine. Hosts have no default route. Use ``Lab.nmap_command``
(which adds ``-n``, ``-e <bridge>``, the lab network as the only target and excludes the bridge address).

Only one lab can exist on a machine at a time (every lab uses 198.18.0.0/24 in the root namespace): a lab
holds an exclusive lock file for its life, and a second one waits for it. Everything a lab creates is named
from a random 6-hex-digit id; ``cleanup_stale()`` removes what killed runs left behind (it runs at the start
of every lab as well). Teardown runs on context exit, on garbage collection and at interpreter exit; the
listeners also exit by themselves when the process that started them dies.

Needs root and iproute2's ``ip``; the fixtures in tests/lab/plugin.py also need nmap.
"""

from __future__ import annotations

import codecs
import contextlib
import fcntl
import functools
import ipaddress
import os
import re
import secrets
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Self

NETWORK = ipaddress.IPv4Network("198.18.0.0/24")
GATEWAY = "198.18.0.1"  # the bridge: the scanner's own address, excluded from every scan
BLACKHOLE = "198.18.0.0/15"
# Our blackhole route carries this routing-protocol number so cleanup never removes a route someone else set.
ROUTE_PROTO = "177"
FIRST_INDEX, LAST_INDEX = 2, 254

LISTENER = Path(__file__).with_name("listener.py")
LOCK_PATH = Path("/run/lock" if os.path.isdir("/run/lock") else tempfile.gettempdir()) / "itam-netlab.lock"
TMP_PREFIX = "itam-lab-"

_NS_RE = re.compile(r"^itam-([0-9a-f]{6})-h(\d{1,3})$")
_BRIDGE_RE = re.compile(r"^itambr([0-9a-f]{6})$")
_VETH_RE = re.compile(r"^itv([0-9a-f]{6})h(\d{1,3})$")
_TMP_RE = re.compile(rf"^{TMP_PREFIX}([0-9a-f]{{6}})$")

# Ports the standard lab scans cover: every profile's TCP ports.
SCAN_PORTS = "22,23,80,135,139,443,445,515,554,631,3389,5000,5060,9100,62078"
# nmap options of the three scan depths recorded in tests/data/nmap/lab_*.xml (targets are added by the lab).
QUICK_OPTIONS: tuple[str, ...] = ("-sn",)
STANDARD_OPTIONS: tuple[str, ...] = ("-sS", "-sV", "--version-light", "-p", SCAN_PORTS)
DEEP_OPTIONS: tuple[str, ...] = (
    "-sS", "-sU", "-sV", "-O",
    "--script", "nbstat,smb-os-discovery,snmp-sysdescr,http-title",
    "-p", f"T:{SCAN_PORTS},U:137,161",
)

# nmap options that would add targets or leave the machine (DNS); the lab refuses them.
_FORBIDDEN_OPTIONS = ("-iL", "-iR", "-R", "--resolve-all", "--dns-servers", "--system-dns", "-6")


class LabError(RuntimeError):
    """The lab could not be built or torn down."""


class LabUnavailable(LabError):
    """This machine cannot host a lab (not root, no iproute2, namespaces forbidden, another lab running)."""


class LabBusy(LabUnavailable):
    """Another process's lab holds the lock for longer than we were willing to wait."""


# --- host profiles --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Port:
    """One TCP port of a profile and how its listener answers."""

    number: int
    service: str  # what it pretends to be, for people: ssh, http, ipp, rtsp …
    banner: bytes | None = None  # sent on connect
    reply: bytes | None = None  # sent after the client's request ({date}, {cseq} filled in)
    http: tuple[str, str] | None = None  # (Server header, <title>) of a 200 page


@dataclass(frozen=True)
class Profile:
    """A kind of device: MAC vendor, open ports and what they say, reply TTL, expected category."""

    name: str
    category: str  # the classification a good classifier reaches: a resources/categories.toml key or unknown
    oui: str  # first three bytes of the MAC, a real vendor prefix from nmap-mac-prefixes
    description: str
    tcp: tuple[Port, ...] = ()
    udp: tuple[int, ...] = ()  # bound, never answered
    snmp: tuple[str, str] | None = None  # (sysDescr, sysName) answered on 161/udp for community public
    ttl: int = 64  # net.ipv4.ip_default_ttl inside the namespace

    def listener_args(self) -> list[str]:
        args = ["--tcp", ",".join(str(p.number) for p in self.tcp)]
        if self.udp:
            args += ["--udp", ",".join(str(p) for p in self.udp)]
        if self.snmp is not None:
            args += ["--snmp", f"161={self.snmp[0]}|{self.snmp[1]}"]
        for port in self.tcp:
            if port.banner is not None:
                args += ["--banner", f"{port.number}={_escape(port.banner)}"]
            if port.reply is not None:
                args += ["--reply", f"{port.number}={_escape(port.reply)}"]
            if port.http is not None:
                args += ["--http", f"{port.number}={port.http[0]}|{port.http[1]}"]
        return args


def _escape(data: bytes) -> str:
    return codecs.escape_encode(data)[0].decode("ascii")


_OPENSSH_DEBIAN = b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"
_HP_SERVER = ("HP HTTP Server; HP LaserJet Pro M404dn - W1A53A; Serial Number: PHBQB12345; "
              "Built: Mon Jan 10, 2022 12:00:00PM {TJP1CN2150AR, ASIC id 0x001c2105}")

PROFILES: dict[str, Profile] = {p.name: p for p in (
    Profile(
        "printer", "printer", "00:1B:78", "HP LaserJet Pro M404dn",
        tcp=(
            Port(80, "http", http=(_HP_SERVER, "HP LaserJet Pro M404dn")),
            Port(515, "printer"),
            # What HP's embedded server says to an HTTP/1.0 request on the IPP port; nmap knows it.
            Port(631, "ipp", reply=f"HTTP/1.1 505 HTTP Version Not Supported\r\nServer: {_HP_SERVER}\r\n\r\n".encode()),
            Port(9100, "jetdirect"),
        ),
    ),
    Profile(
        "windows_desktop", "desktop", "B8:CA:3A", "Dell OptiPlex, Windows 11",
        tcp=(Port(135, "msrpc"), Port(139, "netbios-ssn"), Port(445, "microsoft-ds"), Port(3389, "ms-wbt-server")),
        ttl=128,
    ),
    Profile(
        "linux_server", "server", "0C:C4:7A", "Supermicro server, Debian 12",
        tcp=(
            Port(22, "ssh", banner=_OPENSSH_DEBIAN),
            Port(80, "http", http=("nginx/1.22.1", "Welcome to nginx!")),
            Port(443, "https"),
        ),
    ),
    Profile(
        "switch", "network", "00:1B:54", "Cisco Catalyst switch, IOS",
        tcp=(
            Port(22, "ssh", banner=b"SSH-2.0-Cisco-1.25\r\n"),
            # IOS telnetd: WILL ECHO, WILL SGA, DO TTYPE, DO NAWS, then the login prompt.
            Port(23, "telnet", banner=b"\xff\xfb\x01\xff\xfb\x03\xff\xfd\x18\xff\xfd\x1f"
                                      b"\r\n\r\nUser Access Verification\r\n\r\nUsername: "),
            Port(80, "http", reply=(
                b"HTTP/1.0 401 Unauthorized\r\nDate: {date}\r\nContent-type: text/html\r\n"
                b"Expires: Thu, 16 Feb 1989 00:00:00 GMT\r\n"
                b'WWW-Authenticate: Basic realm="level 15 access"\r\n\r\n'
                b"<HEAD><TITLE>Authorization Required</TITLE></HEAD><BODY><H1>Authorization Required</H1>"
                b"Browser not authentication-capable or authentication failed.</BODY>\r\n"
            )),
        ),
        snmp=(("Cisco IOS Software, C2960 Software (C2960-LANBASEK9-M), Version 15.0(2)SE11, "
              "RELEASE SOFTWARE (fc3)"), "sw-floor2"),
        ttl=255,
    ),
    Profile("iphone", "phone", "F0:DB:F8", "Apple iPhone", tcp=(Port(62078, "iphone-sync"),)),
    Profile(
        "voip_phone", "voip", "00:04:F2", "Polycom VVX 411",
        tcp=(
            Port(80, "http", http=("Polycom SoundPoint IP Telephone HTTPd", "Polycom VVX 411")),
            Port(5060, "sip", reply=(
                b"SIP/2.0 200 OK\r\nCSeq: {cseq}\r\nUser-Agent: PolycomVVX-VVX_411-UA/5.9.0.9373\r\n"
                b"Allow: INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, MESSAGE, SUBSCRIBE, NOTIFY, REFER\r\n"
                b"Content-Length: 0\r\n\r\n"
            )),
        ),
    ),
    Profile(
        "camera", "camera", "00:40:8C", "Axis network camera",
        tcp=(
            Port(80, "http", http=("Boa/0.94.14rc21", "AXIS M1065-L Network Camera")),
            Port(554, "rtsp", reply=(
                b"RTSP/1.0 200 OK\r\nPublic: DESCRIBE, GET_PARAMETER, PAUSE, PLAY, SETUP, SET_PARAMETER, TEARDOWN\r\n\r\n"
            )),
        ),
    ),
    Profile(
        "nas", "storage", "00:11:32", "Synology DiskStation DS920+",
        tcp=(
            Port(22, "ssh", banner=b"SSH-2.0-OpenSSH_8.2\r\n"),
            Port(445, "microsoft-ds"),
            Port(5000, "http", http=("nginx", "Synology DiskStation - DS920plus")),
            Port(5001, "https"),
        ),
    ),
    Profile("vm", "virtual_machine", "00:50:56", "VMware virtual machine, Debian 12",
            tcp=(Port(22, "ssh", banner=_OPENSSH_DEBIAN),)),
    # Filler for the 50-host lab: SSH only, nothing that says what it is.
    Profile("plain", "unknown", "B8:27:EB", "host with only SSH open",
            tcp=(Port(22, "ssh", banner=b"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n"),)),
)}

# One host of every profile but the filler: what the `lab` fixture builds.
SMALL_LAB: tuple[str, ...] = tuple(name for name in PROFILES if name != "plain")


def bench_profiles(count: int = 50) -> list[str]:
    """One host of each profile, then 'plain' filler hosts up to ``count``."""
    if count < len(SMALL_LAB):
        return list(SMALL_LAB[:count])
    return list(SMALL_LAB) + ["plain"] * (count - len(SMALL_LAB))


@dataclass(frozen=True)
class LabHost:
    """One fake device: what a test can assert nmap and the classifier report."""

    index: int  # last octet of the address, and N in the namespace name
    address: str
    mac: str  # lower-case aa:bb:cc:dd:ee:ff
    vendor: str | None  # nmap's name for the MAC's OUI (None if nmap-mac-prefixes is missing)
    profile: str
    category: str  # expected classification
    description: str
    tcp_ports: tuple[int, ...]
    udp_ports: tuple[int, ...]
    ttl: int  # TTL of the host's replies
    namespace: str
    services: tuple[tuple[int, str], ...]  # (TCP port, what it pretends to be)


def mac_for(profile: Profile, index: int) -> str:
    """Deterministic MAC: the profile's OUI, then 4c:00:<index> (stable across labs and recordings)."""
    return f"{profile.oui}:4c:{index >> 8:02x}:{index & 0xFF:02x}".lower()


@functools.lru_cache(maxsize=1)
def _mac_prefixes() -> dict[str, str]:
    candidates = [os.environ.get("NMAPDIR"), "/usr/share/nmap", "/usr/local/share/nmap"]
    for directory in filter(None, candidates):
        path = Path(directory, "nmap-mac-prefixes")
        if path.is_file():
            table = {}
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                if line and not line.startswith("#"):
                    prefix, _, vendor = line.partition(" ")
                    table[prefix.upper()] = vendor.strip()
            return table
    return {}


def nmap_vendor(mac: str) -> str | None:
    """The vendor nmap prints for ``mac`` (it looks up the first 24 bits in nmap-mac-prefixes)."""
    return _mac_prefixes().get(mac.replace(":", "").upper()[:6])


# --- environment ----------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def ip_binary() -> str | None:
    found = shutil.which("ip")
    if found:
        return found
    for candidate in ("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"):
        if os.access(candidate, os.X_OK):
            return candidate
    return None


def nmap_binary() -> str | None:
    return shutil.which("nmap")


def unavailable_reason(need_nmap: bool = True) -> str | None:
    """Why this machine cannot run the lab (cheap checks only), or None. Namespace creation is probed by
    ``Lab.start``, which raises LabUnavailable."""
    if not sys.platform.startswith("linux"):
        return "the network lab needs Linux network namespaces"
    if os.geteuid() != 0:
        return "the network lab needs root (network namespaces, veth, bridge; nmap -sS and MAC addresses)"
    if ip_binary() is None:
        return "the network lab needs the `ip` command (Debian package iproute2)"
    if need_nmap and nmap_binary() is None:
        return "nmap is not installed (Debian package nmap)"
    return None


def _ip(*args: str, input: str | None = None, check: bool = True, force: bool = False,
        timeout: float = 60) -> subprocess.CompletedProcess[str]:
    ip = ip_binary()
    if ip is None:
        raise LabUnavailable("the `ip` command (iproute2) is missing")
    argv = [ip, *(["-force"] if force else []), *args]
    proc = subprocess.run(argv, input=input, capture_output=True, text=True, timeout=timeout, check=False)
    if check and proc.returncode != 0:
        shown = " ".join(argv) + (f" <<< {input.strip()[:300]!r}" if input else "")
        raise LabError(f"{shown} failed ({proc.returncode}): {proc.stderr.strip()}")
    return proc


def _batch(lines: Sequence[str], namespace: str | None = None, force: bool = False) -> subprocess.CompletedProcess[str]:
    """Many ip commands in one process (``ip -batch -``), optionally inside a namespace."""
    prefix = ("-n", namespace) if namespace else ()
    return _ip(*prefix, "-batch", "-", input="\n".join(lines) + "\n", check=not force, force=force)


def _set_ttl(namespace: str, ttl: int) -> None:
    """net.ipv4.ip_default_ttl is per network namespace: replies from this host carry ``ttl``."""
    if shutil.which("sysctl"):
        _ip("netns", "exec", namespace, "sysctl", "-qw", f"net.ipv4.ip_default_ttl={ttl}")
    else:  # minimal images without procps: the same write, by hand
        _ip("netns", "exec", namespace, "sh", "-c", f"echo {int(ttl)} > /proc/sys/net/ipv4/ip_default_ttl")


def _list_namespaces() -> list[str]:
    out = _ip("netns", "list", check=False).stdout
    return [line.split()[0] for line in out.splitlines() if line.strip()]


def _list_links() -> list[str]:
    out = _ip("-o", "link", "show", check=False).stdout
    names = []
    for line in out.splitlines():
        parts = line.split(":", 2)
        if len(parts) >= 2:
            names.append(parts[1].strip().split("@", 1)[0])
    return names


def _our_routes() -> list[str]:
    out = _ip("-4", "route", "show", "table", "all", "proto", ROUTE_PROTO, check=False).stdout
    return [line.strip() for line in out.splitlines() if line.strip()]


def leftovers(lab_id: str | None = None) -> list[str]:
    """Namespaces, links and routes of labs (of one lab when ``lab_id`` is given) that still exist."""
    found = []
    for ns in _list_namespaces():
        m = _NS_RE.match(ns)
        if m and (lab_id is None or m.group(1) == lab_id):
            found.append(f"netns {ns}")
    for link in _list_links():
        m = _BRIDGE_RE.match(link) or _VETH_RE.match(link)
        if m and (lab_id is None or m.group(1) == lab_id):
            found.append(f"link {link}")
    if lab_id is None:
        found += [f"route {r}" for r in _our_routes()]
    return found


def _acquire_lock(timeout: float) -> int:
    fd = os.open(LOCK_PATH, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                raise LabBusy(f"another network lab is running on this machine (lock {LOCK_PATH} held "
                              f"for more than {timeout:.0f} s)") from None
            time.sleep(0.2)


def _remove_leftovers() -> list[str]:
    """Remove every lab object on the machine. Only call while holding the lock (no lab is alive then)."""
    removed = []
    namespaces = [ns for ns in _list_namespaces() if _NS_RE.match(ns)]
    for ns in namespaces:
        # Listeners of a killed run exit by themselves within a second; these are the stragglers.
        pids = _ip("netns", "pids", ns, check=False).stdout.split()
        for pid in pids:
            with contextlib.suppress(ProcessLookupError, ValueError):
                os.kill(int(pid), signal.SIGKILL)
    links = [link for link in _list_links() if _VETH_RE.match(link) or _BRIDGE_RE.match(link)]
    routes = _our_routes()
    lines = [f"link del {link}" for link in links]
    lines += [f"netns del {ns}" for ns in namespaces]
    if routes:
        lines.append(f"route del blackhole {BLACKHOLE} proto {ROUTE_PROTO}")
    if lines:
        _batch(lines, force=True)
    removed += [f"link {link}" for link in links] + [f"netns {ns}" for ns in namespaces]
    removed += [f"route {r}" for r in routes]
    tmp = Path(tempfile.gettempdir())
    for entry in tmp.glob(f"{TMP_PREFIX}*"):
        if _TMP_RE.match(entry.name) and entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(f"dir {entry}")
    return removed


def cleanup_stale(wait: float = 0.0) -> list[str]:
    """Remove what killed lab runs left (namespaces, veths, bridges, the blackhole route, temp dirs).

    Returns what was removed. If a live lab holds the lock (in any process) nothing is stale: returns []
    after waiting up to ``wait`` seconds for it.
    """
    reason = unavailable_reason(need_nmap=False)
    if reason:
        raise LabUnavailable(reason)
    if _LIVE:
        return []
    try:
        fd = _acquire_lock(wait)
    except LabBusy:
        return []
    try:
        return _remove_leftovers()
    finally:
        os.close(fd)


_ADDRESSISH = re.compile(r"^[\d*,\-]+(\.[\d*,\-]+){3}(/\d+)?$")  # nmap's address, CIDR and range syntax
_HOSTNAMEISH = re.compile(r"^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+\.?$")


def _check_option(option: str) -> None:
    """Refuse an nmap option that would add a target or make nmap talk to anything but the lab."""
    if option.split("=", 1)[0] in _FORBIDDEN_OPTIONS:
        raise LabError(f"nmap option {option} is not allowed in the lab")
    if ":" in option and not option.startswith(("T:", "U:", "S:", "-")):
        with contextlib.suppress(ValueError):
            ipaddress.IPv6Network(option, strict=False)
            raise LabError(f"refusing to scan {option}: the lab only scans {NETWORK}")
    if _ADDRESSISH.match(option):
        try:
            inside = ipaddress.IPv4Network(option, strict=False).subnet_of(NETWORK)
        except ValueError:
            inside = False  # nmap ranges (198.18.0.2-9) are refused rather than parsed
        if not inside:
            raise LabError(f"refusing to scan {option}: the lab only scans {NETWORK} (pass options only)")
    elif _HOSTNAMEISH.match(option) and not option[0].isdigit():
        raise LabError(f"refusing {option!r}: it looks like a host name; pass nmap options only")


# --- the lab --------------------------------------------------------------------------------------------

_LIVE: weakref.WeakSet[Lab] = weakref.WeakSet()


class _LabState:
    """Everything to undo, kept apart from Lab so its finalizer holds no reference to the Lab."""

    def __init__(self, lab_id: str, bridge: str) -> None:
        self.lab_id = lab_id
        self.bridge = bridge
        self.lock_fd: int | None = None
        self.route_added = False
        self.bridge_added = False
        self.namespaces: list[str] = []
        self.veths: list[str] = []
        self.procs: dict[int, subprocess.Popen[bytes]] = {}
        self.logs: dict[int, Path] = {}
        self.tmpdir: Path | None = None
        self.started = False  # holds the lock; until then there is nothing to undo
        self.closed = False

    def stop_listeners(self, grace: float = 3.0) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + grace
        for proc in self.procs.values():
            try:
                proc.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            if proc.stdout is not None:
                proc.stdout.close()
        self.procs.clear()

    def close(self, quiet: bool = False) -> None:
        if self.closed:
            return
        self.closed = True
        if not self.started:
            return
        try:
            self.stop_listeners()
            lines = [f"link del {veth}" for veth in self.veths]
            if self.bridge_added:
                lines.append(f"link del {self.bridge}")
            lines += [f"netns del {ns}" for ns in self.namespaces]
            if self.route_added:
                lines.append(f"route del blackhole {BLACKHOLE} proto {ROUTE_PROTO}")
            if lines:
                _batch(lines, force=True)  # errors are judged by what is left, below
            if self.tmpdir is not None:
                shutil.rmtree(self.tmpdir, ignore_errors=True)
            left = leftovers(self.lab_id)
            if self.route_added:
                left += [f"route {r}" for r in _our_routes()]
        finally:
            if self.lock_fd is not None:
                os.close(self.lock_fd)
                self.lock_fd = None
        if left:
            message = f"network lab {self.lab_id}: teardown left {', '.join(left)}"
            if quiet:
                print(message, file=sys.stderr)
            else:
                raise LabError(message)


class Lab:
    """A bridge in the root namespace plus fake hosts in their own namespaces; a context manager.

    >>> with Lab() as lab:
    ...     lab.add_hosts(SMALL_LAB)
    ...     xml = lab.run_nmap("-sS", "-p", SCAN_PORTS)
    """

    def __init__(self, *, lock_timeout: float = 300.0, ready_timeout: float = 30.0) -> None:
        self.id = secrets.token_hex(3)
        self.bridge = f"itambr{self.id}"
        self.network = str(NETWORK)
        self.gateway = GATEWAY
        self.lock_timeout = lock_timeout
        self.ready_timeout = ready_timeout
        self._hosts: dict[int, LabHost] = {}
        self._state = _LabState(self.id, self.bridge)
        self._finalizer = weakref.finalize(self, self._state.close, True)
        self._started = False

    # context management

    def __enter__(self) -> Self:
        if not self._started:
            self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def start(self) -> Lab:
        """Take the machine-wide lock, clear stale leftovers, create the blackhole route and the bridge."""
        if self._started:
            return self
        reason = unavailable_reason(need_nmap=False)
        if reason:
            raise LabUnavailable(reason)
        if any(lab is not self for lab in _LIVE):
            raise LabError("another Lab is open in this process; every lab uses 198.18.0.0/24, so close it "
                           "first (the lab and lab50 fixtures cannot be used in the same test module)")
        state = self._state
        state.lock_fd = _acquire_lock(self.lock_timeout)
        state.started = True
        _LIVE.add(self)
        self._started = True
        try:
            _remove_leftovers()
            taken = _ip("-4", "-o", "addr", "show", "to", BLACKHOLE).stdout.strip()
            if taken:
                raise LabUnavailable(f"198.18.0.0/15 is already in use on this machine: {taken}")
            self._probe()
            state.tmpdir = Path(tempfile.gettempdir(), f"{TMP_PREFIX}{self.id}")
            state.tmpdir.mkdir(mode=0o700)
            existing = _ip("-4", "route", "show", "type", "blackhole", BLACKHOLE).stdout.strip()
            if not existing:
                _ip("route", "add", "blackhole", BLACKHOLE, "proto", ROUTE_PROTO)
                state.route_added = True
            state.bridge_added = True
            _batch([
                f"link add {self.bridge} type bridge stp_state 0 forward_delay 0",
                # A fixed locally administered address: the scanner's MAC never depends on which port came first.
                f"link set {self.bridge} address 02:00:c6:12:00:01",
                f"addr add {GATEWAY}/{NETWORK.prefixlen} dev {self.bridge}",
                f"link set {self.bridge} up",
            ])
        except BaseException:
            self.close(quiet=True)
            raise
        return self

    def _probe(self) -> None:
        """Fail early, as 'unavailable', where namespaces or veth pairs are forbidden (unprivileged containers)."""
        ns, veth = f"itam-{self.id}-h0", f"itv{self.id}h0"
        proc = _batch([f"netns add {ns}", f"link add {veth} type veth peer name eth0 netns {ns}"], force=True)
        _batch([f"link del {veth}", f"netns del {ns}"], force=True)
        if proc.returncode != 0:
            raise LabUnavailable(f"cannot create network namespaces and veth pairs here: {proc.stderr.strip()}")

    def close(self, quiet: bool = False) -> None:
        """Stop listeners, delete namespaces, veths, the bridge and the blackhole route; release the lock."""
        _LIVE.discard(self)
        self._finalizer.detach()
        self._state.close(quiet=quiet)

    # hosts

    @property
    def hosts(self) -> tuple[LabHost, ...]:
        return tuple(self._hosts[i] for i in sorted(self._hosts))

    def host(self, key: int | str) -> LabHost:
        """A host by index (last octet), address or profile name (the first of that profile)."""
        for host in self.hosts:
            if key in (host.index, host.address, host.profile):
                return host
        raise KeyError(key)

    def add_host(self, profile: str | Profile, index: int | None = None) -> LabHost:
        """Create one host and wait until its listener accepts connections."""
        return self.add_hosts([profile], None if index is None else [index])[0]

    def add_hosts(self, profiles: Iterable[str | Profile], indexes: Iterable[int] | None = None) -> list[LabHost]:
        """Create hosts (addresses 198.18.0.<index>, by default the next free ones from .2); return when every
        listener accepts connections."""
        if not self._started or self._state.closed:
            raise LabError("the lab is not running: use `with Lab() as lab:` or lab.start()")
        chosen = [PROFILES[p] if isinstance(p, str) else p for p in profiles]
        wanted = list(indexes) if indexes is not None else self._free_indexes(len(chosen))
        if len(wanted) != len(chosen):
            raise ValueError("as many indexes as profiles, please")
        for index in wanted:
            if not FIRST_INDEX <= index <= LAST_INDEX:
                raise ValueError(f"host index {index} outside {FIRST_INDEX}..{LAST_INDEX}")
            if index in self._hosts:
                raise ValueError(f"host index {index} already used")
        if len(set(wanted)) != len(wanted):
            raise ValueError("duplicate host indexes")

        new = [self._describe(profile, index) for profile, index in zip(chosen, wanted, strict=True)]
        state = self._state
        root_lines = []
        for host in new:
            veth = f"itv{self.id}h{host.index}"
            state.namespaces.append(host.namespace)
            state.veths.append(veth)
            root_lines += [
                f"netns add {host.namespace}",
                f"link add {veth} type veth peer name eth0 netns {host.namespace} address {host.mac}",
                f"link set {veth} master {self.bridge} up",
            ]
        _batch(root_lines)
        for host, profile in zip(new, chosen, strict=True):
            _batch([
                "link set lo up",
                f"addr add {host.address}/{NETWORK.prefixlen} dev eth0",
                "link set eth0 up",
            ], namespace=host.namespace)
            if profile.ttl != 64:
                _set_ttl(host.namespace, profile.ttl)
        for host, profile in zip(new, chosen, strict=True):
            self._start_listener(host, profile)
        self._wait_ready(new)
        for host in new:
            self._hosts[host.index] = host
        # Forget the neighbours learnt while checking, so a scan starts from a cold ARP cache as on a real LAN.
        _ip("neigh", "flush", "dev", self.bridge, check=False)
        return new

    def listener_pids(self) -> list[int]:
        return [proc.pid for proc in self._state.procs.values()]

    def _free_indexes(self, count: int) -> list[int]:
        free = [i for i in range(FIRST_INDEX, LAST_INDEX + 1) if i not in self._hosts]
        if len(free) < count:
            raise ValueError(f"only {len(free)} free addresses left in {NETWORK}")
        return free[:count]

    def _describe(self, profile: Profile, index: int) -> LabHost:
        mac = mac_for(profile, index)
        return LabHost(
            index=index,
            address=str(NETWORK.network_address + index),
            mac=mac,
            vendor=nmap_vendor(mac),
            profile=profile.name,
            category=profile.category,
            description=profile.description,
            tcp_ports=tuple(sorted(p.number for p in profile.tcp)),
            udp_ports=tuple(sorted({*profile.udp, *((161,) if profile.snmp else ())})),
            ttl=profile.ttl,
            namespace=f"itam-{self.id}-h{index}",
            services=tuple(sorted((p.number, p.service) for p in profile.tcp)),
        )

    def _start_listener(self, host: LabHost, profile: Profile) -> None:
        state = self._state
        assert state.tmpdir is not None
        log = state.tmpdir / f"h{host.index}.log"
        state.logs[host.index] = log
        argv = [ip_binary() or "ip", "netns", "exec", host.namespace,
                sys.executable, "-I", "-S", str(LISTENER), *profile.listener_args()]
        with open(log, "wb") as stderr:
            state.procs[host.index] = subprocess.Popen(
                argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=stderr, close_fds=True,
            )

    def _wait_ready(self, hosts: list[LabHost]) -> None:
        state = self._state
        deadline = time.monotonic() + self.ready_timeout
        waiting = {state.procs[h.index].stdout: h for h in hosts}
        with selectors.DefaultSelector() as selector:
            for stream in waiting:
                selector.register(stream, selectors.EVENT_READ)
            while waiting:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    late = ", ".join(h.address for h in waiting.values())
                    raise LabError(f"listeners not ready after {self.ready_timeout:.0f} s: {late}")
                for key, _ in selector.select(remaining):
                    host = waiting.pop(key.fileobj)
                    selector.unregister(key.fileobj)
                    line = key.fileobj.readline()
                    if line.strip() != b"READY":
                        proc = state.procs[host.index]
                        proc.wait(5)
                        log = state.logs[host.index].read_text(errors="replace").strip()
                        raise LabError(f"listener of {host.address} ({host.profile}) failed "
                                       f"(exit {proc.returncode}): {log}")
        # READY means bound inside the namespace; connecting proves the bridge and veth carry traffic too.
        for host in hosts:
            for port in host.tcp_ports:
                self._wait_connect(host.address, port, deadline)

    @staticmethod
    def _wait_connect(address: str, port: int, deadline: float) -> None:
        while True:
            try:
                with socket.create_connection((address, port), timeout=1.0):
                    return
            except OSError as exc:
                if time.monotonic() >= deadline:
                    raise LabError(f"{address}:{port} does not accept connections: {exc}") from exc
                time.sleep(0.05)

    # scanning

    def nmap_command(self, *options: str) -> list[str]:
        """nmap with ``options`` against this lab only: -n, -e <bridge>, --exclude the bridge, XML to stdout."""
        for option in options:
            _check_option(option)
        nmap = nmap_binary()
        if nmap is None:
            raise LabUnavailable("nmap is not installed")
        return [nmap, "-n", "-e", self.bridge, *options, "--exclude", GATEWAY, "-oX", "-", str(NETWORK)]

    def run_nmap(self, *options: str, timeout: float = 900) -> str:
        """Run nmap on the lab and return its XML."""
        command = self.nmap_command(*options)
        proc = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
        if proc.returncode != 0:
            raise LabError(f"{' '.join(command)} failed ({proc.returncode}): {proc.stderr.strip()}")
        return proc.stdout
