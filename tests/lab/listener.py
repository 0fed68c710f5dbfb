"""A fake device's services: listens on TCP/UDP ports inside a lab network namespace.

Started by tests/lab/netlab.py as ``ip netns exec NS python3 listener.py --tcp 22,80 ...``. Standard library
only, so it runs under any Python 3.11+ without the project's virtual environment.

Per TCP port, one behaviour:

* ``--banner PORT=TEXT``  send TEXT as soon as a client connects (SSH, telnet), then read and discard;
* ``--reply PORT=TEXT``   wait for the client's request (up to a blank line), send TEXT, close
                          (IPP, RTSP, SIP, HTTP error pages: anything with a fixed answer);
* ``--http PORT=SERVER|TITLE``  a minimal HTTP/1.0 200 page with that Server header and <title>;
* a port only listed in ``--tcp`` accepts, says nothing, and hangs up once the client sends anything.

TEXT uses Python backslash escapes (``\\r\\n``, ``\\xff``), so telnet's IAC bytes survive the command line.
In replies, ``{date}`` becomes the current HTTP date and ``{cseq}`` the request's CSeq (RTSP, SIP).
``--udp`` ports are bound and read, never answered (an SNMP agent that ignores the community string).

Prints ``READY`` on stdout once every socket is bound, and exits on SIGTERM/SIGINT or when its parent dies.
"""

from __future__ import annotations

import argparse
import asyncio
import codecs
import os
import re
import signal
import sys
from email.utils import formatdate

# A client that opened a connection and sent nothing (nmap's NULL probe waits 6 s) gets this long before a
# silent port closes; real silent services hold the connection at least as long as nmap waits.
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
    body = (
        f"<html><head><title>{title}</title></head>\n"
        f"<body><h1>{title}</h1></body></html>\n"
    ).encode()
    head = (
        "HTTP/1.0 200 OK\r\n"
        f"Server: {server}\r\n"
        "Date: {date}\r\n"
        "Content-Type: text/html\r\n"
        f"Content-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n"
    ).encode()
    return head + body


class Behaviour:
    """What one TCP port does with a connection."""

    def __init__(self, banner: bytes | None = None, reply: bytes | None = None) -> None:
        self.banner = banner
        self.reply = reply

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            if self.banner is not None:
                writer.write(self.banner)
                await writer.drain()
            if self.reply is not None:
                request = await _read_request(reader)
                if request is not None:
                    writer.write(_fill(self.reply, request))
                    await writer.drain()
                return
            if self.banner is None:
                # A silent port waits for the client to speak, then hangs up without a word, as a real
                # service does with a request it cannot parse (nmap then moves to its next probe at once).
                await asyncio.wait_for(reader.read(4096), IDLE_SECONDS)
                return
            # Banner sent: swallow whatever the client sends until it leaves.
            while True:
                data = await asyncio.wait_for(reader.read(4096), IDLE_SECONDS)
                if not data:
                    return
        except (TimeoutError, ConnectionError):
            return
        finally:
            writer.close()
            try:
                await writer.wait_closed()
            except ConnectionError:
                pass


async def _read_request(reader: asyncio.StreamReader) -> bytes | None:
    """The client's request up to its blank line; None when the client left without sending anything."""
    buffer = b""
    try:
        first = await asyncio.wait_for(reader.read(4096), IDLE_SECONDS)
    except TimeoutError:
        return None
    if not first:
        return None
    buffer = first
    loop = asyncio.get_running_loop()
    deadline = loop.time() + REQUEST_GRACE_SECONDS
    while b"\r\n\r\n" not in buffer and b"\n\n" not in buffer and len(buffer) < MAX_REQUEST_BYTES:
        remaining = deadline - loop.time()
        if remaining <= 0:
            break
        try:
            more = await asyncio.wait_for(reader.read(4096), remaining)
        except TimeoutError:
            break
        if not more:
            break
        buffer += more
    return buffer


_CSEQ = re.compile(rb"^CSeq:\s*([^\r\n]+)", re.IGNORECASE | re.MULTILINE)


def _fill(template: bytes, request: bytes) -> bytes:
    cseq = _CSEQ.search(request)
    out = template.replace(b"{date}", formatdate(usegmt=True).encode())
    out = out.replace(b"{cseq}", cseq.group(1).strip() if cseq else b"1")
    if request.startswith(b"HEAD ") and b"\r\n\r\n" in out:
        out = out.split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n"
    return out


class _Discard(asyncio.DatagramProtocol):
    def datagram_received(self, data: bytes, addr) -> None:
        pass


async def _watch_parent(parent: int, stop: asyncio.Event) -> None:
    # PR_SET_PDEATHSIG would fire when the parent *thread* exits; polling follows the process instead.
    while not stop.is_set():
        if os.getppid() != parent:
            stop.set()
            return
        await asyncio.sleep(PARENT_POLL_SECONDS)


async def serve(args: argparse.Namespace) -> int:
    parent = os.getppid()
    banners = {p: _unescape(t) for p, t in _port_map(args.banner, "--banner").items()}
    replies = {p: _unescape(t) for p, t in _port_map(args.reply, "--reply").items()}
    for port, spec in _port_map(args.http, "--http").items():
        server, _, title = spec.partition("|")
        replies[port] = http_page(server, title or server)

    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        loop.add_signal_handler(signum, stop.set)

    servers = []
    transports = []
    for port in _ports(args.tcp):
        behaviour = Behaviour(banners.get(port), replies.get(port))
        servers.append(
            await asyncio.start_server(behaviour.handle, args.bind, port, reuse_address=True, backlog=128)
        )
    for port in _ports(args.udp):
        transport, _ = await loop.create_datagram_endpoint(_Discard, local_addr=(args.bind, port))
        transports.append(transport)

    sys.stdout.write("READY\n")
    sys.stdout.flush()
    watcher = asyncio.create_task(_watch_parent(parent, stop))
    await stop.wait()
    watcher.cancel()
    for server in servers:
        server.close()
    for transport in transports:
        transport.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tcp", help="comma-separated TCP ports to listen on")
    parser.add_argument("--udp", help="comma-separated UDP ports to bind (never answered)")
    parser.add_argument("--banner", action="append", default=[], metavar="PORT=TEXT")
    parser.add_argument("--reply", action="append", default=[], metavar="PORT=TEXT")
    parser.add_argument("--http", action="append", default=[], metavar="PORT=SERVER|TITLE")
    parser.add_argument("--bind", default="0.0.0.0")
    args = parser.parse_args(argv)
    try:
        return asyncio.run(serve(args))
    except OSError as exc:  # a port already taken: say which, for the lab's error message
        print(f"listener: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
