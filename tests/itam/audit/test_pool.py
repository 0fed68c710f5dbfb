"""Planning audits from scan results and credentials, and the bounded parallel pool (fake collectors)."""

from __future__ import annotations

import ipaddress
import threading
import time
from datetime import UTC, datetime

from itam.audit import pool
from itam.audit.facts import AuditFacts, SnmpV2cCredential, SnmpV3Credential, SshCredential, WinRmCredential
from itam.audit.pool import AuditTask, plan_audits, run_audits
from itam.errors import AuditAuthError, AuditTimeoutError, AuditUnreachableError
from itam.messages import tr

SSH = SshCredential("audit", password="pw")
SSH_2222 = SshCredential("audit", password="pw", port=2222)
SNMP = SnmpV2cCredential("public-lab")
SNMP3 = SnmpV3Credential("mon", "SHA", "12345678")
WIN = WinRmCredential("audit", "pw")
LAB = ["198.18.0.0/24"]


def creds(*items):
    return [(name, "kind-is-informative", scope, credential) for name, scope, credential in items]


def test_methods_follow_the_open_ports_and_credentials_follow_their_scope():
    credentials = creds(("ssh-lab", LAB, SSH), ("snmp-lab", LAB, SNMP), ("win-lab", LAB, WIN),
                        ("snmp-other", ["10.0.0.0/8"], SNMP3), ("ssh-one", ["198.18.0.9"], SSH_2222))
    hosts = [
        ("198.18.0.2", {22, 80}, {161}),        # ssh + snmp
        ("198.18.0.3", {5985, 135}, set()),     # winrm; UDP scanned, 161 closed
        ("198.18.0.4", {443}, None),            # nothing on TCP; UDP not scanned: SNMP may still answer
        ("198.18.0.5", {80}, set()),            # nothing at all
        ("198.18.0.9", {2222, 22}, set()),      # two SSH credentials, each on its own port
        ("10.1.2.3", {22}, {161}),              # only the 10/8 SNMPv3 credential covers it
    ]
    tasks = plan_audits(hosts, credentials)
    summary = [(t.address, t.method, [n for n, _ in t.credentials]) for t in tasks]
    assert summary == [
        ("198.18.0.2", "ssh", ["ssh-lab"]), ("198.18.0.2", "snmp", ["snmp-lab"]),
        ("198.18.0.3", "winrm", ["win-lab"]),
        ("198.18.0.4", "snmp", ["snmp-lab"]),
        ("198.18.0.5", None, []),
        ("198.18.0.9", "ssh", ["ssh-lab", "ssh-one"]),
        ("10.1.2.3", "snmp", ["snmp-other"]),
    ]
    assert tasks[4].reason == "no SSH, WinRM or SNMP port open on 198.18.0.5"


def test_unknown_ports_try_every_covered_method_and_reasons_say_what_is_missing():
    tasks = plan_audits(["198.18.0.7", ("198.18.0.8", None, None)], creds(("snmp-lab", LAB, SNMP)))
    assert [(t.address, t.method) for t in tasks] == [("198.18.0.7", "snmp"), ("198.18.0.8", "snmp")]
    tasks = plan_audits([("198.18.0.7", {22}, set()), ("192.0.2.1", {22}, None), ("not-an-ip", {22}, None)],
                        creds(("snmp-lab", LAB, SNMP), ("snmp-any", [ipaddress.ip_network("198.18.0.0/16")], SNMP3)))
    assert [t.method for t in tasks] == [None, None, None]
    assert tasks[0].reason == "no SSH credential covers 198.18.0.7"
    assert tasks[1].reason == "no credential covers 192.0.2.1"
    assert tasks[2].reason == "'not-an-ip' is not an IP address"
    assert tasks[1].reason.localized("zh_CN") != str(tasks[1].reason)


def test_task_repr_names_credentials_only():
    [task] = plan_audits([("198.18.0.2", {22}, set())], creds(("ssh-lab", LAB, SshCredential("u", password="hunter2"))))
    assert "hunter2" not in repr(task) and "ssh-lab" in repr(task)


def _facts(address: str, method: str) -> AuditFacts:
    return AuditFacts(address, method, datetime.now(UTC), serial=f"S-{address}")


