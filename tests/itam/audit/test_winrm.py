"""WinRM audits against recorded Windows answers, replayed over real HTTP on 127.0.0.1 (winrm_replay.py):
pywinrm's transport and WS-Man handling run, then the parsing."""

from __future__ import annotations

import json
import time

import pytest

from itam.audit.facts import WinRmCredential
from itam.audit.winrm import SCRIPT, audit_winrm, encoded_command, parse_inventory
from itam.errors import AuditAuthError, AuditProtocolError, AuditTimeoutError, AuditUnreachableError, ValidationError
from tests.itam.audit.winrm_replay import PASSWORD, USER, Replay, recording


def _credential(replay: Replay, password: str = PASSWORD, transport: str = "basic") -> WinRmCredential:
    # The replayer's certificate is self-signed, as a WinRM HTTPS listener's often is.
    return WinRmCredential(USER, password, transport=transport, port=replay.port, https=True, verify_certificate=False)


def test_a_windows_11_desktop_gives_make_model_serial_disks_and_software():
    with Replay(recording("desktop_win11_dell.json"), chunk=1500) as replay:
        facts = audit_winrm("127.0.0.1", _credential(replay), timeout=20)
    assert (facts.method, facts.address) == ("winrm", "127.0.0.1")
    assert (facts.manufacturer, facts.model, facts.serial) == ("Dell Inc.", "OptiPlex 7090", "9XK3Q53")
    assert facts.uuid == "4c4c4544-0058-4b10-8033-b9c04f513533"
    assert facts.hostname == "DESKTOP-7Q2K9LM"
    assert (facts.os_name, facts.os_version) == ("Microsoft Windows 11 Pro", "10.0.22631")
    assert facts.kernel == "Windows NT 10.0.22631 (build 22631)"
    assert facts.cpu_model.startswith("11th Gen Intel(R) Core(TM) i7-11700") and facts.cpu_cores == 8
    assert facts.ram_mb == 17014628352 // 2**20
    nvme, hdd, usb = facts.disks
    assert (nvme.media_type, nvme.interface, nvme.serial) == ("nvme", "nvme", "E823_8FA6_BF53_0001_001B_448B_4A1E_9E5F.")
    assert (hdd.media_type, hdd.serial, hdd.size_gb) == ("hdd", "ZN1ABC2D", 1000.2)  # padding removed
    assert (usb.media_type, usb.interface) == ("usb_flash", "usb")
    assert [i.mac for i in facts.interfaces] == ["b0:7b:25:1a:2b:3c", "3c:58:c2:4d:5e:6f"]
    names = [s.name for s in facts.software]
    assert len(names) == 22 and names.count("Microsoft Edge") == 1  # listed under both registry keys
    assert ("微信", "3.9.8.25", "腾讯科技(深圳)有限公司") in [(s.name, s.version, s.vendor) for s in facts.software]
    assert facts.warnings == ()
    # The whole shell exchange ran, several Receives for the chunked output, and the shell was cleaned up.
    assert replay.actions[:2] == ["Create", "Command"] and replay.actions[-2:] == ["Signal", "Delete"]
    assert replay.actions.count("Receive") >= 3


def test_powershell_5_output_with_bare_objects_and_numbers_as_text():
    with Replay(recording("server2022_hpe.json")) as replay:
        facts = audit_winrm("127.0.0.1", _credential(replay), timeout=20)
    assert (facts.manufacturer, facts.model, facts.serial) == ("HPE", "ProLiant DL380 Gen10", "CZJ93206KL")
    assert facts.cpu_cores == 32 and facts.ram_mb == 137326465024 // 2**20
    [disk] = facts.disks
    # A RAID logical volume: its placeholder serial is dropped; Get-PhysicalDisk says SSD behind RAID.
    assert (disk.serial, disk.media_type, disk.interface, disk.size_gb) == (None, "ssd", "raid", 1920.0)
    assert [s.name for s in facts.software] == ["HPE Agentless Management Service"]
    assert len(facts.interfaces) == 2


def test_hostile_output_is_sanitised_never_a_crash():
    with Replay(recording("hostile.json")) as replay:
        facts = audit_winrm("127.0.0.1", _credential(replay), timeout=20)
    assert facts.manufacturer == "Evil Corp"
    assert len(facts.model) == 256 and facts.model.endswith("…")
    assert facts.hostname == "HOSTNAME"
    assert facts.serial is None and any("placeholder" in w for w in facts.warnings)
    assert facts.uuid is None and facts.os_name is None and facts.cpu_cores is None and facts.ram_mb is None
    [disk] = facts.disks
    assert (disk.model, disk.serial, disk.size_gb, disk.media_type) == ("XY", "SN-123", None, "other")
    assert [i.mac for i in facts.interfaces] == ["00:15:5d:01:02:03"]
    assert len(facts.software) == 40
    for item in facts.software:
        for text in (item.name, item.version or "", item.vendor or ""):
            assert text.isprintable() and "\x1b" not in text and "\u202e" not in text
    assert facts.software[1].version is None  # a list where text belongs
    assert facts.software[2].vendor == "42"  # a number is kept as text


