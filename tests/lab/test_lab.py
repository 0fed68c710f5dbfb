"""The network lab itself: every host answers nmap as its profile says, and no lab outlives its run."""

from __future__ import annotations

import os
import selectors
import signal
import socket
import subprocess
import sys
import time
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.lab import netlab

REPO = Path(__file__).resolve().parents[2]
SCANNED = {int(p) for p in netlab.SCAN_PORTS.split(",")}


def _require_lab_machine() -> None:
    reason = netlab.unavailable_reason(need_nmap=False)
    if reason:
        pytest.skip(f"network lab unavailable: {reason}")


def _system_state() -> dict[str, list[str]]:
    """Lab-looking things on this machine, read with plain `ip`, independently of netlab's own bookkeeping."""
    ip = netlab.ip_binary()

    def run(*args: str) -> list[str]:
        out = subprocess.run([ip, *args], capture_output=True, text=True, check=True).stdout
        return [line.strip() for line in out.splitlines() if line.strip()]

    links = [line.split(":", 2)[1].strip().split("@")[0] for line in run("-o", "link", "show")]
    return {
        "netns": [line.split()[0] for line in run("netns", "list") if line.startswith("itam-")],
        "links": [name for name in links if name.startswith(("itambr", "itv"))],
        "routes": [line for line in run("-4", "route", "show", "table", "all") if "198.18." in line],
        "addresses": run("-4", "-o", "addr", "show", "to", "198.18.0.0/15"),
    }


NOTHING = {"netns": [], "links": [], "routes": [], "addresses": []}


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    return state == "Z"  # exited; a container's init may be slow to reap it


def _parse(xml: str) -> dict[str, dict]:
    hosts = {}
    for host in ET.fromstring(xml).iter("host"):
        addresses = {a.get("addrtype"): a for a in host.iter("address")}
        ports = {
            int(p.get("portid")): p.find("state")
            for p in host.iter("port") if p.get("protocol") == "tcp"
        }
        hosts[addresses["ipv4"].get("addr")] = {
            "state": host.find("status").get("state"),
            "mac": addresses["mac"].get("addr").lower() if "mac" in addresses else None,
            "vendor": addresses["mac"].get("vendor") if "mac" in addresses else None,
            "open": {port for port, state in ports.items() if state.get("state") == "open"},
            "ttl": {port: int(state.get("reason_ttl")) for port, state in ports.items()
                    if state.get("state") == "open"},
        }
    return hosts


def _talk(address: str, port: int, send: bytes = b"", wait_for: bytes = b"") -> bytes:
    with socket.create_connection((address, port), timeout=5) as sock:
        if send:
            sock.sendall(send)
        data = b""
        while not data or (wait_for and wait_for not in data):
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
        return data


def test_nmap_command_only_targets_the_lab():
    lab = netlab.Lab()  # not started: building the command needs no root
    for bad in ("10.0.0.1", "192.168.1.0/24", "198.18.1.7", "198.18.0.2-9", "scanme.nmap.org", "::1", "-iL", "-iR"):
        with pytest.raises(netlab.LabError):
            lab.nmap_command("-sS", bad)
    if netlab.nmap_binary() is None:
        pytest.skip("nmap is not installed")
    command = lab.nmap_command("-sS", "-p", netlab.SCAN_PORTS, "198.18.0.5")
    assert command[1:4] == ["-n", "-e", lab.bridge]
    assert command[-5:] == ["--exclude", netlab.GATEWAY, "-oX", "-", "198.18.0.0/24"]


# The next three tests build their own labs. Keep them before the tests that use the module's `lab` fixture:
# only one lab exists at a time, and the fixture's lab lives until the end of this module.

def test_teardown_leaves_nothing_behind():
    _require_lab_machine()
    assert _system_state() == NOTHING, "leftovers from an earlier run: call netlab.cleanup_stale()"
    with netlab.Lab() as lab:
        hosts = lab.add_hosts(["printer", "switch"])
        pids = lab.listener_pids()
        state = _system_state()
        assert {h.namespace for h in hosts} <= set(state["netns"])
        assert lab.bridge in state["links"]
        assert any(r.startswith("blackhole 198.18.0.0/15") for r in state["routes"])
        assert any(f"{netlab.GATEWAY}/24" in a for a in state["addresses"])
    assert _system_state() == NOTHING
    assert netlab.leftovers() == []
    assert all(_gone(pid) for pid in pids)


def test_teardown_when_the_test_fails():
    _require_lab_machine()
    with pytest.raises(RuntimeError, match="test failed"), netlab.Lab() as lab:
        lab.add_host("vm", 77)
        assert lab.host(77).address == "198.18.0.77"
        raise RuntimeError("test failed")
    assert _system_state() == NOTHING


CHILD = """
import time
from tests.lab import netlab
lab = netlab.Lab(lock_timeout=60).start()
lab.add_hosts(["printer", "vm"])
print("UP", *lab.listener_pids(), flush=True)
time.sleep(300)
"""


