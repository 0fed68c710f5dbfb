"""Field parsing and identifier hygiene."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from itam.errors import ValidationError
from itam.fields import parse_value
from itam.identifiers import clean_mac, clean_serial, is_randomized_mac


@pytest.mark.parametrize(
    "serial",
    ["To Be Filled By O.E.M.", "  default string ", "0000000000", "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", "N/A", "System Serial Number"],
)
def test_placeholder_serials_are_refused(serial):
    with pytest.raises(ValidationError, match="placeholder"):
        clean_serial(serial)


def test_real_serial_kept_trimmed():
    assert clean_serial("  5CG1234XYZ ") == "5CG1234XYZ"
    assert clean_serial("") is None


@pytest.mark.parametrize("mac", ["00:00:00:00:00:00", "FF-FF-FF-FF-FF-FF", "01:00:5e:00:00:01"])
def test_placeholder_and_multicast_macs_are_refused(mac):
    with pytest.raises(ValidationError):
        clean_mac(mac)


def test_mac_formats_normalise():
    assert clean_mac("00-1B-21-AA-BB-CC") == "00:1b:21:aa:bb:cc"
    assert clean_mac("001b.21aa.bbcc") == "00:1b:21:aa:bb:cc"
    with pytest.raises(ValidationError, match="not a MAC"):
        clean_mac("00:1b:21")
    assert is_randomized_mac("da:a1:19:00:00:01") and not is_randomized_mac("00:1b:21:aa:bb:cc")


def test_values_parse_by_kind():
    assert parse_value("purchase_date", "2021/03/04") == date(2021, 3, 4)
    assert parse_value("purchase_cost", "¥1,234.5") == Decimal("1234.50")
    assert parse_value("category", "Laptops") == "laptop"
    assert parse_value("category", "笔记本电脑") == "laptop"
    assert parse_value("condition_grade", "b") == "B"
    assert parse_value("data_bearing", "是") is True
    assert parse_value("ram_gb", "16") == 16.0


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [
        ("purchase_date", "31/31/2020", "not a date"),
        ("purchase_cost", "-5", "negative"),
        ("purchase_cost", "abc", "not a number"),
        ("category", "toaster", "not a category"),
        ("condition_grade", "Z", "not a condition grade"),
        ("asset_tag", "x" * 65, "longer than 64"),
        ("nonsense", "1", "unknown field"),
    ],
)
def test_bad_values_are_explained(name, raw, message):
    with pytest.raises(ValidationError, match=message):
        parse_value(name, raw)


def test_duplicate_serial_and_tag_are_refused(services):
    from itam.errors import DuplicateError

    services.assets.create({"asset_tag": "A-1", "serial": "S-1", "category": "laptop"})
    with pytest.raises(DuplicateError, match="serial number 'S-1' is already used"):
        services.assets.create({"asset_tag": "A-2", "serial": "S-1", "category": "laptop"})
    with pytest.raises(DuplicateError, match="asset tag 'A-1'"):
        services.assets.create({"asset_tag": "A-1", "category": "laptop"})


def test_asset_needs_an_identifier_and_a_category(services):
    with pytest.raises(ValidationError, match="asset tag, a serial number or a MAC"):
        services.assets.create({"category": "laptop"})
    with pytest.raises(ValidationError, match="category is required"):
        services.assets.create({"asset_tag": "A-1"})
