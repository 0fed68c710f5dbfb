"""Run nmap as a subprocess, stream its XML, and report hosts and progress as they complete.

Callers run :meth:`NmapRunner.run` off the GUI thread; the callbacks are called in that same thread (not in a
child process as python-nmap's ``PortScannerAsync`` does). Targets must come from
:func:`itam.discovery.targets.parse_targets`: nmap has no end-of-options marker, so nothing typed by a
person ever reaches the command line unvalidated.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from itam.discovery.model import PROFILES, HostObservation, Progress, ScanResult
from itam.discovery.nmap_xml import NmapXmlStream, nmap_error
from itam.discovery.oui import find_nmap_data_file
from itam.discovery.targets import TargetSpec, parse_targets
from itam.errors import NmapMissingError, ScanError, ValidationError
from itam.messages import Message, join, tr

log = logging.getLogger(__name__)

INSTALL_HELP = tr("""\
nmap is not installed (or not on PATH); scanning needs it. Install it with:
  Debian/Ubuntu:  sudo apt install nmap
  Fedora:         sudo dnf install nmap
  macOS:          brew install nmap
  Windows:        the installer from https://nmap.org/download.html, then add its folder
                  (usually C:\\Program Files (x86)\\Nmap) to PATH
Importing a scan made elsewhere still works without it: itam discover import-xml FILE""")

#: TCP ports that tell device kinds apart, with why. nmap's top-100 misses several (62078, 7000, 5985), and
#: -sV never probes 9100, so the port being open is the evidence.
IDENTIFYING_TCP_PORTS: dict[int, str] = {
    21: "FTP (printers, NAS)",
    22: "SSH (servers, network gear)",
    23: "telnet (network gear, old printers)",
    53: "DNS (routers, domain controllers)",
    80: "HTTP (management pages)",
    88: "Kerberos (domain controllers)",
    135: "MS RPC (Windows)",
    139: "NetBIOS session (Windows, Samba)",
    389: "LDAP (domain controllers)",
    443: "HTTPS (management pages)",
    445: "SMB (Windows, NAS)",
    515: "LPD (printers)",
    548: "AFP (Macs, NAS)",
    554: "RTSP (cameras)",
    631: "IPP (printers, CUPS)",
    2049: "NFS (storage)",
    3389: "RDP (Windows)",
    5000: "Synology DSM / macOS AirPlay control",
    5001: "Synology DSM (HTTPS)",
    5060: "SIP (VoIP phones)",
    5900: "VNC (Macs, remote desktops)",
    5985: "WinRM (Windows servers)",
    7000: "AirPlay (Apple devices)",
    8080: "HTTP alternate (appliances)",
    8291: "MikroTik Winbox (routers)",
    8443: "HTTPS alternate (appliances, controllers)",
    9100: "JetDirect raw printing (printers)",
    62078: "Apple lockdownd (iPhone, iPad)",
}
#: UDP ports probed when root: SNMP names network gear and printers; NetBIOS names Windows hosts (deep only).
STANDARD_UDP_PORTS = (161,)
DEEP_UDP_PORTS = (137, 161)
DEEP_SCRIPTS = ("nbstat", "smb-os-discovery", "snmp-sysdescr", "http-title")
DEEP_TOP_PORTS = 200
#: TCP ports for ping probes: firewalled Windows hosts and iPhones ignore ICMP but answer on these.
PING_TCP_PORTS = (22, 80, 135, 139, 443, 445, 3389, 5000, 8080, 9100, 62078)
HOST_TIMEOUT = {"quick": "1m", "standard": "5m", "deep": "15m"}

LIMIT_MAC = "no MAC addresses or vendors (needs root or a local network)"
LIMIT_OS = "no OS detection"
LIMIT_UDP = "no UDP/SNMP"

# Above this many characters the targets go to nmap through a file (-iL): Windows caps a command line at
# 32,767 characters.
_ARGV_TARGET_LIMIT = 8000
_STDERR_CAP = 1 << 20


# --- finding nmap ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NmapInstall:
    path: str
    version: str | None


def _version_of(path: str) -> str | None:
    try:
        out = subprocess.run(
            [path, "--version"], check=False, capture_output=True, text=True, timeout=15, stdin=subprocess.DEVNULL,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("cannot run %s --version: %s", path, exc)
        return None
    m = re.search(r"Nmap version (\S+)", out.stdout)
    return m.group(1) if m else None


@functools.lru_cache(maxsize=8)
def _detect(explicit: str | None) -> NmapInstall | None:
    path = explicit or os.environ.get("ITAM_NMAP") or shutil.which("nmap")
    if not path or not (Path(path).is_file() or shutil.which(path)):
        return None
    path = shutil.which(path) or path
    version = _version_of(path)
    if version is None:
        return None
    return NmapInstall(path, version)


def reset_detection() -> None:
    """Forget the cached nmap detection (after installing nmap, or in tests)."""
    _detect.cache_clear()


def find_nmap(path: str | None = None) -> NmapInstall:
    """nmap's path and version, detected once per process. Raises NmapMissingError with install help."""
    install = _detect(path)
    if install is None:
        raise NmapMissingError(INSTALL_HELP)
    return install


