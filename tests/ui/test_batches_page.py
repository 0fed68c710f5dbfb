"""The batches & custody page: creating a batch, its manifest, scan mode, receipt, discrepancies, closing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from ui import i18n
from ui.pages.batches import (
    TAB_DISCREPANCIES,
    TAB_SCAN,
    AddAssetsDialog,
    BatchesPage,
    BatchTableModel,
    DiscrepancyTableModel,
    EventDialog,
    EventTableModel,
    ItemTableModel,
    NewBatchDialog,
    ReceiveDialog,
)

# Dialogs and message boxes fix their size after their window exists, which "offscreen" cannot pass on.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

SERIALS = ["5CG1234ABC", "5CG1234ABD", "5CG1234ABE", "5CG1234ABF"]


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def page(qtbot, window, services):
    services.parties.add("GreenCycle GmbH", "itad_vendor", certifications=[("R2v3", "R2-12345")])
    services.parties.add("Northwind Traders", "client")
    for n, serial in enumerate(SERIALS, start=1):
        services.assets.create({"asset_tag": f"LAP-{n:03d}", "serial": serial, "category": "laptop",
                                "manufacturer": "HP", "model": "EliteBook 840 G8"})
    page = window.batches
    window.show_page("batches")
    qtbot.waitUntil(lambda: page._list_task is None, timeout=10_000)
    return page


def idle(qtbot, page) -> None:
    qtbot.waitUntil(lambda: page._list_task is None and page._detail_task is None and page._action_task is None,
                    timeout=10_000)


def answer(qtbot, page, button=QMessageBox.StandardButton.Yes) -> str:
    box = page.message_box
    qtbot.waitUntil(lambda: box.isVisible())
    text = box.text()
    box.button(button).click()
    qtbot.waitUntil(lambda: page.message_box is None)
    return text


def new_batch(qtbot, page, number="ITAD-2025-014") -> None:
    page.new_button.click()
    dialog = page.dialogs[-1]
    assert isinstance(dialog, NewBatchDialog)
    assert dialog.vendor_combo.findText("GreenCycle GmbH") > 0
    dialog.number_edit.setText(number)
    dialog.client_combo.setCurrentText("Northwind Traders")
    dialog.vendor_combo.setCurrentText("GreenCycle GmbH")
    with qtbot.waitSignal(page.detail_refreshed, timeout=10_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    idle(qtbot, page)


def add_assets(qtbot, page, refs: list[str]) -> None:
    page.add_button.click()
    dialog = page.dialogs[-1]
    assert isinstance(dialog, AddAssetsDialog)
    dialog.assets_edit.setPlainText("\n".join(refs))
    with qtbot.waitSignal(page.detail_refreshed, timeout=10_000):
        dialog.submit()
    idle(qtbot, page)


def frozen_batch(qtbot, page) -> None:
    new_batch(qtbot, page)
    add_assets(qtbot, page, ["LAP-001", "LAP-002", SERIALS[2], "LAP-004"])
    page.freeze_button.click()
    assert "4 serials" in answer(qtbot, page)
    idle(qtbot, page)
    assert page.batch.status == "manifested"


def scan(qtbot, page, serial: str):
    panel = page.scan_panel
    with qtbot.waitSignal(panel.scanned, timeout=10_000) as done:
        qtbot.keyClicks(panel.edit, serial)
        qtbot.keyClick(panel.edit, Qt.Key.Key_Return)
    return done.args[0]


# --- batch, manifest -------------------------------------------------------------------------------------
def test_a_new_batch_gets_its_manifest_and_is_frozen(qtbot, page, services):
    assert page.heading_label.text() == "No batch selected"
    assert not page.add_button.isEnabled() and not page.freeze_button.isEnabled()
    new_batch(qtbot, page)
    model = page.batch_model
    assert model.rowCount() == 1
    assert [model.index(0, c).data() for c in range(model.columnCount())] == [
        "ITAD-2025-014", "Open", "Northwind Traders", "GreenCycle GmbH", "0", "0"]
    assert page.heading_label.text() == "ITAD-2025-014 · Open"
    assert page.add_button.isEnabled() and not page.freeze_button.isEnabled()

    # A refusal stays in the dialog: an unknown serial, all or nothing.
    page.add_button.click()
    dialog = page.dialogs[-1]
    dialog.assets_edit.setPlainText("LAP-001\nNOPE-9")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=10_000)
    assert "NOPE-9: not in the inventory" in dialog.error_label.text()
    assert dialog.isVisible()
    dialog.reject()

    add_assets(qtbot, page, ["LAP-001", "LAP-002", SERIALS[2], "LAP-004"])
    assert page.item_model.rowCount() == 4
    assert page.item_model.index(0, 0).data() == SERIALS[0]
    assert page.tabs.tabText(0) == "Manifest (4)"
    assert page.batch_model.index(0, page.batch_model.column_of("items")).data() == "4"

    page.freeze_button.click()
    answer(qtbot, page)
    idle(qtbot, page)
    assert page.batch.status == "manifested"
    assert page.batch_model.index(0, 1).data() == "Manifest frozen"
    assert not page.add_button.isEnabled()
    events = page.event_model
    assert events.rowCount() == 1
    assert events.index(0, events.column_of("kind")).data() == "Manifest frozen"
    assert events.index(0, events.column_of("details")).data().startswith("serials: 4 · SHA-256: ")
    assert "manifest of 4 frozen" in page.sub_label.text()


def test_recording_custody_events(qtbot, page, services):
    frozen_batch(qtbot, page)
    page.event_button.click()
    dialog = page.dialogs[-1]
    assert isinstance(dialog, EventDialog)
    kinds = [dialog.kind_combo.itemData(i) for i in range(dialog.kind_combo.count())]
    assert kinds == ["collected", "sealed", "in_transit", "note"]  # what may follow a frozen manifest
    dialog.kind_combo.setCurrentIndex(kinds.index("sealed"))
    assert dialog.fields["seals"].isVisibleTo(dialog) and not dialog.fields["carrier"].isVisibleTo(dialog)
    dialog.submit()  # no seal numbers: refused inline
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=10_000)
    assert "seal numbers" in dialog.error_label.text()
    dialog.fields["seals"].setText("S-1001, S-1002")
    with qtbot.waitSignal(page.detail_refreshed, timeout=10_000):
        dialog.submit()
    idle(qtbot, page)
    last = page.event_model.rows[-1]
    assert last.kind == "sealed" and last.details["seals"] == ["S-1001", "S-1002"]
    row = page.event_model.rowCount() - 1
    assert page.event_model.index(row, page.event_model.column_of("details")).data() == "seals: S-1001, S-1002"


# --- scan mode and receipt ------------------------------------------------------------------------------
def test_scan_mode_counts_serials_and_an_extra_one_shows_red(qtbot, page, monkeypatch):
    beeps = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: beeps.append(1)))
    frozen_batch(qtbot, page)
    page.scan_button.click()
    panel = page.scan_panel
    assert page.tabs.currentIndex() == TAB_SCAN
    assert panel.edit.isEnabled()
    assert panel.counter_label.text() == "4 expected — scan the first serial"

    for serial in SERIALS[:2]:
        scan(qtbot, page, serial)
    outcome = scan(qtbot, page, "LAP-003")  # the asset tag on the label works as well as the serial
    assert outcome.outcome == "expected" and outcome.serial == SERIALS[2]
    assert panel.counter_label.text() == "3 of 4 expected · 0 extra"
    assert beeps == []
    top = panel.log.item(0)
    assert top.text() == f"✓ {SERIALS[2]} — expected (LAP-003)"
    assert top.foreground().color() == QColor("#1b5e20")

    outcome = scan(qtbot, page, "XX-NOT-LISTED")
    assert outcome.outcome == "extra"
    assert panel.counter_label.text() == "3 of 4 expected · 1 extra"
    top = panel.log.item(0)
    assert top.text() == "✗ XX-NOT-LISTED — extra: not on the manifest"
    assert top.foreground().color() == QColor("#b71c1c") and top.background().color() == QColor("#ffebee")
    assert beeps == [1]

    scan(qtbot, page, SERIALS[0])
    assert panel.log.item(0).data(Qt.ItemDataRole.UserRole + 1) == "repeat"
    assert panel.log.item(0).background().color() == QColor("#fff3cd")
    assert panel.counter_label.text() == "3 of 4 expected · 1 extra"
    assert panel.log.count() == 5

    # Serials typed faster than the service answers are queued and sent in order.
    with qtbot.waitSignals([panel.scanned, panel.scanned], timeout=10_000):
        panel.scan("EXTRA-2")
        panel.scan("EXTRA-3")
    assert [panel.log.item(i).data(Qt.ItemDataRole.UserRole)[1] for i in range(2)] == ["EXTRA-3", "EXTRA-2"]

    # Receive: the check-in scans are compared with the manifest.
    page.receive_button.click()
    dialog = page.dialogs[-1]
    assert isinstance(dialog, ReceiveDialog)
    dialog.intact_edit.setText("S-1001")
    dialog.broken_edit.setText("S-1002")
    dialog.weight_spins["whole units for reuse"].setValue(5.6)
    dialog.witness_edit.setText("Li Na")
    with qtbot.waitSignal(dialog.succeeded, timeout=10_000) as done:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    receipt = done.args[0]
    assert receipt.missing == (SERIALS[3],)
    assert dialog.isVisible()  # the receipt stays on screen
    assert dialog.receipt_label.text() == "Received 3 of 4 expected · 1 missing · 3 extra"
    assert [dialog.missing_list.item(i).text() for i in range(dialog.missing_list.count())] == [SERIALS[3]]
    assert dialog.extra_list.count() == 3
    assert "Broken seals: S-1002" in dialog.seals_result_label.text()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Close).click()
    idle(qtbot, page)
    assert page.batch.status == "received"
    assert page.tabs.tabText(TAB_DISCREPANCIES) == "Discrepancies (5 open)"
    assert not panel.edit.isEnabled()  # already received: no more check-in
    assert page.batch_model.index(0, page.batch_model.column_of("discrepancies")).data() == "5"
    assert page.batch_model.index(0, page.batch_model.column_of("discrepancies")).data(
        Qt.ItemDataRole.ForegroundRole) is not None


def test_receive_without_scans_takes_the_typed_list_and_shows_missing(qtbot, page):
    frozen_batch(qtbot, page)
    dialog = page.open_receive_dialog()
    dialog.serials_edit.setPlainText(f"{SERIALS[0]}\nLAP-002\n")
    with qtbot.waitSignal(page.detail_refreshed, timeout=10_000), qtbot.waitSignal(dialog.succeeded, timeout=10_000):
        dialog.submit()
    assert dialog.missing_title.text() == "Missing (2):"
    assert [dialog.missing_list.item(i).text() for i in range(2)] == SERIALS[2:]
    assert dialog.extra_list.count() == 0
    dialog.close()
    idle(qtbot, page)

    # Discrepancies: resolve one, then closing offers to force with the other still open.
    page.tabs.setCurrentIndex(TAB_DISCREPANCIES)
    model = page.discrepancy_model
    assert model.rowCount() == 2
    assert model.index(0, model.column_of("type")).data() == "Missing"
    assert model.index(0, model.column_of("state")).data() == "Open"
    assert not page.resolve_button.isEnabled()
    page.discrepancy_view.selectionModel().select(
        model.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    assert page.resolve_button.isEnabled()
    dialog = page.ask_resolve()
    assert SERIALS[2] in dialog.labelText()
    dialog.setTextValue("Found in the second cage; shipped next week")
    with qtbot.waitSignal(page.detail_refreshed, timeout=10_000):
        dialog.accept()
    idle(qtbot, page)
    assert model.index(0, model.column_of("state")).data() == "Resolved: Found in the second cage; shipped next week"
    assert page.tabs.tabText(TAB_DISCREPANCIES) == "Discrepancies (1 open)"

    assert page.close_button.isEnabled()
    page.close_button.click()
    box = page.message_box
    qtbot.waitUntil(lambda: box.isVisible())
    assert "1 open discrepancies" in box.text()
    assert box.button(QMessageBox.StandardButton.Yes).text() == "Close with open discrepancies"
    with qtbot.waitSignal(page.detail_refreshed, timeout=10_000):
        box.button(QMessageBox.StandardButton.Yes).click()
    idle(qtbot, page)
    assert page.batch.status == "closed"
    assert page.event_model.rows[-1].details == {"open_discrepancies": 1}
    assert not page.event_button.isEnabled() and not page.close_button.isEnabled()


def test_scanning_an_open_batch_is_refused(qtbot, page):
    new_batch(qtbot, page)
    add_assets(qtbot, page, ["LAP-001"])
    panel = page.scan_panel
    assert not page.scan_button.isEnabled()
    assert not panel.edit.isEnabled()
    assert panel.counter_label.text() == "Freeze the manifest before scanning"


# --- models and language ------------------------------------------------------------------------------
def test_the_batch_models_pass_qt_checks(qtmodeltester, qtbot, page):
    frozen_batch(qtbot, page)
    dialog = page.open_receive_dialog()
    dialog.serials_edit.setPlainText(f"{SERIALS[0]}\nSTRANGER")
    with qtbot.waitSignal(page.detail_refreshed, timeout=10_000):
        dialog.submit()
    dialog.close()
    idle(qtbot, page)
    detail = page.detail
    for model_type, rows in ((BatchTableModel, page.batch_model.rows), (ItemTableModel, detail.items),
                             (EventTableModel, detail.events), (DiscrepancyTableModel, detail.discrepancies)):
        model = model_type()
        model.set_rows(rows)
        model.sort(0, Qt.SortOrder.DescendingOrder)
        qtmodeltester.check(model)
    for model in (page.batch_model, page.item_model, page.event_model, page.discrepancy_model):
        qtmodeltester.check(model)
    assert page.item_model.rowCount() == 5  # the stranger is listed as an extra item


def test_switching_language_translates_the_page(qtbot, page):
    frozen_batch(qtbot, page)
    i18n.set_language("zh_CN")
    qtbot.waitUntil(lambda: page.new_button.text() != "&New batch…")
    assert page.new_button.text() == "新建批次(&N)…"
    assert page.title() == "批次与监管链"
    assert page.batch_model.headerData(0, Qt.Orientation.Horizontal) == "作业编号"
    assert page.batch_model.index(0, 1).data() == "清单已冻结"
    assert page.tabs.tabText(TAB_SCAN) == "扫描"
    assert page.scan_panel.counter_label.text() == "预期 4 件 — 请扫描第一个序列号"
    i18n.set_language("en")
    qtbot.waitUntil(lambda: page.new_button.text() == "&New batch…")


def test_the_page_layout_is_kept_under_its_settings_keys(qtbot, page, services, settings):
    from PySide6.QtCore import QSettings

    page.batch_view.horizontalHeader().resizeSection(0, 166)
    page.save_settings(settings)
    settings.sync()
    assert not settings.batches_list_header_state.isEmpty() and not settings.batches_splitter_state.isEmpty()
    keys = set(QSettings(settings.file_name, QSettings.Format.IniFormat).allKeys())
    assert {"batches/list_header", "batches/splitter"} <= keys
    again = BatchesPage(services, settings)
    qtbot.addWidget(again)
    again.restore_settings(settings)
    assert again.batch_view.horizontalHeader().sectionSize(0) == 166
    idle(qtbot, again)
