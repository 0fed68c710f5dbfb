"""SSH audit of Linux, macOS and FreeBSD hosts with paramiko.

Why paramiko: it is the most used and longest maintained SSH library for Python (pure Python on top of
``cryptography``, packaged by Debian and every other distribution, no C extension of its own), and its
blocking API fits a thread pool: one audit = one thread = one connection. asyncssh would need an event loop
per caller for no gain here: the hosts, not the client, set the pace.

Security rules:

* Host keys: accept-new. The first key seen for an address is appended to the known-hosts file the caller
  names (OpenSSH format, ``[address]:port`` for other ports); a key that differs from the recorded one is
  refused with :class:`~itam.errors.AuditHostKeyError`, never silently trusted.
* Only the fixed, read-only commands of :mod:`itam.audit.unix` run; nothing the host sends is put into a
  command. Each command has a timeout and an output cap (1 MB), and no pseudo-terminal is requested.
* No agent forwarding, no port forwarding, no keys from ``~/.ssh`` or an SSH agent: only the credential given.
"""

from __future__ import annotations

import binascii
import contextlib
import hmac
import io
import ipaddress
import logging
import os
import select
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path

from itam.audit.facts import AuditFacts, SshCredential
from itam.audit.text import MAX_OUTPUT, check_address, clean
from itam.audit.unix import CommandResult, collect
from itam.errors import (
    AuditAuthError,
    AuditError,
    AuditHostKeyError,
    AuditProtocolError,
    AuditTimeoutError,
    AuditUnreachableError,
)
from itam.messages import tr
from itam.paths import data_dir

try:  # POSIX: a lock that other itam processes (GUI and CLI) honour too
    import fcntl
except ImportError:  # Windows: the in-process lock alone
    fcntl = None

DEFAULT_TIMEOUT = 30.0
#: Longest any one command may run (within the audit's own timeout).
COMMAND_TIMEOUT = 20.0
#: Longest the TCP connection may take to open.
CONNECT_TIMEOUT = 10.0
STDERR_CAP = 65536

# paramiko logs a traceback at ERROR for every host that hangs up or stays silent; each of those is already
# one clear per-host AuditError, so its transports log to a channel of ours that only passes CRITICAL.
TRANSPORT_LOG = "itam.audit.ssh.transport"
logging.getLogger(TRANSPORT_LOG).setLevel(logging.CRITICAL)


def default_known_hosts() -> Path:
    """``<data dir>/audit_known_hosts``: the host keys audits have accepted."""
    return data_dir() / "audit_known_hosts"


class _Dropped(Exception):
    """The transport died during the audit."""


class _Stopped(Exception):
    pass


# --- host keys -------------------------------------------------------------------------------------------------

_KNOWN_HOSTS_LOCK = threading.Lock()


def _host_key_name(address: str, port: int) -> str:
    return address if port == 22 else f"[{address}]:{port}"


def _fingerprint(key) -> str:
    return key.fingerprint if hasattr(key, "fingerprint") else key.get_base64()[:20]


#: path -> ((size, mtime), host name -> its lines, [(hashed name, line)]): the file is indexed once per change, not
#: parsed for every audit (paramiko's HostKeys.load compares each line with all before it: 2.7 s at 5,000 lines).
_KNOWN_HOSTS_INDEX: dict[str, tuple[tuple[int, int], dict[str, list[str]], list[tuple[str, str]]]] = {}


def _known_hosts_index(path: Path) -> tuple[dict[str, list[str]], list[tuple[str, str]]]:
    stat = path.stat()
    signature = (stat.st_size, stat.st_mtime_ns)
    cached = _KNOWN_HOSTS_INDEX.get(str(path))
    if cached is not None and cached[0] == signature:
        return cached[1], cached[2]
    plain: dict[str, list[str]] = {}
    hashed: list[tuple[str, str]] = []
    with open(path, encoding="utf-8", errors="replace") as fh:
        for raw in fh:
            line = raw.strip()
            if not line or line.startswith(("#", "@")):
                continue
            for name in line.split(None, 1)[0].split(","):
                if name.startswith("|1|"):
                    hashed.append((name, line))
                else:
                    plain.setdefault(name, []).append(line)
    _KNOWN_HOSTS_INDEX[str(path)] = (signature, plain, hashed)
    return plain, hashed