def nmap_available() -> bool:
    return _detect(None) is not None


def nmap_version() -> str | None:
    install = _detect(None)
    return install.version if install else None


def is_privileged() -> bool:
    """Raw packets (SYN, UDP, OS detection, ARP) need root on Unix and an administrator on Windows."""
    if hasattr(os, "geteuid"):
        return os.geteuid() == 0
    try:
        import ctypes

        return bool(ctypes.windll.shell32.IsUserAnAdmin())  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return False


@functools.lru_cache(maxsize=4)
def top_tcp_ports(count: int) -> tuple[int, ...]:
    """nmap's ``count`` most frequent TCP ports from its nmap-services (empty when the file is missing)."""
    path = find_nmap_data_file("nmap-services")
    if path is None:
        return ()
    ranked: list[tuple[float, int]] = []
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            fields = line.split()
            if len(fields) < 3 or not fields[1].endswith("/tcp"):
                continue
            try:
                ranked.append((float(fields[2]), int(fields[1].split("/")[0])))
            except ValueError:
                continue
    ranked.sort(key=lambda item: -item[0])
    return tuple(port for _, port in ranked[:count])


def available_scripts(names: Sequence[str]) -> tuple[str, ...]:
    """The NSE scripts among ``names`` that this nmap has (older or trimmed installs lack some)."""
    return tuple(n for n in names if find_nmap_data_file(f"scripts/{n}.nse") is not None)


# --- the command -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScanPlan:
    command: tuple[str, ...]
    privileged: bool
    limitations: tuple[str, ...]


def _port_list(tcp: Sequence[int], udp: Sequence[int]) -> str:
    parts = ",".join(str(p) for p in sorted(set(tcp)))
    spec = f"T:{parts}"
    if udp:
        spec += ",U:" + ",".join(str(p) for p in sorted(set(udp)))
    return spec


