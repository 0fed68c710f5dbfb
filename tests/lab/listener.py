"""A fake device's services: listens on TCP/UDP ports inside a lab network namespace.

Started by tests/lab/netlab.py as ``ip netns exec NS python3 listener.py --tcp 22,80 ...``. Standard library
only (and no asyncio: fifty of these run at once, and asyncio alone costs about 7 MB and 40 ms each).

Per TCP port, one behaviour:

* ``--banner PORT=TEXT``  send TEXT as soon as a client connects (SSH, telnet), then read and discard;
* ``--reply PORT=TEXT``   wait for the client's request (up to a blank line), send TEXT, close
                          (IPP, RTSP, SIP, HTTP error pages: anything with a fixed answer);
* ``--http PORT=SERVER|TITLE``  a minimal HTTP/1.0 200 page with that Server header and <title>;
* a port only listed in ``--tcp`` accepts, says nothing, and hangs up once the client sends anything.

TEXT uses Python backslash escapes (``\\r\\n``, ``\\xff``), so telnet's IAC bytes survive the command line.
In replies, ``{date}`` becomes the current HTTP date and ``{cseq}`` the request's CSeq (RTSP, SIP).

``--udp`` ports are bound and read, never answered (an SNMP agent that ignores our community string).
``--snmp PORT=SYSDESCR|SYSNAME`` is a tiny SNMP v1/v2c agent for community ``public``: GetRequest for
sysDescr.0, sysObjectID.0, sysUpTime.0 and sysName.0; other objects are reported missing, other
communities and PDUs get silence. (A silent open|filtered UDP port costs nmap -sV about 100 s: it tries
every UDP probe in turn.)

Prints ``READY`` on stdout once every socket is bound, and exits on SIGTERM/SIGINT/SIGHUP or when its
parent dies.
"""

from __future__ import annotations

import argparse
import codecs
import os
import re
import selectors
import signal
import socket
import sys
import time

# A client that opened a connection and sent nothing (nmap's NULL probe waits 6 s) gets this long before
# the port hangs up; real services hold an idle connection at least as long as nmap waits.
IDLE_SECONDS = 60.0
# After the first bytes of a request, how long to wait for the rest before answering anyway (binary probes
# never send a blank line).
REQUEST_GRACE_SECONDS = 1.0
MAX_REQUEST_BYTES = 16384
PARENT_POLL_SECONDS = 0.5


def _unescape(text: str) -> bytes:
    return codecs.escape_decode(text.encode("ascii"))[0]


def _port_map(values: list[str], option: str) -> dict[int, str]:
    result: dict[int, str] = {}
    for value in values:
        port, sep, text = value.partition("=")
        if not sep or not port.isdigit():
            raise SystemExit(f"listener: {option} wants PORT=TEXT, got {value!r}")
        result[int(port)] = text
    return result


def _ports(value: str | None) -> list[int]:
    if not value:
        return []
    return [int(p) for p in value.split(",") if p.strip()]


def http_page(server: str, title: str) -> bytes:
    """The minimal HTTP/1.0 answer of ``--http``; Server comes first because some nmap signatures expect it."""
    body = f"<html><head><title>{title}</title></head>\n<body><h1>{title}</h1></body></html>\n".encode()
    head = (
        "HTTP/1.0 200 OK\r\n"
        f"Server: {server}\r\n"
        "Date: {date}\r\n"
        "Content-Type: text/html\r\n"
        f"Content-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n"
    ).encode()
    return head + body


_CSEQ = re.compile(rb"^CSeq:\s*([^\r\n]+)", re.IGNORECASE | re.MULTILINE)


def _http_date() -> bytes:
    # The C locale's names are the English ones HTTP wants; -I never calls setlocale.
    return time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime()).encode()


def _fill(template: bytes, request: bytes) -> bytes:
    cseq = _CSEQ.search(request)
    out = template.replace(b"{date}", _http_date())
    out = out.replace(b"{cseq}", cseq.group(1).strip() if cseq else b"1")
    if request.startswith(b"HEAD ") and b"\r\n\r\n" in out:
        out = out.split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n"
    return out


def _send(sock: socket.socket, data: bytes) -> None:
    try:
        sock.settimeout(2.0)  # answers are small: this only matters for a client that stopped reading
        sock.sendall(data)
        sock.setblocking(False)
    except OSError:
        pass


class Port:
    """What one TCP port does with a connection: optional banner on connect, optional reply to a request."""

    def __init__(self, banner: bytes | None, reply: bytes | None) -> None:
        self.banner = banner
        self.reply = reply