class Fake:
    """Collectors whose behaviour is chosen per address: sleep, fail, hang, crash."""

    def __init__(self, behaviour: dict[str, str] | None = None, delay: float = 0.0) -> None:
        self.behaviour = behaviour or {}
        self.delay = delay
        self.lock = threading.Lock()
        self.running = self.peak = 0
        self.calls: list[tuple[str, str]] = []
        self.stopped: list[str] = []

    def collector(self, method: str):
        def run(address, credential, *, timeout, should_stop):
            with self.lock:
                self.running += 1
                self.peak = max(self.peak, self.running)
                self.calls.append((address, getattr(credential, "user", None) or getattr(credential, "community", "?")))
            try:
                what = self.behaviour.get(address, "ok")
                end = time.monotonic() + (60 if what in ("hang", "stubborn") else self.delay)
                while time.monotonic() < end:
                    if should_stop() and what != "stubborn":
                        self.stopped.append(address)
                        raise AuditTimeoutError(tr("the audit of {address} was cancelled", address=address))
                    time.sleep(0.01)
                if what == "auth":
                    raise AuditAuthError(tr("{address} refused the SSH login of '{user}' ({methods}: wrong key or "
                                            "password, or the account is not allowed)", address=address, user="audit",
                                            methods="password"))
                if what == "auth-first" and getattr(credential, "password", None) == "first":
                    raise AuditAuthError(tr("{address} refused the SSH login of '{user}' ({methods}: wrong key or "
                                            "password, or the account is not allowed)", address=address, user="audit",
                                            methods="password"))
                if what == "down":
                    raise AuditUnreachableError(tr("{address} refused the connection on port {port} (no SSH server "
                                                   "there)", address=address, port=22))
                if what == "crash":
                    raise RuntimeError("a bug")
                return _facts(address, method)
            finally:
                with self.lock:
                    self.running -= 1
        return run

    @property
    def collectors(self):
        return {m: self.collector(m) for m in ("ssh", "snmp", "winrm")}


def ssh_tasks(count: int, credentials=(("lab", SSH),)) -> list[AuditTask]:
    return [AuditTask(f"198.18.0.{i + 2}", "ssh", tuple(credentials)) for i in range(count)]


