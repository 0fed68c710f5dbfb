"""The sanitization page in the main window: recording wipes and destructions, importing wipe logs, evidence."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime, QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialogButtonBox

from itam.errors import GuardError
from itam.services.sanitization import WipeEntry
from ui import i18n
from ui.dialogs.wipe_dialog import DestructionDialog, ImportWipeDialog, WipeDialog
from ui.pages.sanitization import SanitizationTableModel

NWIPE = Path(__file__).resolve().parents[1] / "data" / "nwipe"
# Dialogs and message boxes fix their size after their window exists, which "offscreen" cannot pass on.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

#: A small nwipe 0.34 log of one drive, wiped with PRNG Stream and verified after the last pass.
TINY_NWIPE_LOG = """\
[2025/03/14 09:00:01]  notice: Found /dev/sda, ATA, Samsung SSD 860 EVO 500GB, 500 GB, S/N=S3Z9NB0K123456A
[2025/03/14 09:00:01]  notice: Program options are set as follows...
[2025/03/14 09:00:01]  notice:   banner   = nwipe 0.34
[2025/03/14 09:00:01]  notice:   prng     = Isaac64
[2025/03/14 09:00:01]  notice:   method   = PRNG Stream
[2025/03/14 09:00:01]  notice:   rounds   = 1
[2025/03/14 09:00:01]  notice:   verify   = 1 (last pass)
[2025/03/14 09:00:02]  notice: /dev/sda has serial number S3Z9NB0K123456A
[2025/03/14 09:00:02]  notice: Invoking method 'PRNG Stream' on /dev/sda
[2025/03/14 09:00:02]  notice: Starting round 1 of 1 on /dev/sda
[2025/03/14 09:00:02]  notice: Starting pass 1/1, round 1/1, on /dev/sda
[2025/03/14 09:40:00]  notice: 500107862016 bytes written to /dev/sda
[2025/03/14 09:40:00]  notice: Finished pass 1/1, round 1/1, on /dev/sda
[2025/03/14 09:40:00]  notice: Verifying that /dev/sda matches the pass 1 pattern.
[2025/03/14 10:20:00]  notice: 500107862016 bytes read from /dev/sda
[2025/03/14 10:20:00]  notice: [SUCCESS] Verified that /dev/sda matches the pass 1 pattern.
[2025/03/14 10:20:00]  notice: Finished final round 1 of 1 on /dev/sda

******************************** Error Summary *********************************
!   Device | Pass Errors | Verifications Errors | Fdatasync I\\O Errors
--------------------------------------------------------------------------------
       sda |           0 |                    0 |                    0
********************************************************************************

********************************* Drive Status *********************************
!   Device | Status | Thru-put | HH:MM:SS | Model/Serial Number
--------------------------------------------------------------------------------
       sda | Erased | 208 MB/s | 01:20:00 | Samsung SSD 860 EVO 500GB/S3Z9NB0K123456A
