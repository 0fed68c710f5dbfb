"""The asset dialog: editing with validation and the version check, records, certificates, discovery,
the recommendation and the lifecycle moves the asset's status allows."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget

from itam.lifecycle import default_lifecycle
from ui.dialogs.asset_dialog import TAB_KEYS, AssetDialog
from ui.workers import wait_for_tasks

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

SHOTS = os.environ.get("ASSET_DIALOG_SHOTS")


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory):
    """A demo database (generate_demo, 60 assets) built once for the module."""
    from itam.db import open_database
    from itam.services import Actor, Services
    from itam.services.demo import generate_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    database = open_database(f"sqlite:///{path}", backup=False)
    generate_demo(Services(database, Actor("tester", "cli")), count=60)
    database.dispose()
    return path


@pytest.fixture
def services(demo_template, tmp_path):
    import shutil

    from itam.db import open_database
    from itam.services import Actor, Services

    target = tmp_path / "itam.sqlite3"
    shutil.copyfile(demo_template, target)
    database = open_database(f"sqlite:///{target}", backup=False)
    yield Services(database, Actor("tester", "gui"))
    assert wait_for_tasks()
    database.dispose()


@pytest.fixture
def open_dialog(qtbot, services):
    dialogs = []

    def make(ref):
        dlg = AssetDialog(services.assets.get(ref), None, services=services)
        dlg.confirm_discard = lambda: True  # no modal question when the test ends with edits open
        qtbot.addWidget(dlg)
        dlg.show()
        qtbot.waitExposed(dlg)
        qtbot.waitUntil(lambda: not dlg.loading, timeout=10_000)
        dialogs.append(dlg)
        return dlg

    yield make
    for dlg in dialogs:
        dlg.close()
    assert wait_for_tasks()


def first_asset(services, **where):
    from itam.services import AssetQuery

    for row in services.assets.list(AssetQuery(limit=500)).rows:
        if all(getattr(row, k) == v for k, v in where.items()):
            return row.id
    pytest.skip(f"no demo asset with {where}")


def save_and_wait(qtbot, dlg):
    dlg.save()
    qtbot.waitUntil(lambda: not dlg.saving, timeout=10_000)


def test_edit_and_save_records_value_and_reason(qtbot, services, open_dialog):
    asset_id = first_asset(services, status="deployed")
    dlg = open_dialog(asset_id)
    before = len(services.assets.get(asset_id).history)
    qtbot.keyClick(dlg, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert dlg.editing and dlg.save_button.isVisible()
    dlg.editor("department").setText("Circularity Lab")
    dlg.editor("condition_grade").setEditText("b")
    dlg.reason_edit.setText("moved team")
    assert dlg.dirty
    qtbot.keyClick(dlg, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dlg.saving, timeout=10_000)
    assert dlg.last_error is None and not dlg.editing
    detail = services.assets.get(asset_id)
    assert detail.fields["department"] == "Circularity Lab"
    assert len(detail.history) == before + 1
    entry = detail.history[-1]
    assert entry.action == "update" and entry.reason == "moved team" and "department" in entry.changes
    assert dlg.detail.version == detail.version
    assert dlg.history_tree.topLevelItem(0).text(3) == "moved team"


def test_invalid_values_show_errors_and_save_nothing(qtbot, services, open_dialog):
    asset_id = first_asset(services, status="deployed")
    version = services.assets.get(asset_id).version
    dlg = open_dialog(asset_id)
    dlg.set_editing(True)
    dlg.editor("purchase_date").setText("2021-13-45")
    dlg.editor("condition_grade").setEditText("Z")
    save_and_wait(qtbot, dlg)
    assert dlg.editing and dlg.error_label.isVisible()
    assert "Purchase date" in dlg.last_error and "Condition grade" in dlg.last_error
    assert dlg.editor("purchase_date").text() == "2021-13-45"  # what was typed stays
    assert services.assets.get(asset_id).version == version
    # Cancel puts the asset's values back.
    dlg.confirm_discard = lambda: True
    dlg.cancel_edit()
    assert not dlg.editing and dlg.editor("condition_grade").currentText() == (dlg.detail.fields["condition_grade"] or "")


def test_stale_edit_is_refused_and_keeps_the_typing(qtbot, services, open_dialog):
    asset_id = first_asset(services, status="deployed")
    dlg = open_dialog(asset_id)
    dlg.set_editing(True)
    dlg.editor("notes").setPlainText("mine")
    services.assets.update(asset_id, {"notes": "theirs"}, reason="behind the dialog's back")
    save_and_wait(qtbot, dlg)
    assert dlg.editing and "someone else changed this asset" in dlg.last_error
    assert "was changed by tester at " in dlg.last_error  # who saved it, and when
    assert dlg.editor("notes").toPlainText() == "mine"
    assert services.assets.get(asset_id).fields["notes"] == "theirs"


def test_escape_asks_before_discarding(qtbot, services, open_dialog):
    dlg = open_dialog(first_asset(services, status="deployed"))
    dlg.set_editing(True)
    dlg.editor("hostname").setText("renamed")
    asked = []
    dlg.confirm_discard = lambda: asked.append(1) or False
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    assert asked and dlg.isVisible() and dlg.editing
    dlg.confirm_discard = lambda: True
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    assert not dlg.isVisible()


def test_sanitization_tab_lists_the_records(qtbot, services, open_dialog):
    records = services.sanitization.list(limit=50)
    if not records:
        pytest.skip("the demo made no sanitization records")
    asset_id = records[0].asset_id
    dlg = open_dialog(asset_id)
    table = dlg.findChild(QTableWidget, "sanitization_table")
    expected = services.sanitization.list(asset_id)
    assert table.rowCount() == len(expected) > 0
    assert dlg.tabs.tabText(dlg.tab_index("sanitization")) == f"Sanitization ({len(expected)})"


def test_retired_asset_offers_only_allowed_moves_and_recycles(qtbot, services, open_dialog):
    services.assets.create({"asset_tag": "MON-DLG-1", "category": "monitor", "manufacturer": "Dell",
                            "model": "P2422H", "condition_grade": "D", "purchase_date": "2015-03-01"},
                           status="retired")
    dlg = open_dialog("MON-DLG-1")
    allowed = {t.key for t in default_lifecycle().allowed_from("retired")}
    assert set(dlg.transition_keys()) == allowed and "recycle" in allowed
    move = dlg.start_move("recycle")
    move.reason_edit.setText("end of life")
    if move.party_required:
        move.party_combo.setCurrentIndex(1)
    move.accept()
    qtbot.waitUntil(lambda: not dlg.moving, timeout=10_000)
    assert dlg.last_error is None
    detail = services.assets.get("MON-DLG-1")
    assert detail.status == "recycled" and dlg.detail.status == "recycled"
    assert detail.history[-1].transition == "recycle"
    assert dlg.transition_keys() == []  # recycled is final
    assert "Recycled" in dlg.heading.text() or "recycled" in dlg.heading.text().lower()


def test_guard_refusal_is_shown(qtbot, services, open_dialog):
    services.assets.create({"asset_tag": "LAP-DLG-1", "category": "laptop", "manufacturer": "Lenovo",
                            "model": "T14", "purchase_date": "2018-01-10", "condition_grade": "C"},
                           status="retired", media=[{"media_type": "ssd", "serial": "DLGSSD1", "capacity_gb": 256}])
    dlg = open_dialog("LAP-DLG-1")
    assert "recycle" in dlg.transition_keys()
    move = dlg.start_move("recycle")
    move.reason_edit.setText("end of life")
    if move.party_required:
        move.party_combo.setCurrentIndex(1)
    move.accept()
    qtbot.waitUntil(lambda: not dlg.moving, timeout=10_000)
    assert dlg.last_error and "Nothing was moved" in dlg.last_error
    assert services.assets.get("LAP-DLG-1").status == "retired"


def test_tabs_render(qtbot, services, open_dialog):
    records = services.sanitization.list(limit=5)
    dlg = open_dialog(records[0].asset_id if records else first_asset(services, status="deployed"))
    rec = dlg.extras["recommendation"]
    assert not isinstance(rec, BaseException)
    for key in TAB_KEYS:
        dlg.tabs.setCurrentIndex(dlg.tab_index(key))
        qtbot.wait(10)
        image = dlg.grab()
        assert not image.isNull()
        if SHOTS:
            image.save(os.path.join(SHOTS, f"asset_{key}.png"))
    dlg.set_editing(True)
    dlg.tabs.setCurrentIndex(0)
    if SHOTS:
        dlg.grab().save(os.path.join(SHOTS, "asset_details_edit.png"))


def test_certificates_tab_lists_and_saves_the_pdf(qtbot, services, open_dialog, tmp_path):
    from datetime import datetime

    from itam.services.sanitization import WipeEntry

    services.organisation.update(name="Northwind IT Services", address="12 Harbour Road, Shanghai",
                                 email="itad@northwind.example")
    detail = services.assets.create(
        {"asset_tag": "LAP-CERT-1", "serial": "PF2CERT1", "category": "laptop", "manufacturer": "Lenovo",
         "model": "ThinkPad T14"},
        media=[{"media_type": "nvme", "serial": "S4EVCERT1", "capacity_gb": 512}])
    services.sanitization.record("LAP-CERT-1", detail.media[0].id, WipeEntry(
        category="purge", technique="nvme_sanitize", tool_label="NVMe Sanitize", result="pass",
        ended_at=datetime(2024, 5, 2, 10, 0), time_zone="Asia/Shanghai", verification="full",
        verification_result="pass", operator="Wang Lei", verifier="Li Na"))
    first, _pdf = services.certificates.issue_sanitization("LAP-CERT-1")
    services.certificates.issue_sanitization("LAP-CERT-1", supersedes=first.number, reason="typo in the model")
    dlg = open_dialog("LAP-CERT-1")
    table = dlg.findChild(QTableWidget, "certificates_table")
    assert table.rowCount() == 2
    statuses = {table.item(r, 0).text(): table.item(r, 4).text() for r in range(2)}
    assert statuses[first.number].startswith("Superseded by")
    assert dlg.findChild(QTableWidget, "sanitization_table").rowCount() == 1
    target = tmp_path / "cert.pdf"
    table.selectRow(0)
    dlg.save_certificate_pdf(str(target))
    qtbot.waitUntil(lambda: target.exists() and target.stat().st_size > 0, timeout=10_000)
    assert target.read_bytes().startswith(b"%PDF")
    if SHOTS:
        dlg.tabs.setCurrentIndex(dlg.tab_index("certificates"))
        dlg.grab().save(os.path.join(SHOTS, "asset_certificates_issued.png"))


def _audit(services, asset_id, *, error=None, when=None):
    """Store an audit of the asset's address the way an audit run does (facts from a Dell laptop, or an error)."""
    from datetime import UTC, datetime
    from types import SimpleNamespace

    from itam.audit.facts import AuditFacts, DiskFact, InterfaceFact, SoftwareFact
    from itam.audit.merge import record_outcome
    from itam.messages import tr
    from itam.models import AssetAddress

    with services.ctx.unit_of_work(source="cli") as uow:
        if not services.assets.get(asset_id).ips:
            uow.session.add(AssetAddress(asset_id=asset_id, kind="ip", value="198.18.0.77"))
    detail = services.assets.get(asset_id)
    address, serial = detail.ips[0], detail.fields["serial"] or "AUDIT-7XK2"
    facts = None if error else AuditFacts(
        address=address, method="ssh", collected_at=when or datetime(2026, 11, 24, 2, 0, tzinfo=UTC),
        manufacturer="Dell Inc.", model="Latitude 7440", serial=serial, os_name="Debian GNU/Linux",
        os_version="12", cpu_model="Intel(R) Core(TM) i7-1365U", cpu_cores=10, ram_mb=16384,
        disks=(DiskFact("Samsung SSD 980 PRO 1TB", "S6B0NL0W123456", 1000.2, "nvme", "nvme"),),
        interfaces=(InterfaceFact("eth0", "00:1a:2b:00:00:77"),),
        software=(SoftwareFact("openssl", "3.0.15-1"), SoftwareFact("bash", "5.2.15-2"),
                  SoftwareFact("libssl3", "3.0.15-1")),
        warnings=(tr("'{command}' did not finish in time; its output was not complete", command="lsblk"),))
    outcome = SimpleNamespace(address=address, method="ssh", credential_name="lab-ssh", facts=facts,
                              error=error, seconds=0.4)
    with services.ctx.unit_of_work(source="audit") as uow:
        return record_outcome(uow, outcome)


