"""The nmap runner: real scans of 127.0.0.1 only (with -n), plus a fake nmap for failures and cancels."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from itam.discovery import runner
from itam.discovery.model import HostObservation, Progress
from itam.discovery.runner import (
    DEEP_SCRIPTS,
    IDENTIFYING_TCP_PORTS,
    LIMIT_MAC,
    LIMIT_OS,
    LIMIT_UDP,
    NmapRunner,
    nmap_available,
    nmap_version,
)
from itam.discovery.targets import parse_targets
from itam.errors import InvalidTargetError, NmapMissingError, ValidationError

from .conftest import DATA, LOOPBACK, requires_nmap, split_after_hosts

LAN = (DATA / "lan-mixed.xml").read_text()


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def as_root(monkeypatch, root: bool) -> None:
    monkeypatch.setattr(runner, "is_privileged", lambda: root)


# --- the command, for each profile and privilege (no scanning) -----------------------------------------


@pytest.mark.parametrize("root", [True, False])
@pytest.mark.parametrize("profile", ["quick", "standard", "deep"])
def test_command_per_profile_and_privilege(monkeypatch, root, profile):
    as_root(monkeypatch, root)
    plan = NmapRunner().plan(parse_targets(LOOPBACK), profile)
    cmd = list(plan.command)
    assert cmd[:3] == ["nmap", "-oX", "-"]
    assert "-n" in cmd and "--stats-every" in cmd and "-T4" in cmd
    assert cmd[cmd.index("--max-retries") + 1] == "2" and "--host-timeout" in cmd
    assert "--unprivileged" not in cmd and "--privileged" not in cmd  # privilege as detected
    assert plan.privileged is root
    if profile == "quick":
        assert "-sn" in cmd and "-p" not in cmd and "-sV" not in cmd
        assert plan.limitations == (() if root else (LIMIT_MAC,))
        return
    ports = cmd[cmd.index("-p") + 1]
    tcp = {int(p) for p in ports.split(",U:")[0].removeprefix("T:").split(",")}
    required = {22, 23, 53, 80, 88, 135, 139, 389, 443, 445, 515, 554, 631, 3389, 5060, 5900, 5985, 7000, 8080,
                8443, 9100, 62078}
    assert required <= tcp and set(IDENTIFYING_TCP_PORTS) <= tcp
    if root:
        assert "-sS" in cmd and "-sU" in cmd and "U:" in ports and "161" in ports.split("U:")[1].split(",")
        assert "-sT" not in cmd
    else:
        assert "-sT" in cmd and "-sS" not in cmd and "-sU" not in cmd and "U:" not in ports
    if profile == "standard":
        assert cmd[cmd.index("-sV") + 1] == "--version-light"
        assert "-O" not in cmd and "--script" not in cmd
        assert plan.limitations == (() if root else (LIMIT_MAC, LIMIT_UDP))
    else:
        assert "--version-light" not in cmd and "-sV" in cmd
        assert ("-O" in cmd) is root
        assert plan.limitations == (() if root else (LIMIT_MAC, LIMIT_UDP, LIMIT_OS))
        if runner.top_tcp_ports(200):
            assert len(tcp) >= 200 and set(runner.top_tcp_ports(200)) <= tcp
        if "--script" in cmd:
            scripts = cmd[cmd.index("--script") + 1].split(",")
            assert set(scripts) <= set(DEEP_SCRIPTS)
            assert ("snmp-sysdescr" in scripts) == (root and "snmp-sysdescr" in runner.available_scripts(DEEP_SCRIPTS))


def test_privilege_overrides_and_options(monkeypatch):
    as_root(monkeypatch, True)
    cmd = NmapRunner(privileged=False).plan(parse_targets(LOOPBACK), "standard").command
    assert "--unprivileged" in cmd and "-sT" in cmd  # nmap really behaves as a user, not just our flags
    as_root(monkeypatch, False)
    cmd = NmapRunner(privileged=True).plan(parse_targets(LOOPBACK), "standard").command
    assert "--privileged" in cmd and "-sS" in cmd  # an nmap given capabilities with setcap
    cmd = NmapRunner(resolve_names=True).plan(parse_targets(LOOPBACK), "quick").command
    assert "-n" not in cmd
    assert "-6" in NmapRunner().plan(parse_targets("::1"), "quick").command
    with pytest.raises(ValidationError, match="unknown scan profile 'turbo'"):
        NmapRunner().plan(parse_targets(LOOPBACK), "turbo")


def test_user_text_never_reaches_the_command_line():
    with pytest.raises(InvalidTargetError, match="'-oN'"):
        NmapRunner().build_command("127.0.0.1 -oN /tmp/x", "quick")
    cmd = NmapRunner().build_command("127.0.0.1", "quick")
    assert cmd[-1] == "127.0.0.1"


# --- nmap missing ----------------------------------------------------------------------------------


def test_nmap_missing_raises_with_install_help(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("ITAM_NMAP", raising=False)
    runner.reset_detection()
    assert not nmap_available() and nmap_version() is None
    with pytest.raises(NmapMissingError) as info:
        NmapRunner().run(LOOPBACK, "quick")
    text = str(info.value)
    for needle in ("sudo apt install nmap", "sudo dnf install nmap", "brew install nmap", "nmap.org", "PATH",
                   "itam discover import-xml"):
        assert needle in text
    # bad targets are reported before nmap is looked for
    with pytest.raises(InvalidTargetError):
        NmapRunner().run("-oN x", "quick")


def test_detection_runs_once_per_process(monkeypatch, fake_nmap):
    path = fake_nmap()
    calls = []
    real = runner._version_of
    monkeypatch.setattr(runner, "_version_of", lambda p: calls.append(p) or real(p))
    monkeypatch.setenv("ITAM_NMAP", str(path))
    runner.reset_detection()
    assert nmap_available() and nmap_available() and nmap_version() == "7.93"
    assert calls == [str(path)]


# --- real scans of 127.0.0.1 -------------------------------------------------------------------------


@requires_nmap
def test_quick_sweep_finds_loopback():
    hosts, progress = [], []
    result = NmapRunner().run(LOOPBACK, "quick", on_host=hosts.append, on_progress=progress.append)
    assert not result.partial and result.error is None and not result.cancelled
    assert [h.address for h in result.hosts] == [LOOPBACK] and hosts == result.hosts
    assert result.hosts[0].state == "up"
    assert "-n" in result.command and "-sn" in result.command and result.command[-1] == LOOPBACK
    assert result.targets == (LOOPBACK,) and result.profile == "quick"
    assert result.xml.startswith("<?xml") and "</nmaprun>" in result.xml
    assert result.nmap_version == nmap_version() and result.addresses_scanned == 1
    assert result.ended >= result.started
    assert all(isinstance(p, Progress) for p in progress)


@requires_nmap
def test_standard_scan_reports_the_listener_ports(listeners):
    for port in (9100, 631, 62078, 445, 3389):
        listeners.open(port, "close")
    listeners.open(22, "banner")
    if not listeners.ports:
        pytest.skip("no listener port could be bound on 127.0.0.1")
    seen: list[HostObservation] = []
    result = NmapRunner().run(LOOPBACK, "standard", on_host=seen.append)
    assert not result.partial, result.error
    (h,) = result.hosts
    assert seen == [h]
    assert {(p, "tcp") for p in listeners.ports} <= set(h.open_ports)
    assert "-sV" in result.command and "--version-light" in result.command
    if 22 in listeners.ports:
        assert next(s for s in h.services if s.port == 22).product == "OpenSSH"
    if result.privileged:
        assert h.reply_ttl == 64 and result.limitations == ()


@requires_nmap
def test_not_root_scan_says_what_it_could_not_see(listeners, monkeypatch):
    listeners.open(9100)
    result = NmapRunner(privileged=False).run(LOOPBACK, "standard")
    assert not result.privileged and not result.partial, result.error
    assert result.limitations == (LIMIT_MAC, LIMIT_UDP)
    assert "-sT" in result.command and "-sU" not in result.command
    (h,) = result.hosts
    assert h.reply_ttl is None and h.mac is None
    if 9100 in listeners.ports:
        assert (9100, "tcp") in h.open_ports


@requires_nmap
def test_cancel_mid_scan_stops_nmap_and_returns_partial(listeners):
    listeners.open(5900, "silent")  # -sV waits on a port that never speaks: the scan takes many seconds
    started = time.monotonic()
    r = NmapRunner(grace_seconds=2)
    result = r.run(LOOPBACK, "standard", is_cancelled=lambda: time.monotonic() - started > 1.0)
    assert result.partial and result.cancelled
    assert gone(r.pid)
    assert "cancelled" in result.error
    assert time.monotonic() - started < 5
    assert result.xml.startswith("<?xml")


@requires_nmap
def test_nmap_failing_gives_a_partial_result_with_its_error(monkeypatch):
    monkeypatch.setattr(NmapRunner, "_test_extra_args", ("--no-such-option-for-itam-tests",))
    r = NmapRunner()
    result = r.run(LOOPBACK, "quick")
    assert result.partial and not result.cancelled
    assert "nmap exited with status" in result.error and "no-such-option-for-itam-tests" in result.error
    assert result.hosts == []
    assert gone(r.pid)


# --- a fake nmap: streaming, failures, cancels ------------------------------------------------------


def test_hosts_and_progress_arrive_while_nmap_still_runs(fake_nmap):
    first, rest = split_after_hosts(LAN, 1)
    nmap = fake_nmap([first, rest], pause=0.6)
    arrivals: list[tuple[str, float]] = []
    start = time.monotonic()
    result = NmapRunner(nmap_path=str(nmap)).run(
        "198.18.0.0/27", "quick",
        on_host=lambda h: arrivals.append((h.address, time.monotonic() - start)),
        on_progress=lambda p: arrivals.append((p.task, time.monotonic() - start)),
    )
    assert not result.partial, result.error
    assert len(result.hosts) == 12
    assert arrivals[0][0] == "ARP Ping Scan" and arrivals[1][0] == "198.18.0.10"
    assert arrivals[1][1] < 0.5 <= arrivals[2][1]  # the first host came before the rest was written
    assert result.xml == LAN


def test_nmap_exiting_with_an_error_mid_scan(fake_nmap):
    half = (DATA / "truncated.xml").read_text()
    nmap = fake_nmap([half], exit_code=1, stderr="pcap_open_live(eth9) FAILED\nQUITTING!\n")
    r = NmapRunner(nmap_path=str(nmap))
    result = r.run("198.18.0.0/27", "standard")
    assert result.partial and not result.cancelled
    assert [h.address for h in result.hosts] == ["198.18.0.10", "198.18.0.11"]
    assert "status 1" in result.error and "QUITTING!" in result.error and "truncated" in result.error
    assert gone(r.pid)


def test_runstats_error_with_exit_zero_is_still_reported(fake_nmap):
    nmap = fake_nmap([(DATA / "error-exit.xml").read_text()])
    result = NmapRunner(nmap_path=str(nmap)).run("198.18.0.1-2", "quick")
    assert result.partial and "pcap_open_live(eth9" in result.error and len(result.hosts) == 1


def test_output_that_is_not_xml(fake_nmap):
    nmap = fake_nmap(["Starting Nmap 7.93\nsomething else\n"])
    result = NmapRunner(nmap_path=str(nmap)).run("198.18.0.1", "quick")
    assert result.partial and "could not be read" in result.error


def test_warnings_of_a_successful_run_are_kept(fake_nmap):
    nmap = fake_nmap([(DATA / "loopback-quick.xml").read_text()], stderr='Failed to resolve "printer99".\n')
    result = NmapRunner(nmap_path=str(nmap)).run("127.0.0.1 printer99", "quick")
    assert not result.partial and result.warnings == ('Failed to resolve "printer99".',)


def test_cancel_keeps_the_hosts_so_far_and_leaves_no_process(fake_nmap):
    first, rest = split_after_hosts(LAN, 2)
    nmap = fake_nmap([first, rest], pause=30)
    seen: list[HostObservation] = []
    r = NmapRunner(nmap_path=str(nmap), grace_seconds=2)
    start = time.monotonic()
    result = r.run("198.18.0.0/27", "standard", on_host=seen.append, is_cancelled=lambda: len(seen) >= 2)
    assert time.monotonic() - start < 5
    assert result.partial and result.cancelled
    assert [h.address for h in result.hosts] == ["198.18.0.10", "198.18.0.11"]
    assert "2 host(s)" in result.error
    assert gone(r.pid)


def test_an_nmap_that_ignores_sigterm_is_killed(fake_nmap):
    nmap = fake_nmap([LAN[:300]], pause=30, ignore_term=True)
    r = NmapRunner(nmap_path=str(nmap), grace_seconds=0.5)
    start = time.monotonic()
    result = r.run("198.18.0.1", "quick", is_cancelled=lambda: time.monotonic() - start > 0.5)
    assert result.cancelled and time.monotonic() - start < 4
    assert gone(r.pid)


def test_an_exception_in_a_callback_stops_nmap_and_propagates(fake_nmap):
    first, rest = split_after_hosts(LAN, 1)
    nmap = fake_nmap([first, rest], pause=30)
    r = NmapRunner(nmap_path=str(nmap), grace_seconds=1)

    def explode(host):
        raise RuntimeError("the GUI went away")

    with pytest.raises(RuntimeError, match="the GUI went away"):
        r.run("198.18.0.1", "quick", on_host=explode)
    assert gone(r.pid)


def test_thread_reader_gives_the_same_result(fake_nmap, monkeypatch):
    monkeypatch.setattr(runner._PipeReader, "prefer_threads", True)  # how it reads on Windows
    first, rest = split_after_hosts(LAN, 3)
    nmap = fake_nmap([first, rest], pause=0.2, stderr="a warning\n")
    result = NmapRunner(nmap_path=str(nmap)).run("198.18.0.0/27", "quick")
    assert len(result.hosts) == 12 and not result.partial and result.warnings == ("a warning",)
    seen: list[HostObservation] = []
    nmap = fake_nmap([first, rest], pause=30, name="nmap-slow")
    r = NmapRunner(nmap_path=str(nmap), grace_seconds=1)
    result = r.run("198.18.0.0/27", "quick", on_host=seen.append, is_cancelled=lambda: len(seen) >= 3)
    assert result.cancelled and len(result.hosts) == 3 and gone(r.pid)


def test_many_targets_go_through_a_temporary_file(fake_nmap, tmp_path):
    import json

    nmap = fake_nmap([(DATA / "loopback-quick.xml").read_text()])
    targets = " ".join(f"198.18.{i // 250}.{i % 250 + 1}" for i in range(1500))
    result = NmapRunner(nmap_path=str(nmap)).run(targets, "quick")
    recorded = json.loads((tmp_path / "argv.txt").read_text())
    assert "-iL" in recorded["argv"] and len(recorded["listed"]) == 1500
    assert not Path(recorded["argv"][recorded["argv"].index("-iL") + 1]).exists()  # removed afterwards
    assert len(result.targets) == 1500