class Connection:
    def __init__(self, sock: socket.socket, port: Port, now: float) -> None:
        self.sock = sock
        self.port = port
        self.buffer = b""
        self.deadline = now + IDLE_SECONDS
        if port.banner is not None:
            _send(sock, port.banner)

    def readable(self, now: float) -> bool:
        """Handle incoming data; False when the connection is finished."""
        try:
            data = self.sock.recv(4096)
        except BlockingIOError:
            return True
        except OSError:
            return False
        if self.port.reply is not None:
            if not data:  # the client left: answer what it sent, if anything
                if self.buffer:
                    _send(self.sock, _fill(self.port.reply, self.buffer))
                return False
            if not self.buffer:
                self.deadline = now + REQUEST_GRACE_SECONDS
            self.buffer += data
            if b"\r\n\r\n" in self.buffer or b"\n\n" in self.buffer or len(self.buffer) >= MAX_REQUEST_BYTES:
                _send(self.sock, _fill(self.port.reply, self.buffer))
                return False
            return True
        if self.port.banner is None:
            # A silent port hangs up on whatever the client says, as a real service does with a request it
            # cannot parse (nmap then moves on to its next probe at once).
            return False
        return bool(data)  # banner sent: swallow input until the client leaves

    def expired(self) -> None:
        if self.port.reply is not None and self.buffer:
            _send(self.sock, _fill(self.port.reply, self.buffer))


# --- SNMP: just enough BER for GetRequest/GetResponse ---

# sysDescr.0, sysObjectID.0, sysUpTime.0, sysName.0: 1.3.6.1.2.1.1.{1,2,3,5}.0 in BER
_SYS_DESCR, _SYS_OBJECT_ID, _SYS_UPTIME, _SYS_NAME = (bytes.fromhex(f"2b06010201010{n}00") for n in (1, 2, 3, 5))
_CISCO_ENTERPRISE = bytes.fromhex("2b0601040109")  # 1.3.6.1.4.1.9


def _tlv(tag: int, value: bytes) -> bytes:
    n = len(value)
    if n < 0x80:
        length = bytes([n])
    elif n < 0x100:
        length = bytes([0x81, n])
    else:
        length = bytes([0x82, n >> 8, n & 0xFF])
    return bytes([tag]) + length + value


def _read_tlv(data: bytes, pos: int) -> tuple[int, bytes, int]:
    tag, first = data[pos], data[pos + 1]
    pos += 2
    if first & 0x80:
        count = first & 0x7F
        length = int.from_bytes(data[pos : pos + count], "big")
        pos += count
    else:
        length = first
    value = data[pos : pos + length]
    if len(value) != length:
        raise ValueError("truncated")
    return tag, value, pos + length


def _children(value: bytes) -> list[tuple[int, bytes]]:
    items, pos = [], 0
    while pos < len(value):
        tag, item, pos = _read_tlv(value, pos)
        items.append((tag, item))
    return items


