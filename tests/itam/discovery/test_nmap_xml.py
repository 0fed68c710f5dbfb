"""The streaming nmap XML parser, against recorded loopback scans and hand-written LAN files."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from itam.discovery.model import HostObservation, Progress
from itam.discovery.nmap_xml import (
    IMPORTED_PROFILE,
    NmapXmlStream,
    iter_events,
    parse_bytes,
    parse_file,
    targets_from_args,
)
from itam.errors import ScanError

from .conftest import DATA, split_after_hosts

ROOT = Path(__file__).resolve().parents[3]


def by_address(result):
    return {h.address: h for h in result.hosts}


def test_lan_file_parses_every_field_an_asset_manager_needs():
    result = parse_file(DATA / "lan-mixed.xml")
    assert not result.partial and result.error is None
    assert result.profile == IMPORTED_PROFILE
    assert result.nmap_version == "7.93"
    assert result.targets == ("198.18.0.0/27",)
    assert result.command[:3] == ("nmap", "-oX", "-")
    assert result.privileged  # a SYN scan
    assert result.started == datetime(2026, 11, 23, 18, 53, 20)  # naive UTC, like the database
    assert result.ended == datetime(2026, 11, 23, 18, 54, 50)
    assert result.addresses_scanned == 32
    assert result.xml.startswith("<?xml") and "</nmaprun>" in result.xml
    hosts = by_address(result)
    assert len(result.hosts) == 12
    assert hosts["198.18.0.19"].state == "down"

    printer = hosts["198.18.0.10"]
    assert printer.state == "up" and printer.reason == "arp-response"
    assert printer.reply_ttl == 64  # arp-response carries no TTL: taken from the ports' SYN-ACKs
    assert printer.mac == "3c:d9:2b:11:22:33"
    assert printer.mac_vendor == "Hewlett Packard"
    assert not printer.mac_randomized
    assert printer.hostnames == ("NPI8A1B2C.office.example",)
    assert printer.uptime_seconds == 274321
    assert printer.distance == 1
    assert printer.started == datetime(2026, 11, 23, 18, 53, 22)
    http = next(s for s in printer.services if s.port == 80)
    assert (http.name, http.product, http.devicetype, http.method, http.conf) == (
        "http", "HP LaserJet M402dn printer http config", "printer", "probed", 10)
    assert http.cpes == ("cpe:/h:hp:laserjet_m402dn",)
    assert http.scripts[0][0] == "http-title" and http.scripts[0][1].startswith("HP LaserJet M402dn\n")
    assert next(s for s in printer.services if s.port == 443).tunnel == "ssl"
    snmp = next(s for s in printer.services if s.protocol == "udp" and s.port == 161)
    assert snmp.state == "open" and "JETDIRECT" in snmp.scripts[0][1]
    assert (9100, "tcp") in printer.open_ports and (5060, "udp") not in printer.open_ports
    (match,) = printer.os_matches
    assert (match.name, match.accuracy) == ("HP LaserJet M402dn printer", 100)
    assert (match.classes[0].type, match.classes[0].vendor, match.classes[0].family) == ("printer", "HP", "embedded")

    iphone = hosts["198.18.0.11"]
    assert iphone.mac == "da:a1:19:5e:6f:70" and iphone.mac_randomized and iphone.mac_vendor is None
    assert [c.generation for c in iphone.os_matches[0].classes] == ["15.X", "16.X"]
    assert iphone.os_matches[0].classes[1].cpes == ("cpe:/o:apple:iphone_os:16",)

    windows = hosts["198.18.0.12"]
    assert windows.reply_ttl == 128
    assert [sid for sid, _ in windows.host_scripts] == ["nbstat", "smb-os-discovery"]
    assert "NetBIOS name: DESKTOP-7K2M9QF" in windows.host_scripts[0][1]
    assert windows.services[0].ostype == "Windows"

    switch = hosts["198.18.0.14"]
    assert switch.reply_ttl == 255
    telnet = next(s for s in switch.services if s.port == 23)
    assert telnet.devicetype == "switch" and telnet.ostype == "IOS"
    assert next(s for s in switch.services if s.port == 22).cpes == ("cpe:/o:cisco:ios",)
    kerberos = next(s for s in hosts["198.18.0.13"].services if s.port == 88)
    assert kerberos.cpes == ("cpe:/a:microsoft:kerberos", "cpe:/o:microsoft:windows")


def test_stream_yields_each_host_as_its_closing_tag_arrives():
    data = (DATA / "lan-mixed.xml").read_text()
    head, tail = split_after_hosts(data, 1)
    stream = NmapXmlStream()
    first = stream.feed(head.encode())
    assert [type(e) for e in first] == [Progress, HostObservation]
    assert first[0] == Progress("ARP Ping Scan", 50.0, 1)
    assert first[1].address == "198.18.0.10"
    assert stream.run.version == "7.93" and stream.run.args.startswith("nmap ")
    assert stream.run.scan_types == ("syn/tcp", "udp/udp")
    rest = stream.feed(tail.encode()) + stream.close()
    assert sum(isinstance(e, HostObservation) for e in rest) == 11
    assert [e.task for e in rest if isinstance(e, Progress)] == ["Service scan", "Service scan", "NSE"]
    assert stream.complete and stream.run.exit == "success" and stream.run.hosts_total == 32


def test_tiny_chunks_give_the_same_events_as_one_piece():
    data = (DATA / "lan-mixed.xml").read_bytes()
    whole = NmapXmlStream()
    expected = whole.feed(data) + whole.close()
    stream = NmapXmlStream()
    events = []
    for i in range(0, len(data), 7):
        events += stream.feed(data[i : i + 7])
    events += stream.close()
    assert events == expected
    assert list(iter_events(iter([data[:1000], data[1000:]]))) == expected


def test_recorded_loopback_standard_scan():
    result = parse_file(DATA / "loopback-standard.xml")
    (host,) = result.hosts
    assert (host.address, host.state, host.reason) == ("127.0.0.1", "up", "localhost-response")
    assert host.reply_ttl == 64
    assert host.mac is None and host.hostnames == ()
    ports = {(s.port, s.protocol): s for s in host.services}
    assert {p for p, s in ports.items() if s.state == "open"} >= {(22, "tcp"), (445, "tcp"), (631, "tcp"),
                                                                    (3389, "tcp"), (9100, "tcp"), (62078, "tcp")}
    ssh = ports[(22, "tcp")]
    assert ssh.product == "OpenSSH" and ssh.ostype == "Linux" and len(ssh.cpes) == 2
    assert ports[(445, "tcp")].name == "tcpwrapped"
    assert ports[(9100, "tcp")].method == "table"
    assert result.command[-1] == "127.0.0.1" and result.targets == ("127.0.0.1",)


def test_recorded_loopback_os_scan_has_os_classes_progress_and_uptime():
    data = (DATA / "loopback-os.xml").read_bytes()
    stream = NmapXmlStream()
    events = stream.feed(data) + stream.close()
    assert any(isinstance(e, Progress) for e in events)
    (host,) = [e for e in events if isinstance(e, HostObservation)]
    assert host.os_matches and host.os_matches[0].accuracy >= 90
    assert host.os_matches[0].classes[0].family == "Linux"
    assert host.os_matches[0].classes[0].cpes[0].startswith("cpe:/o:linux:linux_kernel")
    assert host.uptime_seconds is not None
    assert host.distance == 0


def test_recorded_connect_scan_has_no_ttl_and_ignores_host_hints():
    result = parse_file(DATA / "loopback-connect.xml")
    (host,) = result.hosts  # the <hosthint> before it is not a host
    assert host.reason == "conn-refused"
    assert host.reply_ttl is None  # connect() sees no packets
    assert not result.privileged


def test_recorded_quick_sweep():
    (host,) = parse_file(DATA / "loopback-quick.xml").hosts
    assert host.state == "up" and host.services == ()


def test_truncated_file_keeps_the_hosts_before_the_break():
    result = parse_file(DATA / "truncated.xml")
    assert [h.address for h in result.hosts] == ["198.18.0.10", "198.18.0.11"]
    assert result.partial
    assert "truncated" in result.error and "truncated.xml" in result.error
    assert result.nmap_version == "7.93"


def test_runstats_error_marks_the_result_partial():
    result = parse_file(DATA / "error-exit.xml")
    assert len(result.hosts) == 1 and result.hosts[0].reply_ttl == 63
    assert result.partial
    assert "pcap_open_live(eth9" in result.error
    assert result.addresses_scanned == 2


def test_other_xml_is_refused_clearly():
    with pytest.raises(ScanError, match=r"not-nmap.xml: this is not nmap XML: its root element is <report>"):
        parse_file(DATA / "not-nmap.xml")


def test_text_output_is_refused_clearly():
    with pytest.raises(ScanError, match=r"normal-output.txt: this is not nmap XML \(syntax error at line 1"):
        parse_file(DATA / "normal-output.txt")


def test_empty_and_missing_files(tmp_path):
    empty = tmp_path / "empty.xml"
    empty.write_bytes(b"")
    with pytest.raises(ScanError, match="empty"):
        parse_file(empty)
    with pytest.raises(ScanError, match="cannot read"):
        parse_file(tmp_path / "nope.xml")


def test_malformed_xml_mid_file_keeps_the_earlier_hosts():
    data = (DATA / "lan-mixed.xml").read_text()
    head, tail = split_after_hosts(data, 2)
    result = parse_bytes((head + "<host><oops></host>" + tail).encode(), source="broken.xml")
    assert len(result.hosts) == 2
    assert result.partial and "malformed" in result.error and "broken.xml" in result.error


def test_missing_vendor_is_filled_from_the_oui_table_and_randomised_macs_get_none():
    xml = b"""<?xml version="1.0"?><nmaprun scanner="nmap" args="nmap -oX - 198.18.0.5" start="1" version="7.93">
    <host><status state="up" reason="arp-response" reason_ttl="0"/><address addr="198.18.0.5" addrtype="ipv4"/>
    <address addr="00:1B:A9:01:02:03" addrtype="mac"/></host>
    <host><status state="up" reason="arp-response" reason_ttl="0"/><address addr="198.18.0.6" addrtype="ipv4"/>
    <address addr="02:00:00:01:02:03" addrtype="mac" vendor="Should Not Stay"/></host>
    <host><status state="up" reason="user-set" reason_ttl="0"/><address addr="AA:BB:CC:DD:EE:00" addrtype="mac"/></host>
    </nmaprun>"""
    result = parse_bytes(xml)
    brother, randomised = result.hosts  # the host without an IP address is skipped
    assert "brother" in brother.mac_vendor.lower()
    assert randomised.mac_randomized and randomised.mac_vendor is None
    assert result.privileged  # ARP replies need root


def test_old_format_with_os_classes_beside_the_matches():
    xml = b"""<nmaprun scanner="nmap" args="nmap -O 198.18.0.7" start="1" version="5.21"><host>
    <status state="up"/><address addr="198.18.0.7" addrtype="ipv4"/>
    <os><osclass type="printer" vendor="HP" osfamily="embedded" accuracy="98"/>
    <osmatch name="HP LaserJet 4250" accuracy="98" line="1"/></os></host>
    <runstats><finished time="2" exit="success"/><hosts up="1" down="0" total="1"/></runstats></nmaprun>"""
    (host,) = parse_bytes(xml).hosts
    assert host.os_matches[0].classes[0].type == "printer"
    assert host.reply_ttl is None


def test_targets_are_recovered_from_the_command_line():
    assert targets_from_args("nmap -oX out.xml -p 22,80 --script http-title 198.18.0.0/24 printer01 -T4") == (
        "198.18.0.0/24", "printer01")
    assert targets_from_args("nmap -iL hosts.txt") == ()
    assert targets_from_args(None) == ()


def test_parsing_needs_neither_nmap_nor_python_nmap():
    code = (
        "import sys; from itam.discovery.nmap_xml import parse_file; "
        f"r = parse_file({str(DATA / 'lan-mixed.xml')!r}); assert len(r.hosts) == 12; "
        "assert 'nmap' not in sys.modules, 'python-nmap was imported'"
    )
    env = {**os.environ, "PATH": "/nonexistent"}
    env.pop("NMAPDIR", None)
    done = subprocess.run([sys.executable, "-c", code], check=False, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
