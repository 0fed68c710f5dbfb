"""SNMP pieces that need no agent: makers from enterprise numbers, reading values safely."""

from __future__ import annotations

import pytest

from itam.audit import snmp
from itam.audit.facts import SnmpV2cCredential, SnmpV3Credential
from itam.errors import AuditError


@pytest.mark.parametrize("object_id, number, vendor", [
    ("1.3.6.1.4.1.9.1.1208", 9, "Cisco"),
    (".1.3.6.1.4.1.11.2.3.9.1", 11, "HP"),
    ("1.3.6.1.4.1.2636.1.1.1.2.29", 2636, "Juniper"),
    ("1.3.6.1.4.1.14988.1", 14988, "MikroTik"),
    ("1.3.6.1.4.1.41112.1.4", 41112, "Ubiquiti"),
    ("1.3.6.1.4.1.1347.41", 1347, "Kyocera"),
    ("1.3.6.1.4.1.8072.3.2.10", 8072, None),   # net-snmp: the agent, not the maker
    ("1.3.6.1.4.1.311.1.1.3.1.2", 311, None),  # the Windows SNMP service
    ("1.3.6.1.2.1.1", None, None),
    ("1.3.6.1.4.1.x", None, None),
    ("", None, None),
    (None, None, None),
])
def test_the_enterprise_number_names_the_maker(object_id, number, vendor):
    assert snmp.enterprise_number(object_id) == number
    assert snmp.vendor_for(object_id) == vendor


def test_the_enterprise_table_has_its_source_and_the_brief_s_vendors():
    import tomllib

    from itam.paths import resource

    with open(resource("snmp_enterprises.toml"), "rb") as fh:
        data = tomllib.load(fh)
    assert "iana.org/assignments/enterprise-numbers" in data["source"]
    table = {int(k): v for k, v in data["enterprises"].items()}
    for number, name in {9: "Cisco", 11: "HP", 2636: "Juniper", 8072: "net-snmp", 311: "Microsoft", 674: "Dell",
                         2: "IBM", 41112: "Ubiquiti", 14988: "MikroTik", 1347: "Kyocera", 2435: "Brother",
                         1602: "Canon", 367: "Ricoh", 253: "Xerox", 12356: "Fortinet", 25506: "H3C",
                         2011: "Huawei"}.items():
        assert table[number] == name


def test_values_from_the_agent_are_sanitised():
    from pysnmp.proto.rfc1902 import Counter32, Integer32, ObjectIdentifier, OctetString

    assert snmp._text(OctetString(b"\x1b[31mEvil\x1b[0m\x00 Corp\xff" + b"x" * 1000)).startswith("Evil Corp")
    assert len(snmp._text(OctetString(b"y" * 60000))) == 256
    assert snmp._text(OctetString(b"")) is None
    assert snmp._number(Counter32(123456)) == 123456 and snmp._number(Integer32(-1)) == -1
    assert snmp._number(OctetString(b"42")) == 42 and snmp._number(OctetString(b"many")) is None
    assert snmp._oid(ObjectIdentifier("1.3.6.1.4.1.9.1.1208")) == "1.3.6.1.4.1.9.1.1208"
    assert snmp._oid(OctetString(b"not an oid")) is None


@pytest.mark.parametrize("name, expected", [
    ("adduser_3.134_all", ("adduser", "3.134")),
    ("Mozilla Firefox (x64 en-US)", ("Mozilla Firefox (x64 en-US)", None)),
    ("bash-5.1.8-6.el9_1.x86_64", ("bash-5.1.8-6.el9_1.x86_64", None)),
])
def test_installed_software_names(name, expected):
    item = snmp._software(name)
    assert (item.name, item.version) == expected


def test_engines_are_shared_by_communities_and_kept_apart_by_snmpv3_keys():
    a = SnmpV3Credential("mon", "SHA", "key-one-111", "AES", "priv-one-11")
    b = SnmpV3Credential("mon", "SHA", "key-two-222", "AES", "priv-one-11")
    assert snmp._engine_key(SnmpV2cCredential("a")) == snmp._engine_key(SnmpV2cCredential("b")) == "v2c"
    assert snmp._engine_key(a) != snmp._engine_key(b)
    assert snmp._engine_key(a) == snmp._engine_key(SnmpV3Credential("mon", "SHA", "key-one-111", "AES", "priv-one-11"))
    assert "key-one" not in snmp._engine_key(a)


def test_audits_take_addresses_only():
    with pytest.raises(AuditError, match="not an IP address"):
        snmp.audit_snmp("printer.example.com", SnmpV2cCredential("public"), timeout=1)
    with pytest.raises(TypeError):
        snmp.audit_snmp("198.18.0.2", object(), timeout=1)
