"""The fuzz findings whose harm showed on PostgreSQL, replayed on SQLite and PostgreSQL.

SQLite stores an over-long string or an out-of-range number as it comes; PostgreSQL refuses the whole write
(``value too long``, ``numeric field overflow``, ``integer out of range``), which reached the user as a
database error instead of a sentence about the file. Each input here must now give the file's own answer on
both databases.
"""

from __future__ import annotations

import pytest

from itam.errors import ImportFileError
from tests.fuzz.conftest import overlong_values, snapshot
from tests.fuzz.test_fuzz_nmap_xml import SCANS
from tests.fuzz.test_fuzz_wipe_logs import NWIPE, _good_csv_with
from tests.pg import selected_backends

pytestmark = pytest.mark.parametrize("backend", selected_backends(), indirect=True)


def test_an_nmap_file_with_overlong_values_imports(services, db, tmp_path):
    data = (SCANS["lan-mixed.xml"].replace(b'<hostname name="', b'<hostname name="' + b"h" * 400, 1)
            .replace(b'vendor="', b'vendor="' + b"v" * 400, 1)
            .replace(b'<osmatch name="', b'<osmatch name="' + b"o" * 400)
            .replace(b'version="7.93"', b'version="' + b"7" * 40 + b'"', 1)
            .replace(b'addr="198.18.0.12"', b'addr="' + b"a" * 300 + b'"', 1))  # another host than the long name
    path = tmp_path / "long.xml"
    path.write_bytes(data)
    result, summary = services.discovery.import_xml(path)
    assert not result.partial and summary.hosts_up == len([h for h in result.hosts if h.state == "up"])
    assert "198.18.0.10" in {h.address for h in result.hosts}  # the host with the 400-character name …
    assert all(h.address != "a" * 300 for h in result.hosts)  # … but the forged address is no address: skipped
    assert not overlong_values(db)


def test_amounts_beyond_the_column_are_row_problems(services, db, tmp_path):
    path = tmp_path / "cost.csv"
    path.write_bytes(b"serial,category,Purchase Cost\r\nSN1,laptop,99999999999999999999999999.99\r\n"
                     b"SN2,laptop," + b"9" * 40 + b"\r\nSN3,laptop,999999999999.99\r\n")
    plan = services.transfer.plan_import(path)
    assert [(p.row, p.column) for p in plan.problems] == [(2, "Purchase Cost"), (3, "Purchase Cost")]
    assert "too large for an amount" in str(plan.problems[0])
    before = snapshot(db)
    with pytest.raises(ImportFileError, match="2 rows of cost.csv cannot be imported"):
        services.transfer.apply_import(path)
    assert snapshot(db) == before
    result = services.transfer.apply_import(path, skip_invalid=True)
    assert (result.created, result.skipped) == (1, 2)
    assert str(services.assets.get("SN3").fields["purchase_cost"]) == "999999999999.99"


def test_an_asset_tag_of_forty_digits_is_no_asset_id(services, db):
    before = snapshot(db)
    with pytest.raises(ImportFileError) as caught:
        services.sanitization.import_csv(_good_csv_with("Asset Tag", "9" * 40), tz="UTC")
    assert "no storage medium with serial" in " ".join(str(p) for p in caught.value.problems)
    assert snapshot(db) == before


def test_byte_counts_beyond_64_bits_are_not_counted(services, db):
    data = NWIPE["nwipe028_no_summary.log"].replace(b"16008609792 bytes written", b"9999999999999999999 bytes written")
    outcome = services.sanitization.import_nwipe(data, tz="UTC", new_asset_category="other")
    assert outcome.records and all(r.bytes_written is None or r.bytes_written < 2**63 for r in outcome.records)
    assert services.audit.verify().ok
