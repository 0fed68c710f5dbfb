"""A fake SSH server for the audit lab that hangs up after its greeting.

It accepts a connection, sends an OpenSSH identification line, reads what the client sends (its own
identification and key-exchange offer) and closes the connection: to a client this is a server that drops
the connection during the handshake. Standard library only; run inside a lab namespace with ``python -I -S``.
Prints READY once listening and exits when its parent process dies.
"""

from __future__ import annotations

import argparse
import os
import select
import socket
import sys

BANNER = b"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bind", default="0.0.0.0")
    parser.add_argument("--port", type=int, default=22)
    args = parser.parse_args(argv)
    parent = os.getppid()
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((args.bind, args.port))
    server.listen(64)
    sys.stdout.write("READY\n")
    sys.stdout.flush()
    while os.getppid() == parent:
        ready, _, _ = select.select([server], [], [], 0.5)
        if not ready:
            continue
        conn, _ = server.accept()
        try:
            conn.settimeout(5.0)
            conn.sendall(BANNER)
            conn.recv(65536)  # the client's identification and, usually, its KEXINIT
        except OSError:
            pass
        finally:
            conn.close()
    server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