class NmapRunner:
    """Builds the nmap command for a profile and privilege, runs it and streams the results.

    ``privileged`` None means: detect (root / administrator). False while root adds ``--unprivileged`` so
    nmap really behaves as an ordinary user; True while not root adds ``--privileged`` (for an nmap given
    raw-socket capabilities with setcap).
    """

    #: Extra nmap arguments placed before the targets. Tests only (e.g. to make nmap fail); never user text.
    _test_extra_args: tuple[str, ...] = ()

    def __init__(
        self,
        *,
        nmap_path: str | None = None,
        privileged: bool | None = None,
        resolve_names: bool = False,
        stats_every: str = "2s",
        grace_seconds: float = 3.0,
        poll_seconds: float = 0.2,
    ):
        self.nmap_path = nmap_path
        self.privileged = privileged
        self.resolve_names = resolve_names
        self.stats_every = stats_every
        self.grace_seconds = grace_seconds
        self.poll_seconds = poll_seconds
        self.pid: int | None = None  # the nmap process of the current or last run

    def plan(self, targets: TargetSpec, profile: str, *, nmap: str = "nmap") -> ScanPlan:
        """The full command line and what this privilege cannot see, without running anything."""
        if profile not in PROFILES:
            raise ValidationError(
                tr("unknown scan profile '{profile}' (choose one of {profiles})", profile=profile, profiles=", ".join(PROFILES))
            )
        root = is_privileged()
        privileged = root if self.privileged is None else self.privileged
        cmd = [nmap, "-oX", "-", "--stats-every", self.stats_every, "--noninteractive"]
        if not self.resolve_names:
            cmd.append("-n")
        cmd += ["-T4", "--max-retries", "2", "--host-timeout", HOST_TIMEOUT[profile]]
        if targets.ipv6:
            cmd.append("-6")
        if root and not privileged:
            cmd.append("--unprivileged")
        elif privileged and not root:
            cmd.append("--privileged")

        limitations: list[str] = []
        if not privileged:
            limitations.append(LIMIT_MAC)
        ping = ["-PS" + ",".join(str(p) for p in PING_TCP_PORTS)]
        if privileged:
            # As root on the local segment nmap pings with ARP regardless; these reach routed subnets.
            ping += ["-PE", "-PP", "-PA80,443"]

        if profile == "quick":
            cmd += ["-sn", *ping]
        else:
            tcp = list(IDENTIFYING_TCP_PORTS)
            udp: tuple[int, ...] = ()
            if profile == "deep":
                tcp += top_tcp_ports(DEEP_TOP_PORTS)
            if privileged:
                udp = DEEP_UDP_PORTS if profile == "deep" else STANDARD_UDP_PORTS
                cmd += ["-sS", "-sU"]
            else:
                cmd.append("-sT")
                limitations.append(LIMIT_UDP)
            cmd += [*ping, "-p", _port_list(tcp, udp)]
            if profile == "standard":
                # -sV is wait-bound (each silent port waits out its probes); intensity 2 keeps the probes that
                # name most devices (NULL banner, HTTP GET, SNMP) at a fraction of the default's time.
                cmd += ["-sV", "--version-light"]
            else:
                cmd.append("-sV")
                if privileged:
                    cmd += ["-O", "--osscan-limit"]
                else:
                    limitations.append(LIMIT_OS)
                scripts = [s for s in available_scripts(DEEP_SCRIPTS) if privileged or s != "snmp-sysdescr"]
                if scripts:
                    cmd += ["--script", ",".join(scripts)]
        cmd += list(self._test_extra_args)
        return ScanPlan(tuple(cmd), privileged, tuple(limitations))

    def build_command(self, targets: TargetSpec | str, profile: str = "standard") -> tuple[str, ...]:
        """The argv that :meth:`run` would execute (with the targets), e.g. to show it to a person."""
        spec = targets if isinstance(targets, TargetSpec) else parse_targets(targets)
        nmap = self.nmap_path or "nmap"
        return self.plan(spec, profile, nmap=nmap).command + spec.tokens

    def run(
        self,
        targets: TargetSpec | str,
        profile: str = "standard",
        *,
        on_host: Callable[[HostObservation], None] | None = None,
        on_progress: Callable[[Progress], None] | None = None,
        is_cancelled: Callable[[], bool] | None = None,
    ) -> ScanResult:
        """Scan and return every host seen. Blocks until nmap ends or ``is_cancelled()`` turns true.

        Cancelled or failed scans return ``partial=True`` with the hosts completed so far. Raises
        NmapMissingError when nmap is absent and InvalidTargetError for bad targets; nothing else
        about nmap's own failures is raised, it is reported in ``error``.
        """
        spec = targets if isinstance(targets, TargetSpec) else parse_targets(targets)
        install = find_nmap(self.nmap_path)
        plan = self.plan(spec, profile, nmap=install.path)
        target_file = None
        if sum(len(t) + 1 for t in spec.tokens) > _ARGV_TARGET_LIMIT:
            fd, target_file = tempfile.mkstemp(prefix="itam-targets-", suffix=".txt")
            with os.fdopen(fd, "w", encoding="ascii") as fh:
                fh.write("\n".join(spec.tokens) + "\n")
            command = plan.command + ("-iL", target_file)
        else:
            command = plan.command + spec.tokens

        result = ScanResult(
            targets=spec.tokens, profile=profile, command=command, privileged=plan.privileged,
            started=_utcnow(), limitations=plan.limitations, nmap_version=install.version,
        )
        log.info("running %s", " ".join(command))
        try:
            self._execute(command, result, on_host, on_progress, is_cancelled)
        finally:
            if target_file:
                try:
                    os.unlink(target_file)
                except OSError as exc:
                    log.warning("cannot remove %s: %s", target_file, exc)
        result.ended = _utcnow()
        return result

    def _execute(
        self,
        command: tuple[str, ...],
        result: ScanResult,
        on_host: Callable[[HostObservation], None] | None,
        on_progress: Callable[[Progress], None] | None,
        is_cancelled: Callable[[], bool] | None,
    ) -> None:
        try:
            proc = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0,
                # Own session: a Ctrl-C in the terminal reaches us, and we stop nmap ourselves (below).
                start_new_session=sys.platform != "win32",
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
            )
        except OSError as exc:
            raise NmapMissingError(tr("cannot start nmap ({error}).\n{help}", error=str(exc), help=INSTALL_HELP)) from None
        self.pid = proc.pid
        stream = NmapXmlStream()
        xml = bytearray()
        reader = _PipeReader(proc, self.poll_seconds)
        chunks = reader.chunks()
        parse_error: Message | None = None
        cancelled = output_ended = False
        try:
            for chunk in chunks:
                if chunk:
                    xml += chunk
                    if parse_error is None:
                        try:
                            events = stream.feed(chunk)
                        except ScanError as exc:
                            parse_error, events = _unreadable(exc), []
                        for event in events:
                            if isinstance(event, HostObservation):
                                result.hosts.append(event)
                                if on_host:
                                    on_host(event)
                            elif on_progress:
                                on_progress(event)
                if is_cancelled is not None and is_cancelled():
                    cancelled = True
                    break
            else:
                output_ended = True
        finally:
            # Whatever happened (a cancel, an exception in a callback), nmap must not outlive this call.
            chunks.close()
            self._stop(proc, wait=output_ended)
            reader.close()
        stderr = reader.stderr_text()
        result.xml = xml.decode("utf-8", errors="replace")

        if cancelled:
            result.partial = result.cancelled = True
            result.error = tr(
                "scan cancelled; {n} host(s) completed before the cancel are kept", n=len(result.hosts)
            )
            return
        if parse_error is None and (xml or proc.returncode == 0):  # no output at all: the exit status says it
            try:
                for event in stream.close():
                    if isinstance(event, HostObservation):
                        result.hosts.append(event)
                        if on_host:
                            on_host(event)
            except ScanError as exc:
                parse_error = _unreadable(exc)
        result.addresses_scanned = stream.run.hosts_total
        problems: list[str] = []
        if proc.returncode != 0:
            problems.append(
                tr("nmap exited with status {status}: {stderr}", status=proc.returncode, stderr=_tail(stderr)) if stderr
                else tr("nmap exited with status {status}", status=proc.returncode)
            )
        if stream.run.exit == "error":
            problems.append(nmap_error(stream.run.errormsg))
        if parse_error:
            problems.append(parse_error)
        elif stream.error:
            problems.append(stream.error)
        if problems:
            result.partial = True
            result.error = join(problems, "; ")
        elif stderr:
            result.warnings = tuple(line for line in stderr.splitlines() if line.strip())[:50]

    def _stop(self, proc: subprocess.Popen, *, wait: bool) -> None:
        if wait:
            try:
                proc.wait(timeout=self.grace_seconds)
                return
            except subprocess.TimeoutExpired:
                log.warning("nmap (pid %s) did not exit after its output ended; stopping it", proc.pid)
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=self.grace_seconds)
            except subprocess.TimeoutExpired:
                log.warning("nmap (pid %s) ignored SIGTERM for %.1f s; killing it", proc.pid, self.grace_seconds)
                proc.kill()
                proc.wait()


