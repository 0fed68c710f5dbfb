"""pytest fixtures for the network-namespace lab: ``lab`` (one host of each profile), ``lab50`` (50 hosts) and
``audit_lab`` (real snmpd and sshd devices for the audit tests; needs no nmap).

Enable everywhere with ``pytest_plugins = ["tests.lab.plugin"]`` in tests/conftest.py, or for one run with
``python -m pytest -p tests.lab.plugin``. The fixtures are module-scoped and address 198.18.0.0/24, so a
test module uses only one of them. They skip, saying why, when the machine cannot host a lab
(not root, no iproute2, no nmap, namespaces forbidden, another lab busy for too long).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest

from tests.lab import netlab


def _build(profiles: Sequence[str]) -> Iterator[netlab.Lab]:
    reason = netlab.unavailable_reason(need_nmap=True)
    if reason:
        pytest.skip(f"network lab unavailable: {reason}")
    try:
        lab = netlab.Lab().start()
    except netlab.LabUnavailable as exc:
        pytest.skip(f"network lab unavailable: {exc}")
    with lab:
        lab.add_hosts(profiles)
        yield lab


@pytest.fixture(scope="module")
def lab() -> Iterator[netlab.Lab]:
    """A running lab with one host of each profile (printer, Windows desktop, Linux server, switch, iPhone,
    VoIP phone, camera, NAS, VM) at 198.18.0.2-10; ``lab.hosts`` says what each one should look like."""
    yield from _build(netlab.SMALL_LAB)


@pytest.fixture(scope="module")
def lab50() -> Iterator[netlab.Lab]:
    """A running lab of 50 hosts: one of each profile, then SSH-only filler hosts (198.18.0.2-51)."""
    yield from _build(netlab.bench_profiles(50))


@pytest.fixture(scope="module")
def audit_lab():
    """Real audit targets in the lab (tests/lab/audit_lab.py), one of each kind: snmpd as a Cisco switch and as
    an HP printer, OpenSSH with fake dmidecode/lsblk, a host with both, a hostile host, a host that drops the
    connection mid-audit, one that hangs up after its greeting, and a silent one. Module-scoped; it uses
    198.18.0.0/24 like ``lab``, so a module uses one of them. Skips, saying why, without root, iproute2,
    snmpd or sshd (``scripts/system-deps.sh test`` installs them)."""
    from tests.lab import audit_lab as devices

    reason = devices.unavailable_reason()
    if reason:
        pytest.skip(f"audit lab unavailable: {reason}")
    try:
        lab = netlab.Lab().start()
    except netlab.LabUnavailable as exc:
        pytest.skip(f"audit lab unavailable: {exc}")
    with lab, devices.build(lab, devices.KINDS) as audit:
        yield audit
