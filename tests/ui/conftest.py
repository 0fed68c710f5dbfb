"""Fixtures for the desktop front end: demo-like inventories, isolated settings, the main window."""

from __future__ import annotations

import random
import shutil
from datetime import date, timedelta

import pytest

MAKERS = {
    "laptop": [("Dell", "Latitude 5420"), ("Lenovo", "ThinkPad T14 Gen 3"), ("HP", "EliteBook 840 G8")],
    "desktop": [("Dell", "OptiPlex 7090"), ("HP", "ProDesk 400 G7"), ("Lenovo", "ThinkCentre M70q")],
    "server": [("Dell", "PowerEdge R740"), ("HPE", "ProLiant DL380 Gen10")],
    "monitor": [("Dell", "P2422H"), ("LG", "27UL500")],
    "printer": [("Brother", "HL-L6200DW"), ("HP", "LaserJet M404dn")],
    "network": [("Cisco", "Catalyst 9200"), ("Ubiquiti", "UniFi US-24")],
    "phone": [("Apple", "iPhone 13"), ("Samsung", "Galaxy S22")],
    "tablet": [("Apple", "iPad Air"), ("Lenovo", "Tab P11")],
}
DEPARTMENTS = ["Finance", "IT", "Sales", "HR", "Engineering", "Operations", "研发部"]
LOCATIONS = ["HQ floor 2", "HQ floor 3", "Shanghai office", "Warehouse", "Data centre A"]
PEOPLE = ["Alice Chen", "Bob Martin", "王伟", "李娜", "Carlos Diaz", "Dana Okafor", None]
STATUSES = ["deployed"] * 6 + ["in_stock"] * 2 + ["in_repair", "retired", "awaiting_sanitization", "sanitized"]
PREFIX = {"laptop": "LAP", "desktop": "DSK", "server": "SRV", "monitor": "MON", "printer": "PRN",
          "network": "NET", "phone": "PHN", "tablet": "TAB"}


def populate(services, count: int, *, seed: int = 7, flagged: int = 2) -> list[int]:
    """Add ``count`` varied assets in one unit of work (fast); flag the first ``flagged`` of them.

    Asset tags are ``<PREFIX>-<n:05d>`` with n = 0 … count-1, serials ``SN<n:07d>``.
    """
    rng = random.Random(seed)
    cats = list(MAKERS)
    ids = []
    with services.ctx.unit_of_work() as uow:
        for n in range(count):
            cat = cats[n % len(cats)]
            maker, model = rng.choice(MAKERS[cat])
            values = {
                "asset_tag": f"{PREFIX[cat]}-{n:05d}",
                "category": cat,
                "manufacturer": maker,
                "model": model,
                "serial": f"SN{n:07d}",
                "hostname": f"{PREFIX[cat].lower()}-{n:05d}" if cat in ("laptop", "desktop", "server") else None,
                "department": rng.choice(DEPARTMENTS),
                "location": rng.choice(LOCATIONS),
                "assignee": rng.choice(PEOPLE),
                "condition_grade": rng.choice("ABBCCD"),
                "purchase_date": (date(2018, 1, 1) + timedelta(days=rng.randrange(2500))).isoformat(),
            }
            macs = [f"00:1A:2B:{n >> 16 & 255:02X}:{n >> 8 & 255:02X}:{n & 255:02X}"] if cat != "monitor" else []
            asset = services.assets.create_in(uow, values, macs=macs, status=rng.choice(STATUSES))
            ids.append(asset.id)
    for asset_id in ids[:flagged]:
        services.lifecycle.move(asset_id, "lost_stolen", reason="not returned after leaving")
        services.lifecycle.move(asset_id, "in_stock", reason="found in the storage room")
    return ids


#: Assets in the shared demo inventory: more than one batch of the table model (200).
INVENTORY_SIZE = 300


@pytest.fixture(scope="session")
def inventory_template(tmp_path_factory):
    """A SQLite file holding INVENTORY_SIZE demo assets, built once per run (creating them costs seconds)."""
    from itam.db import open_database
    from itam.services import Actor, Services

    path = tmp_path_factory.mktemp("inventory") / "inventory.sqlite3"
    database = open_database(f"sqlite:///{path}", backup=False)
    populate(Services(database, Actor("tester", "cli")), INVENTORY_SIZE)
    database.dispose()  # the last connection to close folds the WAL back into the file
    return path


@pytest.fixture
def inventory_db_url(inventory_template, tmp_path):
    """A private copy of the demo inventory for one test; use it to override ``db_url``."""
    target = tmp_path / "itam.sqlite3"
    shutil.copyfile(inventory_template, target)
    return f"sqlite:///{target}"


@pytest.fixture
def settings(tmp_path, qapp):
    from ui.settings import Settings

    return Settings(str(tmp_path / "settings.ini"))


@pytest.fixture(autouse=True)
def _english(qapp):
    """Every test starts and ends in English, whatever it switched to."""
    from ui import i18n

    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def make_window(qtbot, services, settings):
    """Open a main window over ``services``; waits for its first count."""
    from ui.main_window import MainWindow
    from ui.workers import wait_for_tasks

    windows = []

    def make():
        window = MainWindow(services, settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: window.model.total is not None)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
    # Nothing may still read the database when the db fixture disposes of it.
    assert wait_for_tasks()