def _unreadable(exc: ScanError) -> Message:
    return tr("nmap's output could not be read: {error}", error=exc.args[0] if exc.args else str(exc))


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _tail(text: str, lines: int = 5) -> str:
    kept = [line for line in text.strip().splitlines() if line.strip()]
    return " | ".join(kept[-lines:])


class _PipeReader:
    """nmap's stdout in chunks as they arrive, with a timeout so the caller can check for a cancel.

    POSIX: select on both pipes and read in the calling thread. Windows cannot select on pipes, so there
    two small threads read and hand the chunks over through a queue; parsing stays in the calling thread.
    """

    #: None: threads on Windows only. Tests set True to exercise the Windows path on Linux.
    prefer_threads: bool | None = None

    def __init__(self, proc: subprocess.Popen, poll_seconds: float):
        self.proc = proc
        self.poll = poll_seconds
        self.stderr = bytearray()
        self.threads = sys.platform == "win32" if self.prefer_threads is None else self.prefer_threads

    def chunks(self) -> Iterator[bytes | None]:
        """Yields stdout chunks, or None every ``poll_seconds`` without output; ends when stdout closes."""
        return self._thread_chunks() if self.threads else self._select_chunks()

    def _keep_stderr(self, data: bytes) -> None:
        if len(self.stderr) < _STDERR_CAP:
            self.stderr += data[: _STDERR_CAP - len(self.stderr)]

    def _select_chunks(self) -> Iterator[bytes | None]:
        import selectors

        with selectors.DefaultSelector() as sel:
            sel.register(self.proc.stdout, selectors.EVENT_READ, "out")
            sel.register(self.proc.stderr, selectors.EVENT_READ, "err")
            out_open = True
            while out_open:
                ready = sel.select(self.poll)
                if not ready:
                    yield None
                    continue
                for key, _ in ready:
                    data = os.read(key.fd, 65536)
                    if key.data == "err":
                        if data:
                            self._keep_stderr(data)
                        else:
                            sel.unregister(key.fileobj)
                        continue
                    if not data:
                        sel.unregister(key.fileobj)
                        out_open = False
                    else:
                        yield data
            # stdout has closed: collect what is left on stderr (nmap writes its last errors there).
            deadline = time.monotonic() + 2.0
            while sel.get_map() and time.monotonic() < deadline:
                for key, _ in sel.select(0.1):
                    data = os.read(key.fd, 65536)
                    if data:
                        self._keep_stderr(data)
                    else:
                        sel.unregister(key.fileobj)

    def _thread_chunks(self) -> Iterator[bytes | None]:
        import queue

        chunks: queue.Queue[bytes] = queue.Queue()

        def pump_out() -> None:
            # bufsize=0 gives a raw pipe whose read() returns what is there, not a full 64 KiB.
            while data := self.proc.stdout.read(65536):
                chunks.put(data)
            chunks.put(b"")

        def pump_err() -> None:
            while data := self.proc.stderr.read(65536):
                self._keep_stderr(data)

        self._err_thread = threading.Thread(target=pump_err, name="nmap-stderr", daemon=True)
        self._err_thread.start()
        threading.Thread(target=pump_out, name="nmap-stdout", daemon=True).start()
        while True:
            try:
                data = chunks.get(timeout=self.poll)
            except queue.Empty:
                yield None
                continue
            if not data:
                return
            yield data

    def close(self) -> None:
        err_thread = getattr(self, "_err_thread", None)
        if err_thread is not None:
            err_thread.join(timeout=2.0)
        for pipe in (self.proc.stdout, self.proc.stderr):
            if pipe is not None:
                try:
                    pipe.close()
                except OSError:
                    pass

    def stderr_text(self) -> str:
        return self.stderr.decode("utf-8", errors="replace")
