"""nmap's XML output, parsed as it streams: a host at each ``</host>``, progress at each ``<taskprogress>``.

Independent of python-nmap on purpose: its ``PortScanner()`` refuses to start without nmap installed (so it
cannot even read a file made elsewhere), and it drops the service ``devicetype`` and ``ostype``, the reply
TTL and all CPEs but the last, which classification and the inventory need.
"""

from __future__ import annotations

import ipaddress
import logging
import shlex
import xml.etree.ElementTree as ET
from xml.parsers import expat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from itam.discovery.model import (
    HostObservation,
    OsClass,
    OsMatch,
    Progress,
    ScanResult,
    Service,
)
from itam.errors import ScanError, ValidationError
from itam.identifiers import normalize_mac
from itam.messages import tr

log = logging.getLogger(__name__)

Event = HostObservation | Progress

#: ScanResult.profile of a scan read from a file rather than run here.
IMPORTED_PROFILE = "imported"

CHUNK_SIZE = 64 * 1024

#: The longest values kept from a file, as the columns that store them hold them: a hostile or damaged file
#: must not make the write fail (PostgreSQL refuses an over-long value) or bloat the inventory.
MAX_ADDRESS = 64
MAX_HOSTNAME = 255
MAX_VENDOR = 200
MAX_OS_NAME = 200
MAX_VERSION = 32


@dataclass
class NmapRun:
    """What ``<nmaprun>``, ``<scaninfo>`` and ``<runstats>`` say about the run as a whole."""

    scanner: str | None = None
    args: str | None = None
    version: str | None = None
    xml_output_version: str | None = None
    started: datetime | None = None
    scan_types: tuple[str, ...] = ()  # "syn/tcp", "udp/udp", "connect/tcp" … from <scaninfo>
    finished: datetime | None = None
    exit: str | None = None  # "success" | "error" (runstats/finished/@exit)
    errormsg: str | None = None
    elapsed: float | None = None
    summary: str | None = None
    hosts_up: int | None = None
    hosts_down: int | None = None
    hosts_total: int | None = None
    complete: bool = False  # the closing </nmaprun> was read


def _int(value: str | None) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except ValueError:
        return None


def _float(value: str | None) -> float | None:
    if value is None or value == "":
        return None
    try:
        return float(value)
    except ValueError:
        return None


def _time(value: str | None) -> datetime | None:
    """nmap's epoch seconds as naive UTC (how the database stores times)."""
    seconds = _int(value)
    if seconds is None or seconds <= 0:
        return None
    try:
        return datetime.fromtimestamp(seconds, UTC).replace(tzinfo=None)
    except (OverflowError, OSError, ValueError):
        return None


def _text(value: str | None) -> str | None:
    return value if value else None


def _capped(value: str | None, limit: int) -> str | None:
    return value[:limit] if value else None


def _ip(value: str | None) -> str | None:
    """An IP address as nmap writes one; anything else (a damaged or forged attribute) is no address."""
    if not value or len(value) > MAX_ADDRESS:
        return None
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return None
    return value


def _cpes(elem: ET.Element) -> tuple[str, ...]:
    return tuple(c.text.strip() for c in elem.findall("cpe") if c.text and c.text.strip())


def _scripts(elem: ET.Element) -> tuple[tuple[str, str], ...]:
    return tuple((s.get("id", ""), s.get("output", "")) for s in elem.findall("script"))


def _service(port: ET.Element) -> Service | None:
    portid = _int(port.get("portid"))
    if portid is None:
        return None
    state = port.find("state")
    svc = port.find("service")
    attrs = svc.attrib if svc is not None else {}
    return Service(
        port=portid,
        protocol=port.get("protocol", "tcp"),
        state=state.get("state", "unknown") if state is not None else "unknown",
        name=_text(attrs.get("name")),
        product=_text(attrs.get("product")),
        version=_text(attrs.get("version")),
        extrainfo=_text(attrs.get("extrainfo")),
        devicetype=_text(attrs.get("devicetype")),
        ostype=_text(attrs.get("ostype")),
        method=_text(attrs.get("method")),
        conf=_int(attrs.get("conf")),
        cpes=_cpes(svc) if svc is not None else (),
        scripts=_scripts(port),
        tunnel=_text(attrs.get("tunnel")),
    )


