"""Hostile nmap XML through ``services.discovery.import_xml`` (``itam discover import-xml``).

Real scans from tests/data/nmap are mutated — byte flips, truncation, inserted bytes, attribute values and
element text replaced by hostile ones, elements duplicated or dropped, the root renamed — and entity bombs
and external entities are planted in them. For each file: the import either reconciles a (possibly partial)
scan, every value within its column, with a history chain that verifies; or refuses with an ItamError and
writes nothing. A document that declares entities is refused outright: nothing of it is expanded or kept.
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import event, example, given
from hypothesis import strategies as st

from itam.errors import ItamError, ScanError
from tests.fuzz.conftest import (
    assert_refusal_is_clear,
    cli_refuses_cleanly,
    fuzz_settings,
    no_new_files,
    overlong_values,
    snapshot,
)

NMAP = Path(__file__).resolve().parents[1] / "data" / "nmap"
SCANS = {p.name: p.read_bytes() for p in sorted(NMAP.glob("*.xml"))}
REAL = ["lan-mixed.xml", "lab_quick.xml", "lab_standard.xml", "loopback-os.xml", "loopback-standard.xml",
        "truncated.xml", "error-exit.xml"]

HOSTILE_VALUES = [
    "", " ", "-1", "0", "99999999999999999999999", "1e999", "nan", "abc", "\u202e", "中文", "x" * 5000,
    "300.1.1.1", "::ffff:1.2.3.4", "fe80::1%eth0", "ff:ff:ff:ff:ff:ff", "00:00:00:00:00:00", "02:00:00:00:00:01",
    "not-a-mac", "AA-BB-CC-DD-EE-FF", "aabb.ccdd.eeff", "-oX /etc/passwd", "$(reboot)", "1;2", "'\"<>&",
    "cpe:/o:microsoft:windows_10", "a" * 300, "255.255.255.255", "127.0.0.1", "0.0.0.0", "1.2.3.4/8",
    "9" * 40, "10000000000", "2147483648", "-2147483649", "1.5", "up", "down", "open|filtered",
]
ENTITY_BOMB = (
    '<!DOCTYPE nmaprun [<!ENTITY lol "lollollollollollollollollollol">'
    + "".join(f'<!ENTITY lol{i + 1} "{(f"&lol{i};" if i else "&lol;") * 10}">' for i in range(9))
    + "]>"
)
ENCODINGS = [b"TTF-8", b"utf_32", b"UTF-16", b"cp037", b"latin-1", b"ascii", b"", b"\x00", b"gb18030", b"x" * 300]
PROLOGS = [
    ENTITY_BOMB,
    '<!DOCTYPE nmaprun [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    '<!DOCTYPE nmaprun [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>',
    '<!DOCTYPE nmaprun [<!ENTITY a "' + "x" * 20_000 + '">]>',
    '<!DOCTYPE nmaprun [<!ENTITY host "planted.example">]>',
]


def _tree_mutation(draw, data: bytes) -> bytes:
    root = ET.fromstring(data)
    elements = list(root.iter())
    for _ in range(draw(st.integers(1, 6))):
        elem = draw(st.sampled_from(elements))
        how = draw(st.sampled_from(["attr", "attr", "attr", "text", "duplicate", "drop", "child"]))
        if how == "attr" and elem.attrib:
            elem.set(draw(st.sampled_from(sorted(elem.attrib))), draw(st.sampled_from(HOSTILE_VALUES)))
        elif how == "text":
            elem.text = draw(st.sampled_from(HOSTILE_VALUES))
        elif how == "duplicate" and elem is not root:
            parent = next(p for p in root.iter() if elem in list(p))
            parent.append(ET.fromstring(ET.tostring(elem)))
        elif how == "drop" and elem is not root:
            parent = next(p for p in root.iter() if elem in list(p))
            parent.remove(elem)
        elif how == "child":
            tag = draw(st.sampled_from(["host", "address", "hostname", "port", "osmatch", "osclass", "cpe", "status",
                                        "hostnames", "ports", "service", "script", "elem", "runstats", "finished"]))
            child = ET.SubElement(elem, tag)
            for name in draw(st.lists(st.sampled_from(["addr", "addrtype", "name", "portid", "protocol", "state",
                                                       "accuracy", "vendor", "starttime", "reason_ttl", "up"]),
                                      max_size=4, unique=True)):
                child.set(name, draw(st.sampled_from(HOSTILE_VALUES)))
        elements = list(root.iter())  # later mutations may pick the new elements too
    return b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE nmaprun>\n' + ET.tostring(root)


@st.composite
def nmap_files(draw) -> bytes:
    data = SCANS[draw(st.sampled_from(REAL))]
    kind = draw(st.sampled_from(["none", "tree", "tree", "tree", "flip", "truncate", "insert", "root", "prolog",
                                 "random", "encoding"]))
    event(f"mutation: {kind}")
    if kind == "none":
        return data
    if kind == "tree":
        try:
            return _tree_mutation(draw, data)
        except ET.ParseError:  # truncated.xml does not parse as a whole: mutate its bytes instead
            kind = "flip"
    if kind == "random":
        return draw(st.binary(max_size=200))
    if kind == "encoding":  # the declaration names an encoding the bytes are not in, or one expat lacks
        return data.replace(b'encoding="UTF-8"', b'encoding="%s"' % draw(st.sampled_from(ENCODINGS)), 1)
    if kind == "root":
        return data.replace(b"<nmaprun ", b"<nmaprunx ", 1).replace(b"</nmaprun>", b"</nmaprunx>")
    if kind == "prolog":
        prolog = draw(st.sampled_from(PROLOGS))
        name = prolog.split("ENTITY ", 1)[1].split(" ", 1)[0]
        use = f"&{name};" if name != "%" else ""
        body = data.replace(b"<!DOCTYPE nmaprun>", prolog.encode(), 1)
        if b"<hostname name=\"" in body and draw(st.booleans()):
            return body.replace(b'<hostname name="', b'<hostname name="' + use.encode(), 1)
        return body.replace(b"</nmaprun>", f"<x>{use}</x></nmaprun>".encode(), 1)
    pos = draw(st.integers(0, len(data) - 1))
    if kind == "flip":
        return data[:pos] + bytes([data[pos] ^ draw(st.integers(1, 255))]) + data[pos + 1 :]
    if kind == "truncate":
        return data[:pos]
    return data[:pos] + draw(st.binary(min_size=1, max_size=24)) + data[pos:]


def check_import_xml(services, db, folder: Path, data: bytes, cli=None) -> None:  # noqa: ANN001
    folder.mkdir(exist_ok=True)
    path = folder / "scan.xml"
    path.write_bytes(data)
    before = snapshot(db)
    declares_entities = b"<!ENTITY" in data
    started = time.monotonic()
    with no_new_files(folder, folder.parent / "systmp"):
        if cli is not None:  # the command, then the service on the same file (which finds it imported or not)
            # exit 1: a partial scan (a truncated file) was imported, and the command says so
            code, _, err = cli_refuses_cleanly(cli, "discover", "import-xml", str(path), codes=(0, 1, 2, 3))
            if code in (2, 3):
                assert snapshot(db) == before, f"a refused itam discover import-xml wrote to the database: {err}"
                event("refused by the command")
                return
            before = snapshot(db)
        try:
            result, summary = services.discovery.import_xml(path)
        except ItamError as exc:
            assert cli is None, f"the command imported what the service refuses: {exc}"
            assert_refusal_is_clear(exc)
            assert snapshot(db) == before, f"a refused nmap XML import wrote to the database: {exc}"
            event(f"refused: {type(exc).__name__}")
            return
    assert not declares_entities or b"<nmaprun" not in data, "a document declaring entities was imported"
    assert time.monotonic() - started < 30, "an import of a small file took more than 30 s"
    event("imported" + (" (partial)" if result.partial else ""))
    assert not overlong_values(db), overlong_values(db)
    for host in result.hosts:
        assert "lollollol" not in repr(host) and "planted.example" not in repr(host), "an entity was expanded"
    report = services.audit.verify()
    assert report.ok, report


@fuzz_settings(100)
@given(data=nmap_files(), via_cli=st.integers(0, 3).map(lambda n: n == 0))
# Entity declarations: expat expanded small ones into hostnames and stopped a billion-laughs bomb only
# part-way, after which the hosts read so far were imported as a partial scan.
@example(data=SCANS["lan-mixed.xml"].replace(b"<!DOCTYPE nmaprun>", PROLOGS[0].encode()).replace(
    b'<hostname name="', b'<hostname name="&lol9;', 1), via_cli=True)
@example(data=SCANS["lan-mixed.xml"].replace(b"<!DOCTYPE nmaprun>", PROLOGS[4].encode()).replace(
    b'<hostname name="', b'<hostname name="&host;', 1), via_cli=False)
@example(data=SCANS["lan-mixed.xml"].replace(b"<!DOCTYPE nmaprun>", PROLOGS[1].encode()).replace(
    b"</nmaprun>", b"<x>&xxe;</x></nmaprun>"), via_cli=False)
# An encoding expat does not know ("TTF-8", one flipped bit) or cannot use (UTF-32): LookupError and
# ValueError escaped the XML reader.
@example(data=SCANS["lan-mixed.xml"].replace(b"UTF-8", b"TTF-8", 1), via_cli=True)
@example(data=SCANS["lab_quick.xml"].replace(b"UTF-8", b"utf_32", 1), via_cli=False)
# Values longer than their columns (an address of 300 letters, a 400-character hostname, MAC vendor and OS
# name, a 40-character nmap version) were stored as they came: PostgreSQL refuses such a write outright.
@example(data=SCANS["lab_quick.xml"].replace(b'addr="198.18.0.2"', b'addr="' + b"a" * 300 + b'"', 1), via_cli=True)
@example(data=SCANS["lan-mixed.xml"].replace(b'<hostname name="', b'<hostname name="' + b"h" * 400, 1)
         .replace(b'vendor="', b'vendor="' + b"v" * 400, 1).replace(b'<osmatch name="', b'<osmatch name="' + b"o" * 400)
         .replace(b'version="7.93"', b'version="' + b"7" * 40 + b'"', 1), via_cli=False)
def test_hostile_nmap_xml(services, db, cli, tmp_path, private_tmp, data, via_cli):
    check_import_xml(services, db, tmp_path / "in", data, cli if via_cli else None)


def test_an_entity_bomb_in_utf16_is_refused_before_anything_is_read(services, db, tmp_path):
    """The guard reads the document as XML, not as bytes: another encoding does not smuggle a bomb past it."""
    text = SCANS["lan-mixed.xml"].decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    text = text.replace("<!DOCTYPE nmaprun>", PROLOGS[0]).replace("</nmaprun>", "<x>&lol9;</x></nmaprun>")
    path = tmp_path / "bomb16.xml"
    path.write_bytes(text.encode("utf-16"))
    before = snapshot(db)
    with pytest.raises(ScanError, match="declares the XML entity 'lol'"):
        services.discovery.import_xml(path)
    assert snapshot(db) == before


def test_the_shipped_scans_still_import(services, db):
    """The guard refuses nothing nmap writes (a plain <!DOCTYPE nmaprun>)."""
    for name in REAL:
        result, _ = services.discovery.import_xml(NMAP / name)
        assert result.hosts or name == "error-exit.xml", name