class SnmpAgent:
    """Answers SNMP v1/v2c GetRequests for community public with a few system-group objects."""

    def __init__(self, descr: str, name: str, started: float) -> None:
        self.descr, self.name, self.started = descr.encode(), name.encode(), started

    def answer(self, data: bytes) -> bytes | None:
        try:
            return self._answer(data)
        except (ValueError, IndexError):
            return None  # not SNMP, or not BER we understand: a real agent drops it too

    def _answer(self, data: bytes) -> bytes | None:
        tag, message, _ = _read_tlv(data, 0)
        (vtag, version), (ctag, community), (pdu_tag, pdu) = _children(message)
        if tag != 0x30 or vtag != 0x02 or ctag != 0x04 or version not in (b"\x00", b"\x01"):
            return None
        if community != b"public" or pdu_tag != 0xA0:  # GetRequest only
            return None
        (_, request_id), _, _, (_, varbinds) = _children(pdu)
        oids = [_children(varbind)[0][1] for _, varbind in _children(varbinds)]
        values = [self.value(oid) for oid in oids]
        error_status = error_index = 0
        if version == b"\x00" and None in values:
            # v1: the whole request fails with noSuchName, pointing at the first unknown object
            error_status, error_index = 2, values.index(None) + 1
            values = [_tlv(0x05, b"")] * len(oids)
        else:  # v2c: noSuchObject in place of each unknown value
            values = [v if v is not None else _tlv(0x80, b"") for v in values]
        bindings = b"".join(_tlv(0x30, _tlv(0x06, oid) + value) for oid, value in zip(oids, values, strict=True))
        body = (
            _tlv(0x02, request_id)
            + _tlv(0x02, bytes([error_status]))
            + _tlv(0x02, bytes([error_index]))
            + _tlv(0x30, bindings)
        )
        return _tlv(0x30, _tlv(0x02, version) + _tlv(0x04, community) + _tlv(0xA2, body))

    def value(self, oid: bytes) -> bytes | None:
        if oid == _SYS_DESCR:
            return _tlv(0x04, self.descr)
        if oid == _SYS_NAME:
            return _tlv(0x04, self.name)
        if oid == _SYS_OBJECT_ID:
            return _tlv(0x06, _CISCO_ENTERPRISE)
        if oid == _SYS_UPTIME:
            ticks = int((time.monotonic() - self.started) * 100) + 8_640_000  # up a day before the lab began
            return _tlv(0x43, ticks.to_bytes((ticks.bit_length() + 8) // 8, "big"))
        return None


# --- the loop ---


def _tcp_listener(bind: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((bind, port))
    sock.listen(128)
    sock.setblocking(False)
    return sock


def _udp_socket(bind: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((bind, port))
    sock.setblocking(False)
    return sock


def serve(args: argparse.Namespace) -> int:
    parent = os.getppid()
    banners = {p: _unescape(t) for p, t in _port_map(args.banner, "--banner").items()}
    replies = {p: _unescape(t) for p, t in _port_map(args.reply, "--reply").items()}
    for port, spec in _port_map(args.http, "--http").items():
        server, _, title = spec.partition("|")
        replies[port] = http_page(server, title or server)

    # Signals only wake the loop (through the wakeup socket); the loop decides to stop.
    stopping = []
    wake_r, wake_w = socket.socketpair()
    wake_r.setblocking(False)
    wake_w.setblocking(False)
    signal.set_wakeup_fd(wake_w.fileno())
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, lambda *_: stopping.append(True))

    selector = selectors.DefaultSelector()
    selector.register(wake_r, selectors.EVENT_READ, ("wake", None))
    for port in _ports(args.tcp):
        behaviour = Port(banners.get(port), replies.get(port))
        selector.register(_tcp_listener(args.bind, port), selectors.EVENT_READ, ("listen", behaviour))
    for port in _ports(args.udp):
        selector.register(_udp_socket(args.bind, port), selectors.EVENT_READ, ("udp", None))
    started = time.monotonic()
    for port, spec in _port_map(args.snmp, "--snmp").items():
        descr, _, name = spec.partition("|")
        agent = SnmpAgent(descr, name or "lab-host", started)
        selector.register(_udp_socket(args.bind, port), selectors.EVENT_READ, ("udp", agent))

    sys.stdout.write("READY\n")
    sys.stdout.flush()

    connections: dict[socket.socket, Connection] = {}
    next_parent_check = 0.0
    while not stopping:
        now = time.monotonic()
        if now >= next_parent_check:
            # PR_SET_PDEATHSIG would fire when the parent *thread* exits; polling follows the process.
            if os.getppid() != parent:
                break
            next_parent_check = now + PARENT_POLL_SECONDS
        timeout = next_parent_check - now
        if connections:
            timeout = min(timeout, max(0.0, min(c.deadline for c in connections.values()) - now))
        for key, _ in selector.select(timeout):
            kind, payload = key.data
            sock = key.fileobj
            now = time.monotonic()
            if kind == "wake":
                try:
                    sock.recv(64)
                except BlockingIOError:
                    pass
            elif kind == "listen":
                try:
                    client, _ = sock.accept()
                except BlockingIOError:
                    continue
                client.setblocking(False)
                connections[client] = Connection(client, payload, now)
                selector.register(client, selectors.EVENT_READ, ("conn", None))
            elif kind == "conn":
                connection = connections.get(sock)
                if connection is not None and not connection.readable(now):
                    selector.unregister(sock)
                    del connections[sock]
                    sock.close()
            elif kind == "udp":
                try:
                    data, peer = sock.recvfrom(4096)
                except BlockingIOError:
                    continue
                answer = payload.answer(data) if payload is not None else None
                if answer is not None:
                    try:
                        sock.sendto(answer, peer)
                    except OSError:
                        pass
        now = time.monotonic()
        for sock, connection in list(connections.items()):
            if connection.deadline <= now:
                connection.expired()
                selector.unregister(sock)
                del connections[sock]
                sock.close()

    for key in list(selector.get_map().values()):
        key.fileobj.close()
    selector.close()
    wake_w.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tcp", help="comma-separated TCP ports to listen on")
    parser.add_argument("--udp", help="comma-separated UDP ports to bind (never answered)")
    parser.add_argument("--banner", action="append", default=[], metavar="PORT=TEXT")
    parser.add_argument("--reply", action="append", default=[], metavar="PORT=TEXT")
    parser.add_argument("--http", action="append", default=[], metavar="PORT=SERVER|TITLE")
    parser.add_argument("--snmp", action="append", default=[], metavar="PORT=SYSDESCR|SYSNAME")
    parser.add_argument("--bind", default="0.0.0.0")
    args = parser.parse_args(argv)
    try:
        return serve(args)
    except OSError as exc:  # a port already taken: say which, for the lab's error message
        print(f"listener: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
