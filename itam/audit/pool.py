"""Choosing how to audit each host, and running many audits at once.

:func:`plan_audits` turns scanned hosts and scoped credentials into :class:`AuditTask` values: SSH where
port 22 (or the credential's port) is open, WinRM where 5985/5986 is, SNMP where 161/udp is open or was not
scanned — each with the credentials whose scope covers the address, in the order given. A host nothing can
be tried on gets a task without a method that says why.

:func:`run_audits` runs the tasks in a bounded thread pool: the audits really overlap (each waits on its
own host), every host has its own timeout and its own error, one failure never stops the others, progress
is reported as tasks finish, and a cancelled run returns at once with what it has.
"""

from __future__ import annotations

import ipaddress
import logging
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from itam.audit.facts import (
    AuditFacts,
    SnmpV2cCredential,
    SnmpV3Credential,
    SshCredential,
    WinRmCredential,
    method_of,
)
from itam.errors import (
    AuditAuthError,
    AuditError,
    AuditHostKeyError,
    AuditProtocolError,
    AuditTimeoutError,
    AuditUnreachableError,
)
from itam.messages import Message, tr

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 30.0
DEFAULT_WORKERS = 16
#: How long past its timeout the pool waits for a host before reporting it as timed out.
GRACE_SECONDS = 5.0
SNMP_PORT = 161
WINRM_PORTS = (5985, 5986)
METHOD_NAMES = {"ssh": "SSH", "snmp": "SNMP", "winrm": "WinRM"}


@dataclass(frozen=True)
class AuditTask:
    """One way to audit one address: the method and the credentials to try in turn (name, credential).

    ``method`` None means nothing can be tried, and ``reason`` says why."""

    address: str
    method: str | None
    credentials: tuple[tuple[str, Any], ...] = ()
    reason: Message | None = None
    #: Tried only when the host's other tasks found nothing (SNMP where UDP was not scanned but SSH or WinRM
    #: can be tried): a host that answered SSH is not also kept waiting for an agent that is not there.
    fallback: bool = False

    def __repr__(self) -> str:  # credentials' own repr hides secrets; names are enough here
        names = ", ".join(name for name, _ in self.credentials)
        return f"AuditTask({self.address!r}, {self.method!r}, credentials=[{names}], reason={self.reason!r})"


@dataclass(frozen=True)
class AuditOutcome:
    """What auditing one task gave: facts, or an error message saying why not (never both)."""

    address: str
    method: str | None
    credential_name: str | None
    facts: AuditFacts | None
    error: Message | None
    seconds: float
    #: auth, timeout, unreachable, protocol, host_key, skipped, cancelled or error (None when it worked)
    error_kind: str | None = None

    @property
    def ok(self) -> bool:
        return self.facts is not None


# --- planning ---------------------------------------------------------------------------------------------------

def _networks(scope: Any) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    items = scope.split(",") if isinstance(scope, str) else scope or ()
    out = []
    for item in items:
        if isinstance(item, ipaddress.IPv4Network | ipaddress.IPv6Network):
            out.append(item)
            continue
        try:
            out.append(ipaddress.ip_network(str(item).strip(), strict=False))
        except ValueError:
            log.warning("credential scope entry %r is not an address or CIDR block; ignored", item)
    return out