def known_keys(path: Path, address: str, port: int) -> dict[str, object]:
    """key type -> key recorded for this address in ``path`` (hashed entries included)."""
    import paramiko
    from paramiko.hostkeys import HostKeyEntry, InvalidHostKey

    name = _host_key_name(address, port)
    try:
        plain, hashed = _known_hosts_index(path)
    except OSError:
        return {}
    lines = list(plain.get(name, ()))
    for entry, line in hashed:
        with contextlib.suppress(ValueError, TypeError, binascii.Error):
            if hmac.compare_digest(paramiko.HostKeys.hash_host(name, entry), entry):
                lines.append(line)
    found: dict[str, object] = {}
    for line in lines:
        with contextlib.suppress(ValueError, TypeError, binascii.Error, paramiko.SSHException, InvalidHostKey):
            entry = HostKeyEntry.from_line(line)
            if entry is not None and entry.key is not None:
                found[entry.key.get_name()] = entry.key
    return found


def check_host_key(path: Path, address: str, port: int, key) -> None:
    """Accept-new: record an unknown host's key; refuse a key that differs from the recorded one."""
    with _KNOWN_HOSTS_LOCK:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a+", encoding="utf-8") as fh:
            os.chmod(path, 0o600)
            if fcntl is not None:
                fcntl.flock(fh, fcntl.LOCK_EX)  # other itam processes (GUI and CLI) share the file
            try:
                known = known_keys(path, address, port)
                if known:
                    recorded = known.get(key.get_name())
                    if recorded is None or recorded != key:
                        old = recorded or next(iter(known.values()))
                        raise AuditHostKeyError(tr(
                            "the SSH host key of {address} has changed (now {type} {new}, recorded {old} in "
                            "{file}); refusing to log in: if the host was reinstalled, remove its line from that "
                            "file", address=address, type=key.get_name(), new=_fingerprint(key),
                            old=_fingerprint(old), file=str(path)))
                    return
                fh.seek(0, os.SEEK_END)
                fh.write(f"{_host_key_name(address, port)} {key.get_name()} {key.get_base64()}\n")
                fh.flush()
            finally:
                if fcntl is not None:
                    fcntl.flock(fh, fcntl.LOCK_UN)


# --- credentials -----------------------------------------------------------------------------------------------

def load_private_key(pem: str, passphrase: str | None):
    """A paramiko key from OpenSSH or PEM text (Ed25519, ECDSA or RSA)."""
    import paramiko

    wrong_passphrase = False
    for kind in (paramiko.Ed25519Key, paramiko.ECDSAKey, paramiko.RSAKey):
        try:
            return kind.from_private_key(io.StringIO(pem), password=passphrase or None)
        except paramiko.PasswordRequiredException:
            raise AuditAuthError(tr("the credential's private key is encrypted: give its passphrase")) from None
        except (paramiko.SSHException, ValueError, TypeError, IndexError) as exc:
            if "passphrase" in str(exc).lower() or "decrypt" in str(exc).lower():
                wrong_passphrase = True
            continue
    if wrong_passphrase:
        raise AuditAuthError(tr("the credential's private key cannot be decrypted: wrong passphrase"))
    raise AuditAuthError(tr("the credential's private key cannot be read (Ed25519, ECDSA or RSA, OpenSSH or PEM "
                            "format)"))


# --- commands over the connection ------------------------------------------------------------------------------

