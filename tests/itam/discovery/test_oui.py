"""MAC vendor look-up: nmap's table when present, the IEEE table in netaddr otherwise."""

from __future__ import annotations

import pytest

from itam.discovery import oui
from itam.discovery.oui import OuiTable, find_nmap_data_file
from itam.errors import ValidationError


@pytest.fixture
def nmap_table(tmp_path):
    path = tmp_path / "nmap-mac-prefixes"
    path.write_text("# test table\n001BA9 Brother industries\n000C29 VMware\n3CD92B Hewlett Packard\n")
    return path


def test_nmap_table_is_used_when_present(nmap_table):
    table = OuiTable(nmap_table)
    info = table.lookup("00-1B-A9-01-02-03")
    assert (info.mac, info.vendor, info.randomized, info.source) == ("00:1b:a9:01:02:03", "Brother industries", False, "nmap")
    assert table.lookup("000c.29aa.bbcc").vendor == "VMware"
    assert table.lookup("00:00:5e:00:01:01").vendor is None  # not in this small table
    assert table.source == "nmap"


def test_the_table_loads_lazily_once(nmap_table):
    table = OuiTable(nmap_table)
    assert table._table is None
    table.lookup("00:1b:a9:00:00:01")
    loaded = table._table
    nmap_table.unlink()  # a second look-up must not read the file again
    assert table.lookup("00:0c:29:00:00:01").vendor == "VMware"
    assert table._table is loaded


def test_netaddr_ieee_table_without_nmap():
    table = OuiTable(search_nmap=False)
    info = table.lookup("00:1b:a9:01:02:03")
    assert info.source == "ieee" and "brother" in info.vendor.lower()
    assert "vmware" in table.lookup("00:50:56:00:00:01").vendor.lower()
    assert table.lookup("fc:ff:ff:00:00:01").vendor is None
    assert table.source == "ieee"


def test_unreadable_nmap_table_falls_back_to_ieee(tmp_path):
    table = OuiTable(tmp_path / "missing-nmap-mac-prefixes")
    assert table.lookup("00:1b:a9:01:02:03").source == "ieee"


@pytest.mark.parametrize("search_nmap", [True, False])
def test_randomised_macs_get_no_vendor(search_nmap, nmap_table):
    table = OuiTable(nmap_table if search_nmap else None, search_nmap=search_nmap)
    for mac in ("da:a1:19:5e:6f:70", "02:1b:a9:01:02:03", "6e:3a:9f:01:22:33", "fa:00:00:00:00:01"):
        info = table.lookup(mac)
        assert info.randomized and info.vendor is None and info.source is None


def test_qemu_prefix_is_locally_administered_but_names_a_virtual_nic():
    info = OuiTable(search_nmap=False).lookup("52:54:00:12:34:56")
    assert not info.randomized
    assert info.vendor == "QEMU virtual NIC" and info.source == "hypervisor"


def test_nmapdir_is_searched_first(tmp_path, monkeypatch, nmap_table):
    monkeypatch.setenv("NMAPDIR", str(nmap_table.parent))
    assert find_nmap_data_file("nmap-mac-prefixes") == nmap_table.resolve()
    assert OuiTable().lookup("3c:d9:2b:00:00:01").vendor == "Hewlett Packard"


def test_installed_nmap_table():
    path = find_nmap_data_file("nmap-mac-prefixes")
    if path is None:
        pytest.skip("nmap's data files are not installed: only the netaddr fallback is tested")
    assert OuiTable().lookup("00:0c:29:01:02:03").vendor == "VMware"


def test_module_helpers():
    assert oui.mac_vendor("not a mac") is None
    assert oui.mac_vendor("da:a1:19:5e:6f:70") is None
    assert oui.lookup("00:50:56:01:02:03").vendor
    with pytest.raises(ValidationError):
        OuiTable(search_nmap=False).lookup("00:11:22")