def _covers(networks: Sequence[Any], address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return any(address.version == net.version and address in net for net in networks)


def _host_parts(host: Any) -> tuple[str, set[int] | None, set[int] | None]:
    if isinstance(host, str):
        return host, None, None
    if isinstance(host, Sequence):
        address = host[0]
        tcp = host[1] if len(host) > 1 else None
        udp = host[2] if len(host) > 2 else None
    else:
        address = host.address
        tcp = getattr(host, "tcp_ports", None)
        udp = getattr(host, "udp_ports", None)
    return str(address), (None if tcp is None else {int(p) for p in tcp}), (None if udp is None else {int(p) for p in udp})


def _port(credential: Any) -> int:
    if isinstance(credential, SshCredential):
        return int(credential.port)
    if isinstance(credential, WinRmCredential):
        return int(credential.port)
    return SNMP_PORT


def plan_audits(hosts: Iterable[Any], credentials: Iterable[Any]) -> list[AuditTask]:
    """Tasks for ``hosts`` — ``(address, open TCP ports, open UDP ports)`` where a port set may be None for
    "not scanned", or a bare address — with ``credentials`` — ``(name, kind, scope, credential)``, scope an
    iterable of addresses/CIDR blocks (text or ipaddress networks).

    SSH needs the credential's port (22) open or TCP not scanned; WinRM 5985/5986 likewise; SNMP needs
    161/udp open or UDP not scanned — and when UDP was not scanned on a host that SSH or WinRM can be tried
    on, SNMP is its ``fallback``, run only if those find nothing. Hosts come out in input order, each with
    its tasks in the order SSH, WinRM, SNMP, or one task without a method saying why nothing applies."""
    creds = []
    for entry in credentials:
        name, _kind, scope, credential = entry
        creds.append((str(name), method_of(credential), _networks(scope), credential))
    tasks: list[AuditTask] = []
    for host in hosts:
        text, tcp, udp = _host_parts(host)
        try:
            address = ipaddress.ip_address(text.strip())
        except ValueError:
            tasks.append(AuditTask(text, None, reason=tr("'{address}' is not an IP address", address=text)))
            continue
        covering = [(n, m, c) for n, m, nets, c in creds if _covers(nets, address)]
        found: list[AuditTask] = []
        reachable_methods = set()
        for method in ("ssh", "winrm", "snmp"):
            chosen = []
            for name, m, credential in covering:
                if m != method:
                    continue
                port = _port(credential)
                open_ports = udp if method == "snmp" else tcp
                if open_ports is None or port in open_ports:
                    chosen.append((name, credential))
            if chosen:
                fallback = method == "snmp" and udp is None and bool(found)
                found.append(AuditTask(str(address), method, tuple(chosen), fallback=fallback))
            if _method_port_open(method, tcp, udp):
                reachable_methods.add(method)
        if found:
            tasks.extend(found)
            continue
        tasks.append(AuditTask(str(address), None, reason=_why_not(str(address), tcp, udp, covering,
                                                                   reachable_methods)))
    return tasks


def _method_port_open(method: str, tcp: set[int] | None, udp: set[int] | None) -> bool:
    if method == "ssh":
        return tcp is None or 22 in tcp
    if method == "winrm":
        return tcp is None or bool(set(WINRM_PORTS) & tcp)
    return udp is None or SNMP_PORT in udp


def _why_not(address: str, tcp: set[int] | None, udp: set[int] | None, covering: list, reachable: set[str]) -> Message:
    if not reachable:
        return tr("no SSH, WinRM or SNMP port open on {address}", address=address)
    if not covering:
        return tr("no credential covers {address}", address=address)
    names = "/".join(METHOD_NAMES[m] for m in ("ssh", "winrm", "snmp") if m in reachable)
    return tr("no {methods} credential covers {address}", methods=names, address=address)


# --- running ----------------------------------------------------------------------------------------------------

def _error_kind(error: BaseException) -> str:
    for kind, cls in (("auth", AuditAuthError), ("timeout", AuditTimeoutError), ("unreachable", AuditUnreachableError),
                      ("host_key", AuditHostKeyError), ("protocol", AuditProtocolError)):
        if isinstance(error, cls):
            return kind
    return "error"


def default_collectors(known_hosts: str | Path | None = None) -> dict[str, Callable[..., AuditFacts]]:
    """method -> ``collector(address, credential, *, timeout, should_stop)``."""
    from itam.audit.snmp import audit_snmp
    from itam.audit.ssh import audit_ssh
    from itam.audit.winrm import audit_winrm

    def ssh(address: str, credential: Any, *, timeout: float, should_stop: Callable[[], bool]) -> AuditFacts:
        return audit_ssh(address, credential, timeout=timeout, known_hosts=known_hosts, should_stop=should_stop)

    return {"snmp": audit_snmp, "ssh": ssh, "winrm": audit_winrm}


def _worth_another(error: AuditError, credential: Any) -> bool:
    """May the next credential succeed where this one failed? (A refused login, or — for SNMPv2c, which
    never answers a wrong community — no answer at all.)"""
    if isinstance(error, AuditAuthError):
        return True
    return isinstance(error, AuditTimeoutError) and isinstance(credential, SnmpV2cCredential | SnmpV3Credential)


def run_task(task: AuditTask, collectors: Mapping[str, Callable[..., AuditFacts]], timeout: float,
             should_stop: Callable[[], bool]) -> AuditOutcome:
    """Audit one task: try its credentials in turn within ``timeout`` seconds in all."""
    started = time.monotonic()
    deadline = started + timeout
    if task.method is None:
        return AuditOutcome(task.address, None, None, None, task.reason, 0.0, "skipped")
    collector = collectors[task.method]
    failures: list[tuple[str, AuditError]] = []
    for name, credential in task.credentials:
        remaining = deadline - time.monotonic()
        if should_stop():
            break
        if remaining < 0.5 and failures:
            break
        try:
            facts = collector(task.address, credential, timeout=max(0.5, remaining), should_stop=should_stop)
            return AuditOutcome(task.address, task.method, name, facts, None, time.monotonic() - started)
        except AuditError as exc:
            failures.append((name, exc))
            if not _worth_another(exc, credential):
                break
        except Exception as exc:
            log.exception("audit of %s by %s failed unexpectedly", task.address, task.method)
            error = AuditError(tr("unexpected error while auditing {address} by {method}: {reason}",
                                  address=task.address, method=METHOD_NAMES.get(task.method, task.method),
                                  reason=f"{type(exc).__name__}: {exc}"[:300]))
            failures.append((name, error))
            break
    seconds = time.monotonic() - started
    if should_stop() and not failures:
        return AuditOutcome(task.address, task.method, None, None,
                            tr("the audit of {address} was cancelled", address=task.address), seconds, "cancelled")
    name, error = failures[-1]
    message = error.args[0] if error.args else str(error)
    if len(failures) > 1:
        message = tr("none of the {count} {method} credentials worked for {address}; the last one said: {reason}",
                     count=len(failures), method=METHOD_NAMES.get(task.method, task.method), address=task.address,
                     reason=message)
    return AuditOutcome(task.address, task.method, name, None, message, seconds, _error_kind(error))


def run_audits(
    tasks: Iterable[AuditTask],
    *,
    max_workers: int = DEFAULT_WORKERS,
    timeout: float = DEFAULT_TIMEOUT,
    progress: Callable[[int, int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
    known_hosts: str | Path | None = None,
    collectors: Mapping[str, Callable[..., AuditFacts]] | None = None,
) -> list[AuditOutcome]:
    """Run ``tasks`` at most ``max_workers`` at a time; one outcome per task run, in task order.

    A ``fallback`` task starts only once its host's other tasks have finished without facts; when one of
    them found facts, it is not run and has no outcome.

    ``timeout`` bounds each task (all its credentials together); a task still running ``GRACE_SECONDS``
    later is reported as timed out and left to end by itself. ``progress(done, total)`` is called from this
    thread as tasks finish; ``is_cancelled()`` is polled about five times a second: when it turns true,
    running audits are asked to stop, queued ones never start, and the run returns at once with the
    finished outcomes and "cancelled" ones for the rest. ``known_hosts`` is the SSH known-hosts file
    (default: in the data directory). ``collectors`` replaces the real SNMP/SSH/WinRM collectors (tests)."""
    tasks = list(tasks)
    total = len(tasks)
    collectors = dict(collectors) if collectors is not None else default_collectors(known_hosts)
    outcomes: list[AuditOutcome | None] = [None] * total
    stop_all = threading.Event()
    abandoned: set[int] = set()
    started_at: dict[int, float] = {}
    done = 0

    def report() -> None:
        if progress is not None:
            try:
                progress(done, total)
            except Exception:
                log.exception("audit progress callback failed")

    def job(index: int, task: AuditTask) -> AuditOutcome:
        started_at[index] = time.monotonic()
        return run_task(task, collectors, timeout, lambda: stop_all.is_set() or index in abandoned)

    for index, task in enumerate(tasks):
        if task.method is None:
            outcomes[index] = run_task(task, collectors, timeout, stop_all.is_set)
            done += 1
    report()
    runnable = [(i, t) for i, t in enumerate(tasks) if t.method is not None and not t.fallback]
    # Fallback tasks wait for their host's other tasks: address -> indexes of those still running, and of
    # the fallbacks held back.
    primaries: dict[str, set[int]] = {}
    for i, t in runnable:
        primaries.setdefault(t.address, set()).add(i)
    held: dict[str, list[int]] = {}
    for i, t in enumerate(tasks):
        if t.method is not None and t.fallback:
            if primaries.get(t.address):
                held.setdefault(t.address, []).append(i)
            else:
                runnable.append((i, t))  # nothing to wait for
    runnable.sort()
    if not runnable:
        return [o for o in outcomes if o is not None]

    executor = ThreadPoolExecutor(max_workers=max(1, min(max_workers, len(runnable) + sum(map(len, held.values())))),
                                  thread_name_prefix="itam-audit")
    futures: dict[Future, int] = {executor.submit(job, i, t): i for i, t in runnable}
    pending = set(futures)
    cancelled = False

    def settle(index: int) -> None:
        """Task ``index`` has its outcome: release or drop its host's fallbacks once its others are done."""
        nonlocal done
        address = tasks[index].address
        waiting = primaries.get(address)
        if waiting is None or index not in waiting:
            return
        waiting.discard(index)
        if waiting or address not in held:
            return
        fallbacks = held.pop(address)
        if any(o is not None and o.address == address and o.ok for o in outcomes):
            done += len(fallbacks)  # not needed: another method found the facts
            return
        for i in fallbacks:
            future = executor.submit(job, i, tasks[i])
            futures[future] = i
            pending.add(future)

    try:
        while pending:
            finished, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            for future in finished:
                index = futures[future]
                try:
                    outcomes[index] = future.result()
                except Exception as exc:  # noqa: BLE001 - run_task already catches; belt and braces
                    outcomes[index] = AuditOutcome(tasks[index].address, tasks[index].method, None, None,
                                                   tr("unexpected error while auditing {address} by {method}: "
                                                      "{reason}", address=tasks[index].address,
                                                      method=tasks[index].method, reason=str(exc)[:300]),
                                                   0.0, "error")
                done += 1
                settle(index)
            if finished:
                report()
            if is_cancelled is not None and is_cancelled():
                cancelled = True
                break
            now = time.monotonic()
            for future in list(pending):
                index = futures[future]
                begun = started_at.get(index)
                if begun is not None and now - begun > timeout + GRACE_SECONDS:
                    abandoned.add(index)
                    pending.discard(future)
                    task = tasks[index]
                    outcomes[index] = AuditOutcome(
                        task.address, task.method, None, None,
                        tr("the audit of {address} did not finish within {seconds} s", address=task.address,
                           seconds=round(timeout, 1)), now - begun, "timeout")
                    done += 1
                    settle(index)
                    report()
    finally:
        if cancelled or pending:
            stop_all.set()
        executor.shutdown(wait=False, cancel_futures=True)
    if cancelled:
        audited = {o.address for o in outcomes if o is not None and o.ok}
        never_started = [i for address, fallbacks in held.items() if address not in audited for i in fallbacks]
        for index in [futures[f] for f in pending] + never_started:
            if outcomes[index] is None:
                task = tasks[index]
                begun = started_at.get(index)
                outcomes[index] = AuditOutcome(task.address, task.method, None, None,
                                               tr("the audit of {address} was cancelled", address=task.address),
                                               time.monotonic() - begun if begun else 0.0, "cancelled")
    return [o for o in outcomes if o is not None]