--------------------------------------------------------------------------------
[2025/03/14 10:20:01] Total Throughput 208 MB/s, PRNG Stream, 1R+NB+VL
********************************************************************************
"""


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def page(qtbot, window):
    page = window.sanitization
    window.show_page("sanitization")
    qtbot.waitUntil(lambda: page._read_task is None, timeout=10_000)
    return page


def retired_laptop(services, tag="IT-000101", serial="PF2ABCD1", media_type="nvme"):
    services.assets.create(
        {"asset_tag": tag, "serial": serial, "category": "laptop", "manufacturer": "Lenovo", "model": "ThinkPad T14"},
        media=[{"media_type": media_type, "manufacturer": "Samsung", "model": "PM9A1", "serial": f"S4EV{serial}",
                "capacity_gb": 512}],
    )
    services.lifecycle.move(tag, "deployed")
    return services.lifecycle.move(tag, "retired", reason="End of refresh cycle")


def refreshed(qtbot, page):
    qtbot.waitUntil(lambda: page._read_task is None, timeout=10_000)


def choose(combo, key) -> None:
    index = combo.findData(key)
    assert index >= 0, key
    combo.setCurrentIndex(index)


def close_message(qtbot, page) -> str:
    box = page.message_box
    qtbot.waitUntil(lambda: box.isVisible())
    text = box.text()
    box.close()
    qtbot.waitUntil(lambda: page.message_box is None)
    return text


def wipe_dialog(qtbot, page, ref: str) -> WipeDialog:
    page.record_button.click()
    dialog = page.dialogs[-1]
    assert isinstance(dialog, WipeDialog)
    qtbot.keyClicks(dialog.asset_edit, ref)
    with qtbot.waitSignal(dialog.asset_loaded, timeout=10_000):
        qtbot.keyClick(dialog.asset_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()  # Enter looked the asset up; it did not press Record
    return dialog


# --- recording by hand -----------------------------------------------------------------------------
def test_recording_a_wipe_adds_a_row_and_lets_the_asset_be_sold(qtbot, window, page, services):
    detail = retired_laptop(services)
    with pytest.raises(GuardError):
        services.lifecycle.move("IT-000101", "sold")
    dialog = wipe_dialog(qtbot, page, "IT-000101")
    assert dialog.medium_combo.count() == 1
    assert "S4EVPF2ABCD1" in dialog.medium_combo.currentText()
    assert dialog.medium_combo.currentData() == detail.media[0].id
    assert "ThinkPad T14" in dialog.asset_info_label.text()

    choose(dialog.technique_combo, "nvme_sanitize")
    assert dialog.category_combo.currentData() == "purge"  # the highest the technique reaches on NVMe
    assert "reaches Purge" in dialog.hint_label.text()
    dialog.tool_label_edit.setText("NVMe Sanitize, crypto erase")
    choose(dialog.verification_combo, "sampling")
    assert dialog.pct_spin.isVisibleTo(dialog)
    dialog.pct_spin.setValue(10)
    choose(dialog.verification_result_combo, "pass")
    choose(dialog.classification_combo, "confidential")
    dialog.verifier_edit.setText("Li Na")
    dialog.zone_combo.setCurrentText("Asia/Shanghai")
    dialog.end_edit.setDateTime(QDateTime(2025, 3, 14, 18, 30, 0))
    with qtbot.waitSignal(page.records_refreshed, timeout=10_000), qtbot.waitSignal(dialog.recorded, timeout=10_000) as done:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    view = done.args[0]
    assert (view.category, view.technique, view.verified, view.meets_policy) == ("purge", "nvme_sanitize", True, True)
    assert view.performed_at == datetime(2025, 3, 14, 10, 30)  # 18:30 in Shanghai, stored as UTC
    assert view.time_zone == "Asia/Shanghai"
    qtbot.waitUntil(lambda: page.dialogs == [])

    model = page.model
    assert model.rowCount() == 1
    row = {c.key: model.index(0, i).data() for i, c in enumerate(model.COLUMNS)}
    assert row["asset"] == "IT-000101"
    assert row["medium"] == "NVMe SSD S4EVPF2ABCD1"
    assert (row["category"], row["technique"], row["result"]) == ("Purge", "NVMe Sanitize", "Pass")
    assert row["verification"] == "Sampling 10 % · Passed"
    assert (row["verified"], row["meets_policy"]) == ("✓", "✓")
    assert row["time"] == "2025-03-14 18:30 Asia/Shanghai"
    assert row["verifier"] == "Li Na" and row["operator"] == "tester"
    assert page.count_label.text() == "1 records · 0 do not count"

    assert services.lifecycle.move("IT-000101", "sold").status == "sold"


def test_a_refused_claim_is_shown_inside_the_dialog_which_stays_open(qtbot, page, services):
    retired_laptop(services)
    dialog = wipe_dialog(qtbot, page, "PF2ABCD1")  # the serial finds it too
    choose(dialog.technique_combo, "degauss")
    assert "cannot sanitize" in dialog.hint_label.text()
    with qtbot.waitSignal(dialog.recorded, timeout=3000, raising=False) as done:
        dialog.record()
        qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=10_000)
    assert not done.signal_triggered
    assert "degauss" in dialog.error_label.text() and "flash" in dialog.error_label.text()
    assert dialog.isVisible() and page.model.rowCount() == 0

    # A future end time is refused too; the corrected claim goes through.
    choose(dialog.technique_combo, "overwrite")
    dialog.end_edit.setDateTime(QDateTime.currentDateTime().addDays(5))
    dialog.record()
    qtbot.waitUntil(lambda: "future" in dialog.error_label.text(), timeout=10_000)
    dialog.end_edit.setDateTime(QDateTime.currentDateTime().addSecs(-3600))
    with qtbot.waitSignal(page.records_refreshed, timeout=10_000):
        dialog.record()
    row = page.model.row_at(0)
    assert (row.category, row.verified) == ("clear", False)  # no verification: recorded, but does not count
    assert page.model.index(0, page.model.column_of("verified")).data() == "✗"
    assert "without verification" in page.model.index(0, page.model.column_of("warnings")).data()

    # The filter shows only the records that do not count.
    services.sanitization.record("IT-000101", row.medium_id, WipeEntry(
        category="destroy", technique="shred", result="pass", ended_at=datetime.now() - timedelta(hours=1)))
    with qtbot.waitSignal(page.records_refreshed, timeout=10_000):
        page.refresh()
    assert page.model.rowCount() == 2
    with qtbot.waitSignal(page.records_refreshed, timeout=10_000):
        page.not_counting_check.setChecked(True)
    assert [r.technique for r in page.model.rows] == ["overwrite"]
    assert page.count_label.text() == "1 records that do not count"


def test_an_unknown_asset_is_explained_inline(qtbot, page):
    page.record_button.click()
    dialog = page.dialogs[-1]
    dialog.asset_edit.setText("NOPE-1")
    with qtbot.waitSignal(dialog.asset_loaded, timeout=10_000):
        dialog.find_button.click()
    assert "NOPE-1" in dialog.error_label.text()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dialog.reject()


def test_recording_a_destruction(qtbot, page, services):
    retired_laptop(services, "IT-1", "SER1", "hdd")
    retired_laptop(services, "IT-2", "SER2", "ssd")
    dialog = page.open_destruction_dialog()
    assert isinstance(dialog, DestructionDialog)
    dialog.assets_edit.setPlainText("IT-1\nSER2\n")
    choose(dialog.method_combo, "shred")
    dialog.equipment_edit.setText("SEM Model 0300")
    dialog.particle_spin.setValue(2)
    dialog.witness_edit.setText("Li Na")
    dialog.time_edit.setDateTime(QDateTime.currentDateTime().addSecs(-600))
    with qtbot.waitSignal(page.records_refreshed, timeout=10_000), qtbot.waitSignal(dialog.recorded, timeout=10_000) as done:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert len(done.args[0]) == 2
    assert {r.asset_tag for r in page.model.rows} == {"IT-1", "IT-2"}
    assert {r.category for r in page.model.rows} == {"destroy"}
    assert page.model.index(0, page.model.column_of("tool_label")).data() == "shred, 2 mm particles"
    assert services.lifecycle.move("IT-1", "sold").status == "sold"

    # An asset without media is refused inside the dialog.
    services.assets.create({"asset_tag": "MON-1", "category": "monitor"})
    dialog = page.open_destruction_dialog(["MON-1"])
    dialog.record()
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=10_000)
    assert "no storage media" in dialog.error_label.text()
    dialog.reject()


# --- importing -----------------------------------------------------------------------------------
def nwipe_log(tmp_path) -> Path:
    path = tmp_path / "sda.log"
    path.write_text(TINY_NWIPE_LOG, encoding="utf-8")
    return path


def test_importing_an_nwipe_log_dry_runs_first_then_fills_the_table(qtbot, page, services, tmp_path):
    log = nwipe_log(tmp_path)
    dialog = page.open_import_dialog("nwipe", str(log))
    assert isinstance(dialog, ImportWipeDialog)
    with qtbot.waitSignal(dialog.checked, timeout=10_000) as first:
        pass
    # The drive is not in the inventory: the dry run stops and says how to go on; Import stays off.
    assert first.args == [None]
    assert dialog.error_label.text() == "sda.log: nothing imported"
    assert any("S3Z9NB0K123456A" in p and "let the import create one" in p for p in dialog.problems)
    assert dialog.preview_tree.topLevelItem(0).child(0).text(0) == dialog.problems[0]
    assert not dialog.import_button.isEnabled()

    dialog.zone_combo.setCurrentText("Europe/Berlin")
    with qtbot.waitSignal(dialog.checked, timeout=10_000) as second:
        dialog.create_radio.setChecked(True)
    outcome = second.args[0]
    assert outcome is not None and outcome.dry_run
    assert outcome.assets_created == ["WIPE-000001"] and len(outcome.records) == 1
    assert "record 1 wipes" in dialog.summary_label.text()
    assert dialog.preview_tree.topLevelItem(0).text(0) == "Records (1)"
    assert dialog.preview_tree.topLevelItem(2).text(0) == "Assets to create (1)"
    assert services.sanitization.list() == []  # a dry run writes nothing
    assert dialog.import_button.isEnabled()

    # Changing an option makes the preview stale until it has been checked again.
    dialog.operator_edit.setText("Wang Lei")
    assert not dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.checked, timeout=10_000):
        pass
    assert dialog.import_button.isEnabled()

    with qtbot.waitSignal(page.records_refreshed, timeout=10_000), qtbot.waitSignal(page.assets_changed, timeout=10_000):
        dialog.import_button.click()
    assert page.model.rowCount() == 1
    row = page.model.row_at(0)
    assert (row.asset_tag, row.medium_serial, row.technique, row.operator) == (
        "WIPE-000001", "S3Z9NB0K123456A", "overwrite", "Wang Lei")
    assert row.time_zone == "Europe/Berlin" and row.verified
    assert page.model.index(0, page.model.column_of("evidence")).data() == row.evidence_sha256[:12]
    assert page.model.index(0, page.model.column_of("time")).data() == "2025-03-14 10:20 Europe/Berlin"

    # The same file again records nothing.
    again = page.open_import_dialog("nwipe", str(log))
    with qtbot.waitSignal(again.checked, timeout=10_000) as third:
        pass
    assert third.args[0].already_imported
    assert "imported before" in again.summary_label.text()
    assert not again.import_button.isEnabled()
    again.reject()

    # Show evidence saves the raw log by its hash.
    page.table.selectionModel().select(
        page.model.index(0, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    assert page.evidence_button.isEnabled()
    target = tmp_path / "saved.log"
    filename, content = services.sanitization.evidence(row.evidence_sha256)
    assert filename == "sda.log"
    assert page.write_evidence(str(target), content)
    assert target.read_bytes() == log.read_bytes()


def test_importing_a_recorded_three_drive_log(qtbot, page, services):
    log = NWIPE / "nwipe035_three_drives.log"
    if not log.exists():
        pytest.skip("tests/data/nwipe/nwipe035_three_drives.log is not there")
    dialog = page.open_import_dialog("nwipe", str(log))
    dialog.create_radio.setChecked(True)
    with qtbot.waitSignal(dialog.checked, timeout=10_000) as done:
        pass
    outcome = done.args[0]
    if outcome is None:  # the first check (before the option) may come first
        with qtbot.waitSignal(dialog.checked, timeout=10_000) as done:
            pass
        outcome = done.args[0]
    assert len(outcome.records) == 3 and len(outcome.assets_created) == 3
    with qtbot.waitSignal(page.records_refreshed, timeout=10_000):
        dialog.import_now()
    assert page.model.rowCount() == 3
    results = sorted(page.model.index(r, page.model.column_of("result")).data() for r in range(3))
    assert results == ["Fail", "Pass", "Pass"]
    assert page.count_label.text() == "3 records · 1 do not count"


def test_a_file_that_is_not_a_wipe_log_is_explained(qtbot, page, tmp_path):
    bad = tmp_path / "notes.log"
    bad.write_text("hello\nthis is no nwipe log\n", encoding="utf-8")
    dialog = page.open_import_dialog("nwipe", str(bad))
    with qtbot.waitSignal(dialog.checked, timeout=10_000) as done:
        pass
    assert done.args == [None]
    text = dialog.error_label.text()
    assert "notes.log" in text and "Traceback" not in text
    assert not dialog.import_button.isEnabled()
    dialog.reject()

    missing = page.open_import_dialog("nwipe", str(tmp_path / "gone.log"))
    with qtbot.waitSignal(missing.checked, timeout=10_000):
        pass
    assert "Cannot read" in missing.error_label.text()
    missing.reject()


def test_the_records_model_passes_qt_checks(qtmodeltester, qtbot, page, services):
    detail = retired_laptop(services)
    services.sanitization.record("IT-000101", detail.media[0].id, WipeEntry(
        category="clear", technique="overwrite", result="fail", ended_at=datetime(2025, 1, 2, 3, 4), time_zone="UTC"))
    with qtbot.waitSignal(page.records_refreshed, timeout=10_000):
        page.refresh()
    model = SanitizationTableModel()
    model.set_rows(page.model.rows)
    model.sort(model.column_of("time"), Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    qtmodeltester.check(page.model)
    assert model.index(0, model.column_of("result")).data(Qt.ItemDataRole.ForegroundRole) is not None


def test_switching_language_translates_the_page(qtbot, page, services):
    detail = retired_laptop(services)
    services.sanitization.record("IT-000101", detail.media[0].id, WipeEntry(
        category="destroy", technique="shred", result="pass", ended_at=datetime(2025, 1, 2, 3, 4)))
    with qtbot.waitSignal(page.records_refreshed, timeout=10_000):
        page.refresh()
    assert page.record_button.text() == "&Record wipe…"
    i18n.set_language("zh_CN")
    qtbot.waitUntil(lambda: page.record_button.text() != "&Record wipe…")
    assert page.record_button.text() == "记录擦除(&R)…"
    assert page.not_counting_check.text() == "仅显示不计入的记录(&O)"
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "资产"
    assert page.model.index(0, page.model.column_of("category")).data() == "销毁"
    assert page.model.index(0, page.model.column_of("technique")).data() == "粉碎"
    assert page.title() == "数据清除"
    i18n.set_language("en")
    qtbot.waitUntil(lambda: page.record_button.text() == "&Record wipe…")


# --- the window ----------------------------------------------------------------------------------------
def test_the_new_pages_are_in_the_navigation_with_shortcuts(qtbot, window):
    nav = window.navigation
    assert [nav.item(i).text() for i in range(nav.count())] == [
        "Dashboard", "Inventory", "Discovery", "Lifecycle", "Sanitization", "Batches & custody", "Certificates",
        "Reports", "Settings"]
    shortcuts = {a.text(): a.shortcut().toString() for a in window.view_menu.actions() if a.text()}
    assert (shortcuts["Sanitization"], shortcuts["Batches & custody"], shortcuts["Certificates"]) == (
        "Ctrl+5", "Ctrl+6", "Ctrl+7")
    for number, page in ((4, window.lifecycle), (5, window.sanitization), (6, window.batches), (7, window.certificates),
                         (8, window.reports), (9, window.settings_page)):
        window.page_actions[number - 1].trigger()
        assert window.current_page is page
    i18n.set_language("zh_CN")
    qtbot.waitUntil(lambda: nav.item(4).text() == "数据清除")
    assert [nav.item(i).text() for i in range(4, 7)] == ["数据清除", "批次与监管链", "证书"]


def test_an_import_that_creates_assets_refreshes_the_inventory(qtbot, window, page, tmp_path):
    assert window.count_label.text() == "0 assets"
    dialog = page.open_import_dialog("nwipe", str(nwipe_log(tmp_path)))
    with qtbot.waitSignal(dialog.checked, timeout=10_000):
        dialog.create_radio.setChecked(True)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=10_000)
    with qtbot.waitSignal(page.assets_changed, timeout=10_000):
        dialog.import_now()
    qtbot.waitUntil(lambda: window.count_label.text() == "1 asset", timeout=10_000)
    assert window.model.row_at(0).asset_tag == "WIPE-000001"


def test_a_wipe_csv_with_bad_rows_lists_every_problem_then_a_good_one_imports(qtbot, page):
    data = Path(__file__).resolve().parents[1] / "data" / "wipe_csv"
    if not (data / "three_bad_rows.csv").exists() or not (data / "good.csv").exists():
        pytest.skip("tests/data/wipe_csv is not there")
    dialog = page.open_import_dialog("csv", str(data / "three_bad_rows.csv"))
    assert not dialog.operator_edit.isVisibleTo(dialog)  # a CSV has its own columns for people
    with qtbot.waitSignal(dialog.checked, timeout=10_000) as done:
        pass
    assert done.args == [None]
    assert dialog.error_label.isVisible()
    problems = dialog.preview_tree.topLevelItem(0)
    assert problems.text(0) == f"Problems ({len(dialog.problems)})"
    assert problems.childCount() == len(dialog.problems) >= 3  # every bad row, not just the first
    assert not dialog.import_button.isEnabled()
    dialog.reject()

    dialog = page.open_import_dialog("csv", str(data / "good.csv"))
    dialog.create_radio.setChecked(True)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=10_000)
    n = len(dialog.outcome.records)
    assert n >= 1
    with qtbot.waitSignal(page.records_refreshed, timeout=10_000):
        dialog.import_now()
    assert page.model.rowCount() == n


def test_importing_several_nwipe_logs_imports_the_good_one_and_reports_the_other(qtbot, page, services):
    good, bad = NWIPE / "nwipe035_three_drives.log", NWIPE / "foreign_syslog.txt"
    if not good.exists() or not bad.exists():
        pytest.skip("tests/data/nwipe is not there")
    services.assets.create(
        {"asset_tag": "IT-000700", "serial": "7QX2KF2", "category": "desktop", "manufacturer": "Dell"},
        media=[{"media_type": "hdd", "serial": "ZN1AQ7LM"}, {"media_type": "ssd", "serial": "S3Z2NB0KB12345X"},
               {"media_type": "hdd", "serial": "WD-WCC2EUH71234"}],
    )
    dialog = page.open_import_dialog("nwipe", [str(good), str(bad)])
    assert dialog.multiple and dialog.windowTitle() == "Import nwipe logs"
    assert "2 files: nwipe035_three_drives.log, foreign_syslog.txt" == dialog.file_label.text()
    with qtbot.waitSignal(dialog.checked, timeout=10_000) as checked:
        pass
    results = checked.args[0]
    assert [r.name for r in results] == ["nwipe035_three_drives.log", "foreign_syslog.txt"]
    assert results[0].importable and len(results[0].outcome.records) == 3
    assert results[1].outcome is None and "not an nwipe log" in str(results[1].error)
    assert services.sanitization.list() == []  # the dry run wrote nothing

    # One branch per file: the good one ticked with its records, the bad one unticked with the reason.
    tree = dialog.preview_tree
    first, second = tree.topLevelItem(0), tree.topLevelItem(1)
    assert first.text(0) == "nwipe035_three_drives.log: 3 wipes, 0 warnings"
    assert first.checkState(0) == Qt.CheckState.Checked
    assert first.child(0).text(0) == "Records (3)" and first.child(0).childCount() == 3
    assert second.text(0) == "✗ foreign_syslog.txt: cannot be imported"
    assert second.checkState(0) == Qt.CheckState.Unchecked
    assert "not an nwipe log" in second.child(0).text(0)
    assert dialog.ticked == {str(good)}
    assert "1 of 2 files can be imported" in dialog.summary_label.text()
    assert not dialog.error_label.isVisible()

    # Unticking every file turns Import off; ticking the good one again turns it on.
    dialog.set_ticked(str(good), False)
    assert not dialog.import_button.isEnabled()
    dialog.set_ticked(str(good), True)
    assert dialog.import_button.isEnabled()

    with qtbot.waitSignal(page.records_refreshed, timeout=10_000), \
            qtbot.waitSignal(dialog.files_imported, timeout=10_000) as imported:
        dialog.import_button.click()
    (result,) = imported.args[0]  # the unticked file was not tried again
    assert result.path == str(good) and len(result.outcome.records) == 3
    assert dialog.isVisible()  # stays open with the report
    assert dialog.summary_label.text().startswith("Imported 1 of 2 files: 3 wipes recorded")
    assert "1 files were not imported" in dialog.summary_label.text()
    assert tree.topLevelItem(0).text(0) == "✓ nwipe035_three_drives.log: 3 wipes recorded"
    assert tree.topLevelItem(1).text(0) == "✗ foreign_syslog.txt: not imported, it failed the check"
    assert "not an nwipe log" in tree.topLevelItem(1).child(0).text(0)
    assert not dialog.import_button.isEnabled() and not dialog.options_box.isEnabled()

    assert page.model.rowCount() == 3
    assert {r.medium_serial for r in page.model.rows} == {"ZN1AQ7LM", "S3Z2NB0KB12345X", "WD-WCC2EUH71234"}
    assert {r.asset_tag for r in page.model.rows} == {"IT-000700"}
    dialog.reject()


def test_several_files_are_imported_each_on_its_own(qtbot, page, services, tmp_path):
    # Two logs of unknown drives; the second fails for real (its drive belongs to another asset by then), the
    # first stays imported: every file is its own transaction.
    first = nwipe_log(tmp_path)
    second = tmp_path / "sdb.log"
    second.write_text(TINY_NWIPE_LOG.replace("sda", "sdb").replace("S3Z9NB0K123456A", "S3Z9NB0K999999B"), encoding="utf-8")
    services.assets.create({"asset_tag": "IT-1", "category": "laptop"})
    dialog = page.open_import_dialog("nwipe", [str(first), str(second)])
    with qtbot.waitSignal(dialog.checked, timeout=10_000):
        dialog.target_edit.setText("IT-1")
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=10_000)
    assert dialog.ticked == {str(first), str(second)}
    # Meanwhile someone records the second file's drive on another asset.
    services.assets.create({"asset_tag": "IT-2", "category": "laptop"},
                           media=[{"media_type": "ssd", "serial": "S3Z9NB0K999999B"}])
    with qtbot.waitSignal(dialog.files_imported, timeout=10_000) as imported:
        assert dialog.import_now()
        assert dialog.progress_bar.isVisible() and dialog.progress_bar.maximum() == 2
    one, two = imported.args[0]
    assert one.outcome is not None and len(one.outcome.records) == 1
    assert two.outcome is None and "belongs to a medium of asset" in " ".join(two.error.problems)
    assert [r.asset_tag for r in services.sanitization.list()] == ["IT-1"]
    tree = dialog.preview_tree
    assert tree.topLevelItem(1).text(0) == "✗ sdb.log: not imported"
    assert tree.topLevelItem(1).child(1).text(0) == "Problems (1)"
    dialog.reject()


def test_the_records_columns_are_kept_under_their_settings_key(qtbot, page, services, settings):
    from PySide6.QtCore import QSettings

    from ui.pages.sanitization import SanitizationPage

    page.table.horizontalHeader().resizeSection(1, 188)
    page.save_settings(settings)
    settings.sync()
    assert not settings.sanitization_records_header_state.isEmpty()
    assert "sanitization/records_header" in QSettings(settings.file_name, QSettings.Format.IniFormat).allKeys()
    again = SanitizationPage(services, settings)
    qtbot.addWidget(again)
    again.restore_settings(settings)
    assert again.table.horizontalHeader().sectionSize(1) == 188
    qtbot.waitUntil(lambda: again._read_task is None, timeout=10_000)
