"""A WinRM service on 127.0.0.1 that replays the recordings of tests/data/winrm.

pywinrm, requests and urllib3 talk to it as to a Windows host's HTTPS listener (port 5986 style, with a
self-signed certificate made here): HTTP/1.1 with keep-alive, Basic authentication (a refused login gets
the recorded 401), and the WS-Management shell exchange. Each
response is a recorded envelope whose ``RelatesTo`` is set to the request's ``MessageID``; the script's
output is served in base64 chunks over several Receive responses, as Windows does. ``mode`` makes the host
misbehave: ``fault`` (access denied to Command), ``garbled`` (Receive answered with non-XML), ``huge``
(a Receive envelope announced as 6 MB), ``huge_chunked`` (an endless chunked body), ``drop`` (the
connection closed instead of a Receive answer), ``silent`` (Receive never answered).
"""

from __future__ import annotations

import atexit
import base64
import datetime
import functools
import ipaddress
import re
import shutil
import ssl
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Self

DATA = Path(__file__).resolve().parents[2] / "data" / "winrm"
USER, PASSWORD = "LAB\\itam-audit", "Winrm-lab-1"

_ACTION = re.compile(rb"<a:Action[^>]*>([^<]+)</a:Action>")
_MESSAGE_ID = re.compile(rb"<a:MessageID>([^<]+)</a:MessageID>")
_RELATES = re.compile(rb"<a:RelatesTo>[^<]*</a:RelatesTo>")


@functools.lru_cache(maxsize=1)
def _certificate() -> tuple[str, str]:
    """A self-signed certificate for 127.0.0.1 (files in a temporary directory that lives with the process)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "WIN-LAB01")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .sign(key, hashes.SHA256()))
    directory = tempfile.mkdtemp(prefix="itam-winrm-replay-")
    atexit.register(shutil.rmtree, directory, True)
    cert_path, key_path = f"{directory}/cert.pem", f"{directory}/key.pem"
    with open(cert_path, "wb") as fh:
        fh.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(key_path, "wb") as fh:
        fh.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                   serialization.NoEncryption()))
    return cert_path, key_path


def recording(name: str) -> bytes:
    return (DATA / name).read_bytes()


def _unauthorized_headers() -> list[tuple[str, str]]:
    lines = recording("unauthorized_401.http").decode().split("\n")[1:]
    return [tuple(part.strip() for part in line.split(":", 1)) for line in lines if ":" in line]


class Replay:
    def __init__(self, stdout: bytes, *, mode: str = "ok", chunk: int = 6000, stderr: bytes = b"") -> None:
        self.stdout = stdout
        self.stderr = stderr
        self.mode = mode
        self.chunk = chunk
        self.actions: list[str] = []
        self.unauthorized = 0
        self._sent = 0
        self._stop = threading.Event()
        replay = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # quiet
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                expected = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
                if self.headers.get("Authorization") != expected:
                    replay.unauthorized += 1
                    self.send_response(401)
                    for key, value in _unauthorized_headers():
                        if key.lower() != "content-length":
                            self.send_header(key, value)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                action = (_ACTION.search(body).group(1).decode().rsplit("/", 1)[-1]) if _ACTION.search(body) else "?"
                message_id = _MESSAGE_ID.search(body).group(1) if _MESSAGE_ID.search(body) else b"uuid:0"
                replay.actions.append(action)
                status, envelope = replay.answer(action, self)
                if envelope is None:
                    return
                envelope = _RELATES.sub(b"<a:RelatesTo>" + message_id + b"</a:RelatesTo>", envelope, count=1)
                self.send_response(status)
                self.send_header("Content-Type", "application/soap+xml;charset=UTF-8")
                self.send_header("Server", "Microsoft-HTTPAPI/2.0")
                self.send_header("Content-Length", str(len(envelope)))
                self.end_headers()
                self.wfile.write(envelope)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*_certificate())
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self.server.shutdown()
        self.server.server_close()

    def answer(self, action: str, handler: BaseHTTPRequestHandler) -> tuple[int, bytes | None]:
        if action == "Create":
            return 200, recording("create_response.xml")
        if action == "Command":
            if self.mode == "fault":
                return 500, recording("fault_access_denied.xml")
            return 200, recording("command_response.xml")
        if action == "Signal":
            return 200, recording("signal_response.xml")
        if action == "Delete":
            return 200, recording("delete_response.xml")
        if action != "Receive":
            return 500, recording("fault_access_denied.xml")
        if self.mode == "garbled":
            return 200, b"\x00\x01 this is not XML <<<"
        if self.mode == "drop":
            handler.close_connection = True
            handler.connection.close()
            return 0, None
        if self.mode == "silent":
            self._stop.wait(30)
            handler.close_connection = True
            return 0, None
        if self.mode == "huge":
            handler.send_response(200)
            handler.send_header("Content-Type", "application/soap+xml;charset=UTF-8")
            handler.send_header("Content-Length", str(6_000_000))
            handler.end_headers()
            handler.close_connection = True
            return 0, None
        if self.mode == "huge_chunked":
            handler.send_response(200)
            handler.send_header("Content-Type", "application/soap+xml;charset=UTF-8")
            handler.send_header("Transfer-Encoding", "chunked")
            handler.end_headers()
            piece = b"<s:Envelope>" + b"A" * 65536
            try:
                for _ in range(200):  # 13 MB, far past the audit's cap
                    handler.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            except OSError:
                pass
            handler.close_connection = True
            return 0, None
        part = self.stdout[self._sent : self._sent + self.chunk]
        self._sent += len(part)
        done = self._sent >= len(self.stdout)
        envelope = recording("receive_done.xml" if done else "receive_running.xml")
        envelope = envelope.replace(b">STDOUT<", b">" + base64.b64encode(part) + b"<", 1)
        envelope = envelope.replace(b">STDERR<", b">" + base64.b64encode(self.stderr) + b"<", 1)
        time.sleep(0.001)
        return 200, envelope
