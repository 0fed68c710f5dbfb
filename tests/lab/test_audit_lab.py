"""Credentialed audits against real devices in the namespace lab: Debian's snmpd and OpenSSH server.

The ``audit_lab`` fixture (tests/lab/plugin.py, devices in tests/lab/audit_lab.py) builds one host of each
kind; every test here audits them over the lab network, as the product would after a scan.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

import pytest

from itam.audit.facts import SnmpV2cCredential, SnmpV3Credential, SshCredential
from itam.audit.pool import plan_audits, run_audits
from itam.audit.snmp import audit_snmp
from itam.audit.ssh import audit_ssh
from itam.errors import (
    AuditAuthError,
    AuditHostKeyError,
    AuditTimeoutError,
    AuditUnreachableError,
)
from tests.lab import audit_lab as devices

V2C = SnmpV2cCredential(devices.COMMUNITY)
V3 = SnmpV3Credential(devices.V3_USER, "SHA", devices.V3_AUTH_KEY, "AES", devices.V3_PRIV_KEY)


@pytest.fixture
def known_hosts(tmp_path) -> Path:
    return tmp_path / "known_hosts"


@pytest.fixture
def key(audit_lab) -> SshCredential:
    return SshCredential(devices.SSH_USER, private_key_pem=audit_lab.user_key)


# --- SNMP -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("credential", [V2C, V3], ids=["v2c", "v3-authPriv-SHA-AES"])
def test_snmp_names_the_switch_its_serial_and_interfaces(audit_lab, credential):
    switch = audit_lab.host("switch")
    facts = audit_snmp(switch.address, credential, timeout=10)
    truth = switch.snmp
    assert facts.method == "snmp" and facts.address == switch.address
    assert (facts.manufacturer, facts.model, facts.serial) == ("Cisco", truth.model, truth.serial)
    assert (facts.sys_descr, facts.sys_object_id, facts.hostname) == (truth.sys_descr, truth.sys_object_id,
                                                                      truth.sys_name)
    assert [(i.name, i.mac) for i in facts.interfaces] == [("eth0", switch.host.mac)]  # lo has no MAC: skipped
    assert facts.software == () and facts.printer_page_count is None and facts.warnings == ()


@pytest.mark.parametrize("credential", [V2C, V3], ids=["v2c", "v3"])
def test_snmp_reads_the_printers_serial_and_page_counter(audit_lab, credential):
    printer = audit_lab.host("printer")
    facts = audit_snmp(printer.address, credential, timeout=10)
    assert (facts.manufacturer, facts.model, facts.serial) == ("HP", printer.snmp.model, printer.snmp.serial)
    assert facts.printer_page_count == printer.snmp.page_count
    assert facts.sys_object_id == "1.3.6.1.4.1.11.2.3.9.1"


def test_snmp_of_a_linux_server_lists_its_software_and_names_no_maker(audit_lab):
    server = audit_lab.host("both")
    facts = audit_snmp(server.address, V3, timeout=15)
    assert facts.manufacturer is None  # net-snmp's own enterprise number names the agent, not the hardware
    assert facts.sys_object_id.startswith("1.3.6.1.4.1.8072.") and facts.hostname == server.snmp.sys_name
    assert facts.ram_mb and facts.ram_mb > 0 and facts.cpu_cores and facts.cpu_cores >= 1
    assert len(facts.software) > 50 and any(s.name == "bash" for s in facts.software)
    assert any("no serial number or model" in w for w in facts.warnings)


def test_a_wrong_community_gets_a_clear_error_quickly(audit_lab):
    started = time.monotonic()
    with pytest.raises(AuditTimeoutError, match="wrong community"):
        audit_snmp(audit_lab.host("switch").address, SnmpV2cCredential("not-the-community"), timeout=3)
    assert time.monotonic() - started < 3


@pytest.mark.parametrize("credential, message", [
    (SnmpV3Credential(devices.V3_USER, "SHA", "wrong-auth-key", "AES", devices.V3_PRIV_KEY), "authentication key"),
    (SnmpV3Credential("intruder", "SHA", devices.V3_AUTH_KEY, "AES", devices.V3_PRIV_KEY), "does not know"),
])
def test_wrong_snmpv3_credentials_are_refused(audit_lab, credential, message):
    with pytest.raises(AuditAuthError, match=message):
        audit_snmp(audit_lab.host("printer").address, credential, timeout=5)


def test_two_snmpv3_credentials_with_one_user_name_do_not_mix(audit_lab):
    """The wrong key and the right key of the same user name, audited at the same time, each get their own
    answer (an SNMP engine keeps one key per user name: the audits must not share one)."""
    from concurrent.futures import ThreadPoolExecutor

    wrong = SnmpV3Credential(devices.V3_USER, "SHA", "wrong-auth-key", "AES", devices.V3_PRIV_KEY)
    targets = [h.address for h in audit_lab.hosts if h.snmp is not None]

    def audit(args):
        address, credential = args
        try:
            return audit_snmp(address, credential, timeout=5).serial or "ok"
        except AuditAuthError:
            return "refused"

    jobs = [(address, credential) for address in targets for credential in (wrong, V3, wrong, V3)]
    with ThreadPoolExecutor(len(jobs)) as pool:
        results = list(pool.map(audit, jobs))
    assert [r == "refused" for r in results] == [c is wrong for _, c in jobs]


def test_a_silent_snmp_host_times_out_within_the_timeout(audit_lab):
    started = time.monotonic()
    with pytest.raises(AuditTimeoutError):
        audit_snmp(audit_lab.host("silent").address, V3, timeout=3)
    assert time.monotonic() - started < 3 + 1


# --- SSH --------------------------------------------------------------------------------------------------------

def _local(path: str, pattern: str) -> str:
    match = re.search(pattern, Path(path).read_text(), re.MULTILINE)
    return match.group(1).strip().strip('"') if match else ""


def _local_cores() -> int:
    """Physical cores of this machine as /proc/cpuinfo lists them (distinct physical id and core id), else the
    processors it lists."""
    blocks = [dict(line.split(":", 1) for line in block.splitlines() if ":" in line)
              for block in Path("/proc/cpuinfo").read_text().split("\n\n") if block.strip()]
    blocks = [{k.strip(): v.strip() for k, v in b.items()} for b in blocks if "processor" in {k.strip() for k in b}]
    cores = {(b["physical id"], b["core id"]) for b in blocks if "physical id" in b and "core id" in b}
    return len(cores) or len(blocks)


def test_ssh_gives_the_servers_identity_hardware_os_disks_and_packages(audit_lab, key, known_hosts):
    server = audit_lab.host("ssh")
    facts = audit_ssh(server.address, key, timeout=20, known_hosts=known_hosts)
    truth = server.ssh
    assert facts.method == "ssh" and facts.warnings == ()
    assert (facts.manufacturer, facts.model, facts.serial, facts.uuid) == (
        truth.manufacturer, truth.model, truth.serial, truth.uuid)
    assert facts.hostname == truth.hostname
    # The rest is the real machine the lab runs on.
    assert facts.os_name == _local("/etc/os-release", r"^NAME=(.*)$")
    assert facts.os_version == _local("/etc/os-release", r"^VERSION_ID=(.*)$")
    uname = os.uname()
    assert facts.kernel == f"{uname.sysname} {uname.release} {uname.machine}"
    assert facts.cpu_model == " ".join(_local("/proc/cpuinfo", r"^model name\s*:(.*)$").split())
    assert facts.cpu_cores == _local_cores()
    assert facts.ram_mb == int(_local("/proc/meminfo", r"^MemTotal:\s*(\d+)")) // 1024
    assert [(d.model, d.serial, d.size_gb, d.media_type, d.interface) for d in facts.disks] == [
        (d.model, d.serial, round(d.size_bytes / 1e9, 1), d.media_type, d.transport) for d in truth.disks]
    installed = subprocess.run(["dpkg-query", "-W", "-f", "${db:Status-Abbrev} ${binary:Package}\\n"],
                               capture_output=True, text=True, check=True).stdout.splitlines()
    expected = {line.split()[-1] for line in installed if line.startswith("ii")}
    assert {s.name for s in facts.software} == expected
    # accept-new: the host key is now recorded, in OpenSSH's format
    assert known_hosts.read_text().split() == [server.address, *truth.host_key.split()[:2]]


def test_ssh_password_login_works_and_a_wrong_password_or_key_is_refused(audit_lab, known_hosts):
    server = audit_lab.host("ssh")
    facts = audit_ssh(server.address, SshCredential(devices.SSH_USER, password=audit_lab.password), timeout=20,
                      known_hosts=known_hosts)
    assert facts.serial == server.ssh.serial
    with pytest.raises(AuditAuthError, match="refused the SSH login of 'itamaudit'"):
        audit_ssh(server.address, SshCredential(devices.SSH_USER, password="not-the-password"), timeout=10,
                  known_hosts=known_hosts)
    stranger, _ = devices._ed25519()
    with pytest.raises(AuditAuthError):
        audit_ssh(server.address, SshCredential(devices.SSH_USER, private_key_pem=stranger), timeout=10,
                  known_hosts=known_hosts)


def test_a_changed_host_key_is_refused_before_logging_in(audit_lab, key, known_hosts):
    server = audit_lab.host("ssh")
    _, impostor = devices._ed25519()
    known_hosts.write_text(f"{server.address} {impostor}\n")
    with pytest.raises(AuditHostKeyError, match="has changed"):
        audit_ssh(server.address, key, timeout=10, known_hosts=known_hosts)
    assert known_hosts.read_text() == f"{server.address} {impostor}\n"  # never overwritten


def test_a_silent_ssh_host_times_out_within_the_timeout(audit_lab, key, known_hosts):
    started = time.monotonic()
    with pytest.raises(AuditTimeoutError, match="sent no SSH greeting"):
        audit_ssh(audit_lab.host("silent").address, key, timeout=3, known_hosts=known_hosts)
    assert time.monotonic() - started < 3 + 1


def test_a_host_that_hangs_up_after_its_greeting(audit_lab, key, known_hosts):
    with pytest.raises(AuditUnreachableError, match="closed the connection during the SSH handshake"):
        audit_ssh(audit_lab.host("drop_banner").address, key, timeout=10, known_hosts=known_hosts)


def test_a_host_that_drops_the_connection_mid_audit(audit_lab, key, known_hosts):
    with pytest.raises(AuditUnreachableError, match=r"dropped the SSH connection during the audit \(after \d+ commands"):
        audit_ssh(audit_lab.host("drop_mid").address, key, timeout=15, known_hosts=known_hosts)


def test_hostile_output_gives_sanitised_facts_and_warnings(audit_lab, key, known_hosts):
    facts = audit_ssh(audit_lab.host("hostile").address, key, timeout=20, known_hosts=known_hosts)
    assert facts.manufacturer == "Evil Corp"
    assert len(facts.model) == 256 and set(facts.model) <= {"M", "…"}
    assert facts.serial == "HX-7741" and facts.uuid is None
    assert facts.disks == () and len(facts.software) == 5000
    for text in [facts.manufacturer, facts.model, facts.serial, *(s.name for s in facts.software)]:
        assert text.isprintable() and "\x1b" not in text
    warnings = " | ".join(facts.warnings)
    assert "lsblk's output is not valid JSON" in warnings and "more than 5000 installed packages" in warnings
    assert "printed more than the audit reads" in warnings


# --- many hosts at once -------------------------------------------------------------------------------------------

def test_one_run_over_every_host_reports_each_one_and_failures_do_not_stop_the_rest(audit_lab, known_hosts):
    credentials = [
        ("lab-v3", "snmp_v3", [audit_lab.lab.network], V3),
        ("lab-ssh", "ssh", [audit_lab.lab.network], SshCredential(devices.SSH_USER, private_key_pem=audit_lab.user_key)),
    ]
    hosts = [(h.address, set(h.tcp_ports), set(h.udp_ports)) for h in audit_lab.hosts]
    hosts.append(("198.18.0.250", {80}, set()))  # nothing to audit there
    tasks = plan_audits(hosts, credentials)
    progress = []
    started = time.monotonic()
    outcomes = run_audits(tasks, max_workers=16, timeout=4, known_hosts=known_hosts,
                          progress=lambda done, total: progress.append(done))
    wall = time.monotonic() - started
    result = {(audit_lab_kind(audit_lab, o.address), o.method): (o.ok, o.error_kind) for o in outcomes}
    assert result == {
        ("switch", "snmp"): (True, None), ("printer", "snmp"): (True, None), ("ssh", "ssh"): (True, None),
        ("both", "ssh"): (True, None), ("both", "snmp"): (True, None), ("hostile", "ssh"): (True, None),
        ("drop_mid", "ssh"): (False, "unreachable"), ("drop_banner", "ssh"): (False, "unreachable"),
        ("silent", "ssh"): (False, "timeout"), ("silent", "snmp"): (False, "timeout"),
        (None, None): (False, "skipped"),
    }
    assert wall < 4 + 3, wall  # the silent host's timeout, not the sum of everyone's
    assert progress[-1] == len(tasks)
    ok = {o.address: o for o in outcomes if o.ok and o.method == "ssh"}
    assert ok[audit_lab.host("both").address].facts.serial == audit_lab.host("both").ssh.serial
    skipped = next(o for o in outcomes if o.address == "198.18.0.250")
    assert skipped.error == "no SSH, WinRM or SNMP port open on 198.18.0.250"


def audit_lab_kind(audit_lab, address):
    return next((h.kind for h in audit_lab.hosts if h.address == address), None)