def _os_class(elem: ET.Element) -> OsClass:
    return OsClass(
        vendor=_text(elem.get("vendor")),
        family=_text(elem.get("osfamily")),
        generation=_text(elem.get("osgen")),
        type=_text(elem.get("type")),
        accuracy=_int(elem.get("accuracy")) or 0,
        cpes=_cpes(elem),
    )


def _os_matches(host: ET.Element) -> tuple[OsMatch, ...]:
    os_elem = host.find("os")
    if os_elem is None:
        return ()
    matches = [
        OsMatch(m.get("name", "")[:MAX_OS_NAME], _int(m.get("accuracy")) or 0,
                tuple(_os_class(c) for c in m.findall("osclass")))
        for m in os_elem.findall("osmatch")
    ]
    # XML output before 1.04 (nmap < 6) put the classes beside the matches instead of inside them.
    loose = tuple(_os_class(c) for c in os_elem.findall("osclass"))
    if loose:
        if matches and not matches[0].classes:
            matches[0] = OsMatch(matches[0].name, matches[0].accuracy, loose)
        elif not matches:
            best = max(c.accuracy for c in loose)
            name = " ".join(x for x in (loose[0].vendor, loose[0].family, loose[0].generation) if x)[:MAX_OS_NAME]
            matches.append(OsMatch(name, best, loose))
    return tuple(matches)


def _reply_ttl(status: ET.Element | None, ports: list[ET.Element]) -> int | None:
    # nmap writes reason_ttl="0" when the answer carried no IP TTL (arp-response, localhost-response,
    # user-set, conn-refused): then fall back to the TTL of a port's SYN-ACK or RST, if a raw scan saw one.
    ttl = _int(status.get("reason_ttl")) if status is not None else None
    if ttl:
        return ttl
    for port in ports:
        state = port.find("state")
        if state is not None and state.get("state") in ("open", "closed"):
            ttl = _int(state.get("reason_ttl"))
            if ttl:
                return ttl
    return None


def host_from_element(host: ET.Element, *, fill_vendor: bool = True) -> HostObservation | None:
    """One ``<host>`` element → HostObservation (None when it has no IP address to key it by)."""
    address = mac = mac_vendor = None
    for a in host.findall("address"):
        kind = a.get("addrtype")
        if kind in ("ipv4", "ipv6") and address is None:
            address = _ip(a.get("addr"))
            if address is None:
                log.warning("ignoring malformed IP address %.80r in nmap XML", a.get("addr"))
        elif kind == "mac" and mac is None:
            try:
                mac = normalize_mac(a.get("addr", ""))
            except ValidationError:
                log.warning("ignoring malformed MAC address %r in nmap XML", a.get("addr"))
                continue
            mac_vendor = _capped(a.get("vendor"), MAX_VENDOR)
    if not address:
        return None

    randomized = False
    if mac:
        from itam.discovery import oui

        randomized = oui.is_random(mac)
        if randomized:
            mac_vendor = None  # whatever a table says, a randomised MAC names nobody
        elif mac_vendor is None and fill_vendor:
            mac_vendor = oui.lookup(mac).vendor  # nmap had no table (or an older one)

    status = host.find("status")
    ports_elem = host.find("ports")
    ports = ports_elem.findall("port") if ports_elem is not None else []
    services = tuple(s for s in (_service(p) for p in ports) if s is not None)
    names = host.find("hostnames")
    hostnames = tuple(dict.fromkeys(
        h.get("name") for h in names.findall("hostname") if h.get("name") and len(h.get("name")) <= MAX_HOSTNAME
    )) if names is not None else ()
    hostscript = host.find("hostscript")
    uptime = host.find("uptime")
    distance = host.find("distance")
    return HostObservation(
        address=address,
        state=status.get("state", "unknown") if status is not None else "unknown",
        reason=_text(status.get("reason")) if status is not None else None,
        reply_ttl=_reply_ttl(status, ports),
        mac=mac,
        mac_vendor=mac_vendor,
        hostnames=hostnames,
        services=services,
        os_matches=_os_matches(host),
        host_scripts=_scripts(hostscript) if hostscript is not None else (),
        uptime_seconds=_int(uptime.get("seconds")) if uptime is not None else None,
        started=_time(host.get("starttime")),
        ended=_time(host.get("endtime")),
        mac_randomized=randomized,
        distance=_int(distance.get("value")) if distance is not None else None,
    )


