"""Loopback listeners, a fake nmap for failure cases, and the skip for machines without nmap.

Safety: real scans in these tests target 127.0.0.1 only, always with -n (DOMAIN.md §3).
"""

from __future__ import annotations

import socket
import stat
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from itam.discovery import runner

DATA = Path(__file__).resolve().parents[2] / "data" / "nmap"
LOOPBACK = "127.0.0.1"

requires_nmap = pytest.mark.skipif(
    not runner.nmap_available(), reason="nmap is not installed (sudo apt install nmap): real-scan test skipped"
)


@pytest.fixture(autouse=True)
def _fresh_nmap_detection():
    runner.reset_detection()
    yield
    runner.reset_detection()


class Listeners:
    """TCP listeners on 127.0.0.1. mode: 'close' accepts and closes (nmap -sV: tcpwrapped, fast);
    'banner' sends an OpenSSH banner; 'silent' accepts and says nothing (service detection waits)."""

    def __init__(self) -> None:
        self.ports: list[int] = []
        self._socks: list[socket.socket] = []
        self._held: list[socket.socket] = []
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()

    def open(self, port: int, mode: str = "close") -> bool:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((LOOPBACK, port))
        except OSError:
            s.close()
            return False  # taken by something on this machine: the test checks only the ports it got
        s.listen(32)
        s.settimeout(0.2)
        self._socks.append(s)
        self.ports.append(port)
        t = threading.Thread(target=self._serve, args=(s, mode), daemon=True)
        t.start()
        self._threads.append(t)
        return True

    def _serve(self, s: socket.socket, mode: str) -> None:
        while s.fileno() != -1:
            try:
                conn, _ = s.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if mode == "banner":
                try:
                    conn.sendall(b"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u2\r\n")
                except OSError:
                    pass
            if mode == "silent":
                with self._lock:
                    self._held.append(conn)
            else:
                conn.close()

    def close(self) -> None:
        for s in self._socks:
            s.close()
        for t in self._threads:
            t.join(timeout=2)
        with self._lock:
            for c in self._held:
                c.close()


@pytest.fixture
def listeners():
    group = Listeners()
    yield group
    group.close()


@pytest.fixture
def fake_nmap(tmp_path):
    """Write an executable stand-in for nmap; returns its path.

    It answers --version like nmap 7.93, records its argv (and any -iL file) to argv.txt, prints
    ``parts`` to stdout one by one (sleeping ``pause`` seconds after each), writes ``stderr`` and exits
    with ``exit_code``. ``ignore_term`` makes it ignore SIGTERM, so only a kill stops it.
    """

    def make(parts: list[str] = (), *, pause: float = 0.0, exit_code: int = 0, stderr: str = "",
             ignore_term: bool = False, name: str = "nmap") -> Path:
        path = tmp_path / name
        record = tmp_path / "argv.txt"
        path.write_text(textwrap.dedent(f"""\
            #!{sys.executable}
            import json, signal, sys, time
            if {ignore_term!r}:
                signal.signal(signal.SIGTERM, signal.SIG_IGN)
            if sys.argv[1:] == ["--version"]:
                print("Nmap version 7.93 ( https://nmap.org )")
                sys.exit(0)
            args = sys.argv[1:]
            listed = None
            if "-iL" in args:
                listed = open(args[args.index("-iL") + 1]).read().split()
            open({str(record)!r}, "w").write(json.dumps({{"argv": args, "listed": listed}}))
            for part in {list(parts)!r}:
                sys.stdout.write(part)
                sys.stdout.flush()
                time.sleep({pause!r})
            sys.stderr.write({stderr!r})
            sys.exit({exit_code!r})
            """))
        path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        return path

    return make


def split_after_hosts(xml: str, hosts: int) -> tuple[str, str]:
    """The document up to the end of its ``hosts``-th </host>, and the rest."""
    at = 0
    for _ in range(hosts):
        at = xml.index("</host>", at) + len("</host>")
    return xml[:at], xml[at:]
