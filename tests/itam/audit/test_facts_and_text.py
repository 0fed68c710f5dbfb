"""The fact and credential dataclasses, and the sanitising of everything a device says."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itam.audit.facts import (
    AuditFacts,
    DiskFact,
    InterfaceFact,
    SnmpV2cCredential,
    SnmpV3Credential,
    SoftwareFact,
    SshCredential,
    WinRmCredential,
    method_of,
)
from itam.audit.text import MAX_TEXT, Warnings, check_address, clean, lines, mac_text, to_int, uuid_text
from itam.errors import AuditError, ValidationError
from itam.messages import tr

SECRETS = ("community-s3cret", "auth-s3cret-key", "priv-s3cret-key", "pw-s3cret", "-----BEGIN OPENSSH PRIVATE KEY-----x",
           "key-pass-s3cret", "win-s3cret")


@pytest.mark.parametrize("credential", [
    SnmpV2cCredential("community-s3cret"),
    SnmpV3Credential("monitor", "sha256", "auth-s3cret-key", "aes", "priv-s3cret-key"),
    SshCredential("root", password="pw-s3cret", private_key_pem="-----BEGIN OPENSSH PRIVATE KEY-----x",
                  key_passphrase="key-pass-s3cret"),
    WinRmCredential("CORP\\audit", "win-s3cret"),
])
def test_credentials_never_show_their_secrets(credential):
    shown = [repr(credential), str(credential), f"{credential}", f"{credential!r}", repr([credential]),
             repr({"c": credential})]
    for text in shown:
        for secret in SECRETS:
            assert secret not in text
        assert "<hidden>" in text
    assert method_of(credential) in ("snmp", "ssh", "winrm")


def test_credentials_show_what_is_not_secret():
    assert "user='monitor'" in repr(SnmpV3Credential("monitor", "SHA", "12345678"))
    assert "priv_key=None" in repr(SnmpV3Credential("monitor", "SHA", "12345678"))
    assert repr(WinRmCredential("a", "b", https=True)).count("5986") == 1


@pytest.mark.parametrize("make", [
    lambda: SnmpV2cCredential(""),
    lambda: SnmpV3Credential("u", "SHA999", "12345678"),
    lambda: SnmpV3Credential("u", "SHA", "short"),
    lambda: SnmpV3Credential("u", "SHA", "12345678", "AES", "short"),
    lambda: SnmpV3Credential("u", None, None, "AES", "12345678"),
    lambda: SnmpV3Credential("", "SHA", "12345678"),
    lambda: SshCredential("root"),
    lambda: SshCredential("root", password="x", port=0),
    lambda: WinRmCredential("a", "b", transport="telnet"),
])
def test_bad_credentials_are_refused_clearly(make):
    with pytest.raises(ValidationError):
        make()


def test_snmpv3_protocol_names_are_normalised():
    credential = SnmpV3Credential("u", "sha", "12345678", "aes256", "abcdefgh")
    assert (credential.auth_protocol, credential.priv_protocol, credential.security_level) == ("SHA", "AES256", "authPriv")
    assert SnmpV3Credential("u", None).security_level == "noAuthNoPriv"


def test_facts_need_an_aware_time_and_a_known_method_and_serialise_to_json():
    with pytest.raises(ValueError):
        AuditFacts("198.18.0.2", "ssh", datetime.now())
    with pytest.raises(ValueError):
        AuditFacts("198.18.0.2", "telnet", datetime.now(UTC))
    with pytest.raises(ValueError):
        DiskFact("m", "s", 1.0, "floppy", None)
    facts = AuditFacts("198.18.0.2", "ssh", datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC), serial="ABC",
                       disks=(DiskFact("m", "s", 1.0, "ssd", "sata"),), interfaces=(InterfaceFact("eth0", "00:1b:54:00:00:01"),),
                       software=(SoftwareFact("bash", "5.2"),), warnings=(tr("the firmware reports no serial number"),))
    data = json.loads(json.dumps(facts.as_json()))
    assert data["collected_at"] == "2025-01-02T03:04:05+00:00"
    assert data["disks"][0]["media_type"] == "ssd" and data["software"][0]["name"] == "bash"
    assert data["warnings"] == ["the firmware reports no serial number"]
    assert "ABC" in facts.summary() and "1 disk(s)" in facts.summary()


@pytest.mark.parametrize("raw, expected", [
    ("Dell Inc.", "Dell Inc."),
    ("  spaced   out \t text \n", "spaced out text"),
    ("\x1b[31mRed\x1b[0m", "Red"),
    ("\x1b]0;window title\x07Evil", "Evil"),
    ("\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "link"),
    ("\x9b2JClear", "Clear"),
    ("\x1bPdevice control\x1b\\after", "after"),
    ("\x1b[", None),
    ("NUL\x00inside", "NULinside"),
    ("bell\x07", "bell"),
    ("bidi \u202eevil\u202c", "bidi evil"),
    ("zero\u200bwidth", "zerowidth"),
    (b"bytes \xff\xfe ok", "bytes ok"),
    (b"\xe4\xb8\xad\xe6\x96\x87", "中文"),
    ("", None),
    ("\x1b[0m \t\n", None),
    (None, None),
    (42, "42"),
])
def test_clean_makes_one_plain_line(raw, expected):
    assert clean(raw) == expected


def test_clean_cuts_long_values():
    text = clean("A" * 10_000)
    assert len(text) == MAX_TEXT and text.endswith("…")
    assert clean("B" * 100, 10) == "BBBBBBBBB…"
    assert clean(b"C" * 5_000_000) is not None  # megabytes are cut before any regex runs


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=600), st.text(max_size=600)))
def test_clean_never_fails_and_never_lets_controls_through(raw):
    text = clean(raw)
    if text is not None:
        assert text == text.strip() and 0 < len(text) <= MAX_TEXT
        assert all(ch.isprintable() or ch == " " for ch in text), repr(text)
        assert "\x1b" not in text and "\n" not in text


def test_lines_keeps_lines_without_escapes():
    assert lines(b"a\r\n\x1b[1mb\x1b[0m\n\n  c  \n") == ["a", "b", "c"]
    assert lines(b"x" * 100 + b"\ny", limit=50) == ["x" * 50]


@pytest.mark.parametrize("raw, expected", [
    (b"\x00\x1bTL\x00\x02", "00:1b:54:4c:00:02"), (b"\x00" * 6, None), (b"\xff" * 6, None), (b"", None),
    (b"00:1b:54:4c:00:02", "00:1b:54:4c:00:02"), ("00-1B-54-4C-00-02", "00:1b:54:4c:00:02"),
    ("001b.544c.0002", "00:1b:54:4c:00:02"), ("zz:zz", None), (b"\x01\x02\x03", None), (None, None),
])
def test_mac_text(raw, expected):
    assert mac_text(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("4C4C4544-0058-4B10-8033-B9C04F513533", "4c4c4544-0058-4b10-8033-b9c04f513533"),
    ("4c4c45440058 4b10 8033b9c04f513533", "4c4c4544-0058-4b10-8033-b9c04f513533"),
    ("00000000-0000-0000-0000-000000000000", None), ("FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", None),
    ("not-a-uuid", None), (None, None),
])
def test_uuid_text(raw, expected):
    assert uuid_text(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    (16, 16), ("16", 16), (" 16 ", 16), ("16.0", 16), (3.9, 3), ("lots", None), (True, None), (None, None),
    (float("nan"), None), ("1e400", None),
])
def test_to_int(raw, expected):
    assert to_int(raw) == expected


def test_warnings_are_deduplicated_and_bounded():
    warnings = Warnings()
    for i in range(100):
        warnings.add(tr("'{command}' did not finish in time; its output was not complete", command=str(i % 60)))
    items = warnings.as_tuple()
    assert len(items) == 41 and items[-1] == "… and 20 more warnings"


def test_addresses_only_no_names():
    assert check_address(" 198.18.0.7 ") == "198.18.0.7"
    assert check_address("::1") == "::1"
    for bad in ("example.com", "198.18.0.0/24", "-oProxyCommand=x", ""):
        with pytest.raises(AuditError):
            check_address(bad)