def test_cleanup_stale_after_a_killed_run():
    _require_lab_machine()
    child = subprocess.Popen([sys.executable, "-c", CHILD], cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        with selectors.DefaultSelector() as selector:
            selector.register(child.stdout, selectors.EVENT_READ)
            assert selector.select(60), "the child's lab did not come up"
        line = child.stdout.readline()
        assert line.startswith("UP"), line
        pids = [int(pid) for pid in line.split()[1:]]
    finally:
        child.send_signal(signal.SIGKILL)  # no finalizer, no atexit: what a crashed CI job leaves
        child.wait()
        child.stdout.close()

    left = netlab.leftovers()
    assert any(item.startswith("netns ") for item in left)
    assert any(item.startswith("route ") for item in left)
    deadline = time.monotonic() + 10
    while not all(_gone(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert all(_gone(pid) for pid in pids), "listeners must exit when the process that started them dies"

    removed = netlab.cleanup_stale()
    assert {item for item in left} <= set(removed)
    assert netlab.leftovers() == []
    assert _system_state() == NOTHING


# From here on: the module's `lab` (one host of each profile).

def test_host_records(lab):
    hosts = lab.hosts
    assert [h.address for h in hosts] == [f"198.18.0.{i}" for i in range(2, 2 + len(netlab.SMALL_LAB))]
    assert [h.profile for h in hosts] == list(netlab.SMALL_LAB)
    assert len({h.mac for h in hosts}) == len(hosts)
    assert all(h.vendor for h in hosts), "every profile's OUI must be in nmap-mac-prefixes"
    assert not any(int(h.mac[:2], 16) & 0x02 for h in hosts), "vendor MACs are globally administered"
    categories = tomllib.loads((REPO / "resources" / "categories.toml").read_text(encoding="utf-8"))
    keys = {c["key"] for c in categories["category"]}
    assert {h.category for h in hosts} <= keys
    assert len({h.category for h in hosts}) == len(hosts)


def test_nmap_sees_every_host_with_mac_vendor_and_ports(lab):
    seen = _parse(lab.run_nmap("-sS", "-p", netlab.SCAN_PORTS))
    assert set(seen) == {h.address for h in lab.hosts}
    for host in lab.hosts:
        found = seen[host.address]
        assert found["state"] == "up", host
        assert found["mac"] == host.mac, host
        assert found["vendor"] == host.vendor, host
        assert found["open"] == set(host.tcp_ports) & SCANNED, host
        assert set(found["ttl"].values()) == {host.ttl}, host


def test_ping_sweep_finds_every_host(lab):
    seen = _parse(lab.run_nmap(*netlab.QUICK_OPTIONS))
    assert {a: (h["state"], h["mac"]) for a, h in seen.items()} == {
        h.address: ("up", h.mac) for h in lab.hosts
    }


def test_listeners_speak_their_protocols(lab):
    server, switch, printer = lab.host("linux_server"), lab.host("switch"), lab.host("printer")
    camera, phone = lab.host("camera"), lab.host("voip_phone")

    assert _talk(server.address, 22, wait_for=b"\n") == b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"
    page = _talk(server.address, 80, b"GET / HTTP/1.0\r\n\r\n")
    assert page.startswith(b"HTTP/1.0 200 OK\r\n")
    assert b"\r\nServer: nginx/1.22.1\r\n" in page and b"<title>Welcome to nginx!</title>" in page

    telnet = _talk(switch.address, 23, wait_for=b"Username: ")
    assert telnet.startswith(b"\xff\xfb\x01") and telnet.endswith(b"User Access Verification\r\n\r\nUsername: ")
    assert b'realm="level 15 access"' in _talk(switch.address, 80, b"GET / HTTP/1.0\r\n\r\n")

    assert b"LaserJet" in _talk(printer.address, 80, b"GET / HTTP/1.0\r\n\r\n")
    assert _talk(printer.address, 631, b"GET / HTTP/1.0\r\n\r\n").startswith(b"HTTP/1.1 505 ")
    assert _talk(camera.address, 554, b"OPTIONS / RTSP/1.0\r\nCSeq: 1\r\n\r\n").startswith(b"RTSP/1.0 200 OK\r\n")
    sip = _talk(phone.address, 5060, b"OPTIONS sip:nm SIP/2.0\r\nCSeq: 42 OPTIONS\r\n\r\n")
    assert sip.startswith(b"SIP/2.0 200 OK\r\n") and b"\r\nCSeq: 42 OPTIONS\r\n" in sip

    # nmap's SNMPv1public probe (GetRequest sysName.0, community public) and the get of sysDescr.0
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        udp.settimeout(5)
        udp.sendto(SNMP_GET_SYSNAME, (switch.address, 161))
        answer = udp.recv(2048)
        assert answer[0] == 0x30 and b"\x04\x06public\xa2" in answer and answer.endswith(b"sw-floor2")
        udp.sendto(SNMP_GET_SYSDESCR, (switch.address, 161))
        assert b"Cisco IOS Software, C2960" in udp.recv(2048)


SNMP_GET_SYSNAME = (
    b"0\x82\0/\x02\x01\0\x04\x06public\xa0\x82\0\x20\x02\x04\x4c\x33\xa7\x56\x02\x01\0\x02\x01\0"
    b"\x30\x82\0\x10\x30\x82\0\x0c\x06\x08\x2b\x06\x01\x02\x01\x01\x05\0\x05\0"
)
SNMP_GET_SYSDESCR = SNMP_GET_SYSNAME.replace(b"\x2b\x06\x01\x02\x01\x01\x05\0", b"\x2b\x06\x01\x02\x01\x01\x01\0")


def test_reply_ttl_follows_the_profile(lab):
    by_profile = {h.profile: h.ttl for h in lab.hosts}
    assert by_profile["windows_desktop"] == 128
    assert by_profile["switch"] == 255
    assert by_profile["linux_server"] == 64
    assert os.path.exists(f"/run/netns/{lab.host('switch').namespace}")