def test_the_audits_tab_shows_what_the_device_told_its_software_and_why_the_last_audit_failed(open_dialog, services):
    from itam.messages import tr

    asset_id = first_asset(services, category="laptop")
    dlg = open_dialog(asset_id)
    assert dlg.findChild(object, "never_audited_label") is not None  # before any audit: says how to get one

    serial = services.assets.get(asset_id).fields["serial"] or "AUDIT-7XK2"
    assert _audit(services, asset_id).asset_id == asset_id
    refused = tr("SSH error from {address}: {reason}", address=services.assets.get(asset_id).ips[0],
                 reason="Authentication failed.")
    _audit(services, asset_id, error=str(refused))
    dlg = open_dialog(asset_id)
    tab = dlg.tab_index("audits")
    assert dlg.tabs.tabText(tab).replace("&&", "&") == "Audits & software (3)"
    dlg.tabs.setCurrentIndex(tab)
    facts = dlg.findChild(object, "audit_facts")
    texts = " ".join(label.text() for label in facts.findChildren(object) if hasattr(label, "text")
                     and callable(label.text))
    for expected in ("Dell Inc.", "Latitude 7440", serial, "Samsung SSD 980 PRO 1TB", "S6B0NL0W123456",
                     "10 cores", "16.0 GB"):
        assert expected in texts
    assert "'lsblk' did not finish in time" in dlg.findChild(object, "audit_warnings").text()
    failed = dlg.findChild(object, "audit_failed_label")
    assert failed is not None and "Authentication failed." in failed.text()
    audits = dlg.findChild(QTableWidget, "audits_table")
    assert audits.rowCount() == 2 and "Authentication failed." in audits.item(0, 5).text()
    assert audits.item(1, 5).text() == f"Dell Inc. Latitude 7440 S/N {serial}"
    software = dlg.findChild(QTableWidget, "software_table")
    assert sorted(software.item(r, 0).text() for r in range(software.rowCount())) == ["bash", "libssl3", "openssl"]
    dlg.findChild(object, "software_filter").setText("SSL")
    assert [software.item(r, 0).text() for r in range(3) if not software.isRowHidden(r)] == ["libssl3", "openssl"]
    if SHOTS:
        dlg.resize(900, 700)
        dlg.grab().save(os.path.join(SHOTS, "asset-audits.png"))
