"""Re-record the loopback fixtures: listeners on 127.0.0.1, then nmap against 127.0.0.1 only (with -n).

Run as root from the repository root:  .venv/bin/python tests/data/nmap/record_loopback.py
Never point it anywhere else; it binds and scans loopback only.
"""

from __future__ import annotations

import socket
import subprocess
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET = "127.0.0.1"
BANNER = b"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u2\r\n"
# 22: an SSH banner (so -sV names a product fast); 631, 445, 3389, 62078: accept and close at once (-sV
# reports "tcpwrapped" quickly instead of waiting out its probes); 9100: -sV never probes it.
LISTENERS = {22: "banner", 631: "close", 445: "close", 3389: "close", 62078: "close", 9100: "silent"}
PORTS = "22,445,631,3389,9100,62078"


def serve(sock: socket.socket, mode: str) -> None:
    while True:
        try:
            conn, _ = sock.accept()
        except OSError:
            return
        if mode == "banner":
            try:
                conn.sendall(BANNER)
            except OSError:
                pass
        if mode != "silent":
            conn.close()


def main() -> None:
    socks = []
    for port, mode in LISTENERS.items():
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((TARGET, port))
        s.listen(16)
        socks.append(s)
        threading.Thread(target=serve, args=(s, mode), daemon=True).start()
    runs = {
        "loopback-quick.xml": ["-sn"],
        "loopback-standard.xml": ["-sS", "-sV", "--version-light", "-p", PORTS],
        "loopback-os.xml": ["-sS", "-sV", "--version-light", "-O", "--stats-every", "1s", "-p", PORTS],
        "loopback-connect.xml": ["--unprivileged", "-sT", "-p", PORTS],
    }
    for name, args in runs.items():
        out = HERE / name
        subprocess.run(["nmap", "-n", "-T4", "-oX", str(out), *args, TARGET], check=True, stdout=subprocess.DEVNULL)
        print("wrote", out)
    for s in socks:
        s.close()


if __name__ == "__main__":
    main()