class _Stop(Exception):
    """The root element started: the prolog is over."""


class _PrologGuard:
    """Reads the document up to its root element, before the real parser does, for what nmap never writes:
    entity declarations (``<!ENTITY …>`` in the DOCTYPE). expat caps an entity "billion laughs" only after it
    has expanded a good deal, and would expand small entities into hostnames and service names; an external
    entity (``SYSTEM "file:///etc/passwd"``) is not loaded, but a file that declares one is an attack, not
    a scan. Such a document is refused as a whole, before any of it reaches the inventory."""

    def __init__(self) -> None:
        self._parser = expat.ParserCreate()
        self._parser.EntityDeclHandler = self._entity
        self._parser.StartElementHandler = self._start
        self.done = False
        self.entity: str | None = None

    def feed(self, data: bytes | str) -> None:
        if self.done:
            return
        try:
            self._parser.Parse(data, False)
        except _Stop:
            self.done = True
        except (expat.ExpatError, LookupError, ValueError):
            self.done = True  # malformed before the root, or in an encoding expat lacks: the real parser says so

    def _entity(self, name, _is_parameter, _value, _base, _system_id, _public_id, _notation):  # noqa: ANN001
        self.entity = name
        raise _Stop

    def _start(self, _name, _attrs) -> None:  # noqa: ANN001
        raise _Stop


class NmapXmlStream:
    """Feed nmap's XML in chunks of any size; each call returns the hosts and progress completed so far.

    ``run`` fills in as the metadata arrives. A document that breaks off (nmap killed, file cut short) is
    not an exception: :meth:`close` sets ``truncated`` and ``error``. Malformed XML mid-stream sets
    ``error`` and ignores the rest. Input that is not nmap XML at all raises :class:`ScanError`, and so does
    a document that declares XML entities (an entity bomb or an attempt to read local files).
    """

    def __init__(self, *, fill_vendor: bool = True):
        self._guard: _PrologGuard | None = _PrologGuard()
        self._parser = ET.XMLPullParser(events=("start", "end"))
        self._fill_vendor = fill_vendor
        self._root: ET.Element | None = None
        self._depth = 0
        self._fed = False
        self._closed = False
        self.run = NmapRun()
        self.error: str | None = None
        self.truncated = False
        self.skipped = 0  # <host> elements without an IP address

    def feed(self, data: bytes | str) -> list[Event]:
        if self._closed or self.error:
            return []
        if data:
            self._fed = True
        if self._guard is not None:
            self._guard.feed(data)
            if self._guard.entity is not None:
                self._closed = True
                raise ScanError(tr(
                    "this is not a plain nmap XML file: it declares the XML entity {entity} in its DOCTYPE, which "
                    "nmap never writes (an entity bomb or an attempt to read local files); nothing of it was read",
                    entity=repr(self._guard.entity),
                ))
            if self._guard.done:
                self._guard = None
        try:
            self._parser.feed(data)
        except ET.ParseError as exc:  # older Pythons raise here; 3.11 queues the error for read_events()
            events = self._drain()
            if not self.error:
                self._fail(exc)
            return events
        except (LookupError, ValueError) as exc:  # an encoding expat cannot read: "TTF-8", UTF-32 …
            self._closed = True
            raise ScanError(tr("this is not nmap XML ({detail})", detail=str(exc))) from None
        return self._drain()

    def close(self) -> list[Event]:
        """Finish the document; returns any last events. Sets ``truncated`` when it ended early."""
        if self._closed:
            return []
        self._closed = True
        if self.error:
            return []
        if not self._fed:
            raise ScanError(tr("the nmap XML is empty"))
        try:
            self._parser.close()
        except ET.ParseError as exc:
            events = self._drain()
            if self._root is None:
                raise ScanError(tr("this is not nmap XML ({detail})", detail=_describe(exc))) from None
            self.truncated = True
            self.error = tr(
                "the nmap XML is truncated ({detail}): it ends before </nmaprun>, "
                "so only the hosts completed before the break are included",
                detail=_describe(exc),
            )
            return events
        events = self._drain()
        if not self.run.complete:
            self.truncated = True
            self.error = tr("the nmap XML is truncated: it ends before </nmaprun>")
        return events

    @property
    def complete(self) -> bool:
        return self.run.complete and not self.error

    def _fail(self, exc: ET.ParseError) -> None:
        if self._root is None:
            raise ScanError(tr("this is not nmap XML ({detail})", detail=_describe(exc))) from None
        self.error = tr("the nmap XML is malformed ({detail}); hosts after that point are missing", detail=_describe(exc))

    def _drain(self) -> list[Event]:
        out: list[Event] = []
        try:
            self._drain_into(out)
        except ET.ParseError as exc:
            self._fail(exc)
        return out

    def _drain_into(self, out: list[Event]) -> None:
        for kind, elem in self._parser.read_events():
            if kind == "start":
                self._depth += 1
                if self._depth == 1:
                    self._start_root(elem)
                continue
            self._depth -= 1
            if self._depth == 1:
                event = self._child_done(elem)
                if event is not None:
                    out.append(event)
                # Forget finished children: a 65,536-address scan would otherwise keep every host's tree.
                if self._root is not None:
                    self._root.remove(elem)
            elif self._depth == 0:
                self.run.complete = True

    def _start_root(self, elem: ET.Element) -> None:
        if elem.tag != "nmaprun":
            raise ScanError(tr("this is not nmap XML: its root element is <{tag}>, not <nmaprun>", tag=elem.tag))
        self._root = elem
        r = self.run
        r.scanner = elem.get("scanner")
        r.args = elem.get("args")
        r.version = _capped(elem.get("version"), MAX_VERSION)
        r.xml_output_version = elem.get("xmloutputversion")
        r.started = _time(elem.get("start"))

    def _child_done(self, elem: ET.Element) -> Event | None:
        tag = elem.tag
        if tag == "host":
            host = host_from_element(elem, fill_vendor=self._fill_vendor)
            if host is None:
                self.skipped += 1
            return host
        if tag == "taskprogress":
            return Progress(
                task=elem.get("task", ""),
                percent=_float(elem.get("percent")) or 0.0,
                remaining_seconds=_int(elem.get("remaining")),
            )
        if tag == "scaninfo":
            self.run.scan_types += (f"{elem.get('type', '')}/{elem.get('protocol', '')}",)
        elif tag == "runstats":
            finished = elem.find("finished")
            if finished is not None:
                self.run.finished = _time(finished.get("time"))
                self.run.exit = _text(finished.get("exit"))
                self.run.errormsg = _text(finished.get("errormsg"))
                self.run.elapsed = _float(finished.get("elapsed"))
                self.run.summary = _text(finished.get("summary"))
            hosts = elem.find("hosts")
            if hosts is not None:
                self.run.hosts_up = _int(hosts.get("up"))
                self.run.hosts_down = _int(hosts.get("down"))
                self.run.hosts_total = _int(hosts.get("total"))
        return None