class _Runner:
    def __init__(self, transport, address: str, deadline: float, should_stop: Callable[[], bool] | None) -> None:
        self.transport = transport
        self.address = address
        self.deadline = deadline
        self.should_stop = should_stop
        self.ran = 0
        self.out_of_time = False

    def __call__(self, command: str) -> CommandResult:
        import paramiko

        if self.should_stop is not None and self.should_stop():
            raise _Stopped()
        remaining = self.deadline - time.monotonic()
        if remaining <= 0.2 or self.out_of_time:
            self.out_of_time = True
            return CommandResult(command, None, b"", timed_out=True)
        limit = min(COMMAND_TIMEOUT, remaining)
        if not self.transport.is_active():
            raise _Dropped()
        try:
            channel = self.transport.open_session(timeout=limit)
        except (paramiko.SSHException, EOFError, OSError) as exc:
            if not self.transport.is_active():
                raise _Dropped() from exc
            return CommandResult(command, None, b"", clean(str(exc)).encode() if clean(str(exc)) else b"")
        self.ran += 1
        try:
            return self._run(channel, command, time.monotonic() + limit)
        finally:
            channel.close()

    def _run(self, channel, command: str, end: float) -> CommandResult:
        import paramiko

        out, err = bytearray(), bytearray()
        truncated = timed_out = False
        try:
            channel.exec_command(command)
            while True:
                if channel.recv_ready():
                    data = channel.recv(65536)
                    out += data[: MAX_OUTPUT + 1 - len(out)]
                    if len(out) > MAX_OUTPUT:
                        del out[MAX_OUTPUT:]
                        truncated = True
                        break
                    continue
                if channel.recv_stderr_ready():
                    data = channel.recv_stderr(65536)
                    if len(err) < STDERR_CAP:
                        err += data[: STDERR_CAP - len(err)]
                    continue
                if channel.exit_status_ready() and channel.eof_received:
                    break
                if channel.closed or (channel.eof_received and not self.transport.is_active()):
                    break
                if self.should_stop is not None and self.should_stop():
                    raise _Stopped()
                wait = end - time.monotonic()
                if wait <= 0:
                    timed_out = True
                    break
                if channel.eof_received:
                    # All output is in; the exit status follows. (The channel stays readable after EOF, so
                    # select() would spin: wait on paramiko's status event instead.)
                    channel.status_event.wait(min(wait, 0.25))
                else:
                    select.select([channel], [], [], min(wait, 0.25))
        except (paramiko.SSHException, EOFError, OSError) as exc:
            if not self.transport.is_active():
                raise _Dropped() from exc
            timed_out = True
        if not self.transport.is_active() and not channel.exit_status_ready():
            raise _Dropped()
        status = channel.recv_exit_status() if channel.exit_status_ready() and not (truncated or timed_out) else None
        if status == -1:
            status = None
        if status is None and not (truncated or timed_out) and not self.transport.is_active():
            raise _Dropped()
        if time.monotonic() >= self.deadline:
            self.out_of_time = True
        return CommandResult(command, status, bytes(out), bytes(err), truncated, timed_out)


# --- the audit -------------------------------------------------------------------------------------------------

def _connect(address: str, port: int, timeout: float) -> socket.socket:
    family = socket.AF_INET6 if ipaddress.ip_address(address).version == 6 else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    # SSH sends many small packets that wait on each other's answers: without TCP_NODELAY, Nagle's algorithm
    # and delayed acknowledgements add tens of milliseconds to every command.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.settimeout(timeout)
    try:
        sock.connect((address, port))
    except TimeoutError:
        sock.close()
        raise AuditTimeoutError(tr("no answer from {address} on port {port} within {seconds} s", address=address,
                                   port=port, seconds=round(timeout, 1))) from None
    except ConnectionRefusedError:
        sock.close()
        raise AuditUnreachableError(tr("{address} refused the connection on port {port} (no SSH server there)",
                                       address=address, port=port)) from None
    except OSError as exc:
        sock.close()
        raise AuditUnreachableError(tr("cannot reach {address} on port {port}: {reason}", address=address, port=port,
                                       reason=clean(exc.strerror or str(exc)) or type(exc).__name__)) from None
    return sock


def _handshake(transport, address: str, port: int, deadline: float, known_hosts: Path) -> None:
    import paramiko

    known = known_keys(known_hosts, address, port)
    if known:
        # Offer the recorded key types first, so a host with several keys shows the one we know.
        options = transport.get_security_options()
        preferred = []
        for kind in known:
            preferred += ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"] if kind == "ssh-rsa" else [kind]
        offered = list(options.key_types)
        options.key_types = [k for k in preferred if k in offered] + [k for k in offered if k not in preferred]
    remaining = max(0.5, deadline - time.monotonic())
    transport.banner_timeout = remaining
    transport.handshake_timeout = remaining
    done = threading.Event()
    started = time.monotonic()
    transport.start_client(event=done)
    while not done.wait(0.05):
        if not transport.is_active():
            break
        if time.monotonic() >= deadline:
            if not getattr(transport, "remote_version", ""):
                raise AuditTimeoutError(tr(
                    "{address} accepted the connection on port {port} but sent no SSH greeting within {seconds} s",
                    address=address, port=port, seconds=round(time.monotonic() - started, 1)))
            raise AuditTimeoutError(tr(
                "{address} accepted the connection on port {port} but did not complete the SSH handshake within "
                "{seconds} s", address=address, port=port, seconds=round(time.monotonic() - started, 1)))
    if not transport.is_active() or not done.is_set():
        error = transport.get_exception()
        text = str(error or "")
        waited = time.monotonic() - started
        if "banner" in text.lower() and (waited >= transport.banner_timeout - 0.25 or "time" in text.lower()):
            raise AuditTimeoutError(tr(
                "{address} accepted the connection on port {port} but sent no SSH greeting within {seconds} s",
                address=address, port=port, seconds=round(waited, 1)))
        if isinstance(error, EOFError | ConnectionError) or "banner" in text.lower() or not text:
            raise AuditUnreachableError(tr("{address} closed the connection during the SSH handshake",
                                           address=address))
        if isinstance(error, paramiko.IncompatiblePeer) or "incompatible" in text.lower() or "negotiat" in text.lower():
            raise AuditProtocolError(tr("{address} speaks no SSH version or algorithm this audit accepts: {reason}",
                                        address=address, reason=clean(text) or "?"))
        raise AuditProtocolError(tr("SSH error from {address}: {reason}", address=address, reason=clean(text) or "?"))
    check_host_key(known_hosts, address, port, transport.get_remote_server_key())