def test_a_refused_login_is_the_recorded_401():
    with Replay(recording("desktop_win11_dell.json")) as replay:
        with pytest.raises(AuditAuthError, match="refused the WinRM login"):
            audit_winrm("127.0.0.1", _credential(replay, password="wrong"), timeout=10)
    assert replay.unauthorized >= 1 and replay.actions == []


def test_ntlm_against_a_server_that_refuses_it_is_an_auth_error():
    with Replay(recording("desktop_win11_dell.json")) as replay:
        with pytest.raises(AuditAuthError, match="refused the WinRM login"):
            audit_winrm("127.0.0.1", _credential(replay, password="wrong", transport="ntlm"), timeout=10)


def test_access_denied_fault_is_an_auth_error():
    with Replay(recording("desktop_win11_dell.json"), mode="fault") as replay:
        with pytest.raises(AuditAuthError, match="Access is denied"):
            audit_winrm("127.0.0.1", _credential(replay), timeout=10)


@pytest.mark.parametrize("mode", ["garbled", "huge", "huge_chunked"])
def test_garbled_and_huge_answers_are_protocol_errors(mode):
    with Replay(recording("desktop_win11_dell.json"), mode=mode) as replay:
        started = time.monotonic()
        with pytest.raises(AuditProtocolError):
            audit_winrm("127.0.0.1", _credential(replay), timeout=10)
    assert time.monotonic() - started < 10


def test_a_truncated_answer_is_a_protocol_error():
    payload = recording("desktop_win11_dell.json")[:1000]
    with Replay(payload) as replay, pytest.raises(AuditProtocolError, match="did not print valid JSON"):
        audit_winrm("127.0.0.1", _credential(replay), timeout=10)


def test_an_empty_answer_says_what_powershell_wrote_on_stderr():
    clixml = (b'#< CLIXML\r\n<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">'
              b'<S S="Error">Get-CimInstance : Access denied _x000D__x000A_</S></Objs>')
    with Replay(b"", stderr=clixml) as replay:
        with pytest.raises(AuditProtocolError, match="printed nothing: Get-CimInstance : Access denied"):
            audit_winrm("127.0.0.1", _credential(replay), timeout=10)


def test_a_dropped_connection_is_unreachable():
    with Replay(recording("desktop_win11_dell.json"), mode="drop") as replay, pytest.raises(AuditUnreachableError):
        audit_winrm("127.0.0.1", _credential(replay), timeout=10)


def test_a_host_that_stops_answering_times_out_within_the_timeout():
    with Replay(recording("desktop_win11_dell.json"), mode="silent") as replay:
        started = time.monotonic()
        with pytest.raises(AuditTimeoutError):
            audit_winrm("127.0.0.1", _credential(replay), timeout=3)
        assert time.monotonic() - started < 3 + 3


def test_nothing_listening_is_unreachable():
    with Replay(b"{}") as replay:
        port = replay.port
    with pytest.raises(AuditUnreachableError, match="refused the connection"):
        audit_winrm("127.0.0.1", WinRmCredential(USER, PASSWORD, transport="ntlm", port=port), timeout=5)


def test_an_untrusted_certificate_is_refused_unless_the_credential_accepts_it():
    with Replay(recording("desktop_win11_dell.json")) as replay:
        strict = WinRmCredential(USER, PASSWORD, transport="basic", port=replay.port, https=True)
        with pytest.raises(AuditProtocolError, match="TLS certificate"):
            audit_winrm("127.0.0.1", strict, timeout=10)
    assert replay.actions == []


def test_basic_authentication_over_plain_http_is_refused():
    with pytest.raises(ValidationError, match="password readable over HTTP"):
        WinRmCredential(USER, PASSWORD, transport="basic")


def test_the_script_is_short_enough_for_a_command_line_and_read_only():
    assert len("powershell.exe -NoProfile -NonInteractive -EncodedCommand " + encoded_command()) < 8000
    for verb in ("Set-", "Remove-", "New-Item", "Invoke-", "Start-", "Stop-", "Restart-", "Out-File", "iex"):
        assert verb.lower() not in SCRIPT.lower()


def test_parse_inventory_refuses_what_is_not_the_scripts_json():
    with pytest.raises(AuditProtocolError):
        parse_inventory(b"[1, 2, 3]", "198.18.0.9")
    facts = parse_inventory(json.dumps({"cs": {"Manufacturer": "LENOVO", "Model": "20L5CTO1WW"},
                                        "product": {"Version": "ThinkPad T480"}}).encode(), "198.18.0.9")
    assert (facts.manufacturer, facts.model) == ("LENOVO", "ThinkPad T480")