def _describe(exc: ET.ParseError) -> str:
    line, column = getattr(exc, "position", (None, None))
    message = str(exc).split(":")[0]
    return tr("{message} at line {line}, column {column}", message=message, line=line, column=column) if line is not None else message


# --- whole documents ---------------------------------------------------------------------------------

# nmap options that take a value in the next word: skipped when recovering the targets from args.
_OPTIONS_WITH_VALUE = {
    "-p", "-e", "-S", "-D", "-g", "-b", "-iL", "-iR", "-oN", "-oX", "-oG", "-oA", "-oS", "-oM", "-oH", "-sI",
    "--exclude", "--excludefile", "--exclude-ports", "--script", "--script-args", "--script-args-file",
    "--script-timeout", "--stats-every", "--host-timeout", "--max-retries", "--top-ports", "--port-ratio",
    "--version-intensity", "--datadir", "--servicedb", "--versiondb", "--source-port", "--data", "--data-string",
    "--data-length", "--ip-options", "--ttl", "--spoof-mac", "--dns-servers", "--mtu", "--proxies",
    "--min-rate", "--max-rate", "--min-hostgroup", "--max-hostgroup", "--min-parallelism", "--max-parallelism",
    "--scan-delay", "--max-scan-delay", "--initial-rtt-timeout", "--min-rtt-timeout", "--max-rtt-timeout",
    "--max-os-tries", "--resume", "--stylesheet", "--scanflags", "--traceroute-hops", "--defeat-rst-ratelimit",
}