def test_the_pool_really_runs_in_parallel_and_keeps_task_order():
    fake = Fake(delay=0.4)
    tasks = ssh_tasks(24)
    seen = []
    started = time.monotonic()
    outcomes = run_audits(tasks, max_workers=24, timeout=10, collectors=fake.collectors,
                          progress=lambda done, total: seen.append((done, total)))
    wall = time.monotonic() - started
    assert wall < 0.4 * 3, wall  # sequentially it would take 9.6 s
    assert fake.peak == 24
    assert [o.address for o in outcomes] == [t.address for t in tasks]
    assert all(o.ok and o.credential_name == "lab" and o.error is None for o in outcomes)
    assert seen[-1] == (24, 24) and [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_the_pool_is_bounded():
    fake = Fake(delay=0.1)
    run_audits(ssh_tasks(12), max_workers=3, timeout=10, collectors=fake.collectors)
    assert fake.peak == 3


def test_one_host_failing_never_stops_the_others():
    fake = Fake({"198.18.0.3": "down", "198.18.0.4": "auth", "198.18.0.5": "crash"})
    skipped = AuditTask("198.18.0.99", None, reason=tr("no credential covers {address}", address="198.18.0.99"))
    outcomes = run_audits([*ssh_tasks(6), skipped], max_workers=4, timeout=10, collectors=fake.collectors)
    kinds = {o.address: (o.ok, o.error_kind) for o in outcomes}
    assert kinds == {
        "198.18.0.2": (True, None), "198.18.0.3": (False, "unreachable"), "198.18.0.4": (False, "auth"),
        "198.18.0.5": (False, "error"), "198.18.0.6": (True, None), "198.18.0.7": (True, None),
        "198.18.0.99": (False, "skipped"),
    }
    crash = next(o for o in outcomes if o.address == "198.18.0.5")
    assert "unexpected error" in crash.error and "RuntimeError" in crash.error
    assert next(o for o in outcomes if o.address == "198.18.0.99").error == "no credential covers 198.18.0.99"


def test_the_next_credential_is_tried_after_a_refused_login_only():
    first, second = SshCredential("audit", password="first"), SshCredential("audit", password="second")
    fake = Fake({"198.18.0.2": "auth-first", "198.18.0.3": "down", "198.18.0.4": "auth"})
    tasks = ssh_tasks(3, credentials=(("first", first), ("second", second)))
    ok, down, refused = run_audits(tasks, timeout=10, collectors=fake.collectors)
    assert ok.ok and ok.credential_name == "second"
    assert not down.ok and [a for a, _ in fake.calls].count("198.18.0.3") == 1  # unreachable: no second try
    assert refused.error_kind == "auth" and "none of the 2 SSH credentials worked" in refused.error


def test_a_host_that_overruns_its_timeout_is_reported_and_the_run_returns(monkeypatch):
    monkeypatch.setattr(pool, "GRACE_SECONDS", 0.3)
    fake = Fake({"198.18.0.3": "stubborn"})  # ignores its timeout and the stop request
    started = time.monotonic()
    outcomes = run_audits(ssh_tasks(3), timeout=0.5, collectors=fake.collectors)
    assert time.monotonic() - started < 3
    late = outcomes[1]
    assert (late.ok, late.error_kind) == (False, "timeout") and "did not finish within 0.5 s" in late.error
    assert outcomes[0].ok and outcomes[2].ok


def test_cancelling_returns_at_once_and_asks_running_audits_to_stop():
    fake = Fake({f"198.18.0.{i + 2}": "hang" for i in range(20)})
    cancel_at = time.monotonic() + 0.4
    started = time.monotonic()
    outcomes = run_audits(ssh_tasks(20), max_workers=5, timeout=30, collectors=fake.collectors,
                          is_cancelled=lambda: time.monotonic() > cancel_at)
    assert time.monotonic() - started < 1.5
    assert len(outcomes) == 20 and all(o.error_kind == "cancelled" for o in outcomes)
    deadline = time.monotonic() + 3
    while len(fake.stopped) < 5 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(fake.stopped) == 5 and len(fake.calls) == 5  # the queued 15 never started


def test_a_broken_progress_callback_does_not_stop_the_audits():
    def progress(done, total):
        raise ValueError("GUI gone")

    outcomes = run_audits(ssh_tasks(3), timeout=5, collectors=Fake().collectors, progress=progress)
    assert all(o.ok for o in outcomes)


def test_no_tasks_no_threads():
    assert run_audits([], collectors=Fake().collectors) == []


def test_snmp_where_udp_was_not_scanned_waits_for_ssh_and_runs_only_if_it_found_nothing():
    credentials = creds(("ssh-lab", LAB, SSH), ("snmp-lab", LAB, SNMP))
    hosts = [("198.18.0.2", {22}, None),    # SSH works: no SNMP attempt at all
             ("198.18.0.3", {22}, None),    # SSH refused: SNMP after it
             ("198.18.0.4", {443}, None),   # nothing on TCP to try: SNMP at once
             ("198.18.0.5", {22}, {161})]   # 161/udp seen open: SNMP alongside SSH, as before
    tasks = plan_audits(hosts, credentials)
    assert [(t.address, t.method, t.fallback) for t in tasks] == [
        ("198.18.0.2", "ssh", False), ("198.18.0.2", "snmp", True),
        ("198.18.0.3", "ssh", False), ("198.18.0.3", "snmp", True),
        ("198.18.0.4", "snmp", False),
        ("198.18.0.5", "ssh", False), ("198.18.0.5", "snmp", False)]
    fake, refusing = Fake(delay=0.05), Fake({"198.18.0.3": "down"}, delay=0.05)
    collectors = {**fake.collectors, "ssh": refusing.collector("ssh")}  # .3 refuses SSH, answers SNMP
    seen = []
    outcomes = run_audits(tasks, max_workers=2, timeout=5, collectors=collectors,
                          progress=lambda done, total: seen.append((done, total)))
    assert [(o.address, o.method, o.ok) for o in outcomes] == [
        ("198.18.0.2", "ssh", True),
        ("198.18.0.3", "ssh", False), ("198.18.0.3", "snmp", True),
        ("198.18.0.4", "snmp", True),
        ("198.18.0.5", "ssh", True), ("198.18.0.5", "snmp", True)]
    assert seen[-1] == (7, 7)  # the fallback not needed counts as done
    assert ("198.18.0.2", "public-lab") not in fake.calls


def test_cancelling_reports_fallbacks_that_never_started():
    tasks = plan_audits([("198.18.0.2", {22}, None)], creds(("ssh-lab", LAB, SSH), ("snmp-lab", LAB, SNMP)))
    fake = Fake({"198.18.0.2": "hang"})
    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()
    outcomes = run_audits(tasks, timeout=30, collectors=fake.collectors, is_cancelled=stop.is_set)
    assert [(o.method, o.error_kind) for o in outcomes] == [("ssh", "cancelled"), ("snmp", "cancelled")]