def _authenticate(transport, address: str, credential: SshCredential, deadline: float) -> None:
    import paramiko

    transport.auth_timeout = max(0.5, deadline - time.monotonic())
    failures = []
    allowed: list[str] | None = None
    if credential.private_key_pem:
        key = load_private_key(credential.private_key_pem, credential.key_passphrase)
        try:
            transport.auth_publickey(credential.user, key)
            return
        except paramiko.BadAuthenticationType as exc:
            allowed = list(exc.allowed_types)
            failures.append("publickey")
        except paramiko.AuthenticationException:
            failures.append("publickey")
    if credential.password and transport.is_active():
        try:
            transport.auth_password(credential.user, credential.password)
            return
        except paramiko.BadAuthenticationType as exc:
            allowed = list(exc.allowed_types)
            failures.append("password")
        except paramiko.AuthenticationException:
            failures.append("password")
    if not transport.is_active():
        raise AuditUnreachableError(tr("{address} closed the connection during the SSH login", address=address))
    if allowed is not None and not set(failures) & set(allowed):
        raise AuditAuthError(tr("{address} does not accept {methods} logins for '{user}' (it allows: {allowed})",
                                address=address, methods=", ".join(failures), user=credential.user,
                                allowed=", ".join(clean(a, 40) or "?" for a in allowed) or "none"))
    raise AuditAuthError(tr("{address} refused the SSH login of '{user}' ({methods}: wrong key or password, or the "
                            "account is not allowed)", address=address, user=credential.user,
                            methods=", ".join(failures) or "?"))


def audit_ssh(
    address: str,
    credential: SshCredential,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    known_hosts: str | os.PathLike[str] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> AuditFacts:
    """Audit one Linux/macOS/FreeBSD host over SSH.

    ``known_hosts`` is the file of accepted host keys (default :func:`default_known_hosts`). Raises an
    :class:`~itam.errors.AuditError` subclass when the host cannot be audited (unreachable, silent, refused
    login, changed host key, connection dropped); otherwise returns facts, with warnings for what could not
    be read. Returns within about ``timeout`` seconds; ``should_stop`` is polled between and during commands.
    """
    import paramiko

    address = check_address(address)
    if not isinstance(credential, SshCredential):
        raise TypeError(f"audit_ssh needs an SshCredential, not {type(credential).__name__}")
    path = Path(known_hosts) if known_hosts is not None else default_known_hosts()
    port = int(credential.port)
    deadline = time.monotonic() + max(1.0, float(timeout))
    sock = _connect(address, port, min(CONNECT_TIMEOUT, max(0.5, deadline - time.monotonic())))
    transport = None
    runner = None
    try:
        transport = paramiko.Transport(sock)
        transport.set_log_channel(TRANSPORT_LOG)
        _handshake(transport, address, port, deadline, path)
        _authenticate(transport, address, credential, deadline)
        runner = _Runner(transport, address, deadline, should_stop)
        info = collect(runner)
    except _Dropped:
        done = runner.ran if runner is not None else 0
        raise AuditUnreachableError(tr("{address} dropped the SSH connection during the audit (after {count} "
                                       "commands)", address=address, count=done)) from None
    except _Stopped:
        raise AuditError(tr("the audit of {address} was cancelled", address=address)) from None
    except AuditError:
        raise
    except (paramiko.SSHException, EOFError, OSError) as exc:
        if transport is not None and not transport.is_active():
            raise AuditUnreachableError(tr("{address} closed the connection during the SSH login",
                                           address=address)) from None
        raise AuditProtocolError(tr("SSH error from {address}: {reason}", address=address,
                                    reason=clean(str(exc)) or type(exc).__name__)) from None
    finally:
        if transport is not None:
            transport.close()
        sock.close()
    if runner.out_of_time:
        info.warnings.add(tr("the audit reached its time limit of {seconds} s; some details were not read",
                             seconds=round(float(timeout), 1)))
    return info.as_facts(address, "ssh")