def nmap_error(message: str | None) -> str:
    """What a run that nmap itself reported as failed says (``<finished exit="error">``)."""
    if message:
        return tr("nmap reported an error: {message}", message=message)
    return tr("nmap reported an error: no message")


def targets_from_args(args: str | None) -> tuple[str, ...]:
    """Best effort: the target words of an nmap command line (those that validate as targets)."""
    from itam.discovery.targets import parse_targets
    from itam.errors import InvalidTargetError

    if not args:
        return ()
    try:
        words = shlex.split(args)
    except ValueError:
        words = args.split()
    out: list[str] = []
    skip = False
    for word in words[1:]:
        if skip:
            skip = False
            continue
        if word.startswith("-"):
            skip = word in _OPTIONS_WITH_VALUE
            continue
        try:
            out.extend(parse_targets(word).tokens)
        except InvalidTargetError:
            continue
    return tuple(out)


def _privileged(run: NmapRun, hosts: list[HostObservation]) -> bool:
    """Best effort for an imported file: raw-socket scan types, ARP replies or MACs mean nmap was root."""
    raw_types = {"syn", "udp", "ack", "window", "maimon", "fin", "null", "xmas", "ipproto", "sctpinit", "sctpcookieecho"}
    if any(t.split("/")[0] in raw_types for t in run.scan_types):
        return True
    return any(h.mac or h.reason in ("arp-response", "nd-response", "echo-reply") for h in hosts)


def parse_bytes(
    data: bytes,
    *,
    source: str = "nmap XML",
    on_host: Callable[[HostObservation], None] | None = None,
    fill_vendor: bool = True,
) -> ScanResult:
    """A whole nmap XML document → ScanResult (profile ``"imported"``); see :func:`parse_file`."""
    stream = NmapXmlStream(fill_vendor=fill_vendor)
    hosts: list[HostObservation] = []
    try:
        for start in range(0, max(len(data), 1), CHUNK_SIZE):
            for event in stream.feed(data[start : start + CHUNK_SIZE]):
                if isinstance(event, HostObservation):
                    hosts.append(event)
                    if on_host:
                        on_host(event)
        for event in stream.close():
            if isinstance(event, HostObservation):
                hosts.append(event)
                if on_host:
                    on_host(event)
    except ScanError as exc:
        raise ScanError(tr("{source}: {error}", source=source, error=exc.args[0] if exc.args else str(exc))) from None

    run = stream.run
    error = stream.error
    if error is None and run.exit == "error":
        error = nmap_error(run.errormsg)
    if error:
        error = tr("{source}: {error}", source=source, error=error)
    started = run.started or next((h.started for h in hosts if h.started), None) or datetime.now(UTC).replace(tzinfo=None)
    try:
        command = tuple(shlex.split(run.args)) if run.args else ()
    except ValueError:
        command = tuple(run.args.split()) if run.args else ()
    return ScanResult(
        targets=targets_from_args(run.args),
        profile=IMPORTED_PROFILE,
        command=command,
        privileged=_privileged(run, hosts),
        started=started,
        ended=run.finished,
        hosts=hosts,
        partial=error is not None,
        error=error,
        xml=data.decode("utf-8", errors="replace"),
        nmap_version=run.version,
        addresses_scanned=run.hosts_total,
    )


def parse_file(path: str | Path, *, on_host: Callable[[HostObservation], None] | None = None) -> ScanResult:
    """Read an nmap XML file (``nmap -oX``), e.g. for ``itam discover import-xml``; nmap need not be installed.

    A file cut short keeps the hosts completed before the break: the result is partial and its error says
    the file is truncated. A file that is not nmap XML raises :class:`ScanError`.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ScanError(tr("cannot read {path}: {error}", path=str(path), error=str(exc.strerror or exc))) from None
    return parse_bytes(data, source=str(path), on_host=on_host)


def iter_events(chunks: Iterator[bytes]) -> Iterator[Event]:
    """Hosts and progress from an iterator of byte chunks (a socket, a pipe, a file read in pieces).

    Raises :class:`ScanError` at the end when the document was truncated or malformed, after yielding
    every host that completed before the break.
    """
    stream = NmapXmlStream()
    for chunk in chunks:
        yield from stream.feed(chunk)
    yield from stream.close()
    if stream.error:
        raise ScanError(stream.error)

