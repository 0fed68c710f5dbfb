"""Inventory: more filters, the column chooser and bulk actions on the selected assets."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QItemSelectionModel

from itam.lifecycle import default_lifecycle
from itam.services import AssetQuery

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _retired_monitor(services, tag, department="Finance"):
    services.assets.create({"asset_tag": tag, "category": "monitor", "serial": f"SN-{tag}", "data_bearing": "false",
                            "department": department, "location": "HQ floor 2"})
    services.lifecycle.move(tag, "deployed")
    services.lifecycle.move(tag, "retired", reason="old")


def _select(page, tags):
    model, sel = page.model, page.table.selectionModel()
    sel.clearSelection()
    for row in range(model.rowCount()):
        if model.row_at(row).asset_tag in tags:
            sel.select(model.index(row, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def test_department_location_and_stage_filters(qtbot, make_window, services):
    _retired_monitor(services, "M-1", "Finance")
    _retired_monitor(services, "M-2", "Sales")
    services.assets.create({"asset_tag": "L-1", "category": "laptop", "department": "Sales"})
    page = make_window().inventory
    qtbot.waitUntil(lambda: page.department_combo.count() == 3, timeout=10_000)  # all, Finance, Sales
    page.department_combo.setCurrentIndex(page.department_combo.findData("Sales"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)
    page.stage_combo.setCurrentIndex(page.stage_combo.findData(5))  # in stock: stage 5
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    assert page.model.row_at(0).asset_tag == "L-1"
    page.stage_combo.setCurrentIndex(0)
    page.department_combo.setCurrentIndex(0)
    page.location_combo.setCurrentIndex(page.location_combo.findData("HQ floor 2"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)


def test_the_column_chooser_hides_and_shows_columns(qtbot, make_window):
    page = make_window().inventory
    header = page.table.horizontalHeader()
    page.build_columns_menu()
    actions = page.columns_menu.actions()
    assert len(actions) == page.model.columnCount() and all(a.isChecked() for a in actions)
    actions[2].setChecked(False)
    assert header.isSectionHidden(2)
    actions[2].setChecked(True)
    assert not header.isSectionHidden(2)


def test_bulk_move_of_the_selected_assets_is_all_or_nothing(qtbot, make_window, services, monkeypatch):
    recycler = services.parties.add("GreenCycle Ltd", "recycler")
    _retired_monitor(services, "M-1")
    _retired_monitor(services, "M-2")
    services.assets.create({"asset_tag": "L-9", "category": "laptop", "serial": "SN-L9"})
    window = make_window()
    page = window.inventory
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=10_000)
    _select(page, {"M-1", "M-2"})
    page.build_selection_menu()
    move_menu = next(a.menu() for a in page.selection_menu.actions() if a.menu())
    names = [a.text() for a in move_menu.actions()]
    lifecycle = default_lifecycle()
    assert names == [t.name for t in lifecycle.allowed_from("retired")]  # the moves a retired asset has
    recycle = lifecycle.transitions["recycle"]
    page.start_move(recycle, sorted(page.selected_ids()), [page.model.row_at(r) for r in range(3)])
    dialog = page.move_dialog
    dialog.party_combo.setCurrentIndex(dialog.party_combo.findData(recycler.name))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: services.assets.get("M-1").status == "recycled", timeout=10_000)
    assert services.assets.get("M-2").status == "recycled"
    # The laptop is in stock: recycling it together with a retired monitor is refused, nothing moves.
    _retired_monitor(services, "M-3")
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() == 4, timeout=10_000)
    messages = []
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: messages.append(a[2])))
    ids = [services.assets.get("M-3").id, services.assets.get("L-9").id]
    page._run_move(recycle, ids, {"reason": None, "party": recycler.name, "occurred_at": None})
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    assert "nothing was moved" in messages[0]
    assert services.assets.get("M-3").status == "retired"


def test_add_to_batch_and_export_selected(qtbot, make_window, services, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    _retired_monitor(services, "M-1")
    _retired_monitor(services, "M-2")
    services.custody.create("JOB-1")
    page = make_window().inventory
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)
    _select(page, {"M-1", "M-2"})
    ids = page.selected_ids()
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("JOB-1", True))
    page.add_to_batch(ids)
    assert sorted(i.serial for i in services.custody.items("JOB-1")) == ["SN-M-1", "SN-M-2"]
    target = tmp_path / "sel.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page.export_selected(ids[:1])
    qtbot.waitUntil(target.exists, timeout=10_000)
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][0] == services.assets.list(AssetQuery(ids=(ids[0],))).rows[0].asset_tag


def test_assign_the_selection_to_a_person_all_or_nothing(qtbot, make_window, services, monkeypatch):
    _retired_monitor(services, "M-1")
    _retired_monitor(services, "M-2")
    page = make_window().inventory
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)
    _select(page, {"M-1", "M-2"})
    page.assign(page.selected_ids(), "Wang Fang")
    qtbot.waitUntil(lambda: services.assets.get("M-2").fields.get("assignee") == "Wang Fang", timeout=10_000)
    assert services.assets.get("M-1").fields.get("assignee") == "Wang Fang"
    history = services.assets.get("M-1").history
    assert history[-1].reason == "Assigned from the inventory" and "assignee" in history[-1].changes


def test_audit_the_selected_assets_from_the_menu(qtbot, make_window, services, monkeypatch):
    """Loopback only (no SSH server answers there): the audit runs for the addressed asset, the other is named
    as having no address, and the listing's Audit column then says why the first could not be audited."""
    from itam.audit import vault
    from ui.models.asset_table import COLUMN_KEYS

    monkeypatch.setattr(vault, "_keyring", lambda: None)
    services.credentials.add("loop-ssh", "ssh", "127.0.0.1/32", {"user": "nobody", "password": "pw-123456"},
                             passphrase="inventory audit")
    services.assets.create({"asset_tag": "LOOP-A", "category": "server"}, ips=["127.0.0.1"])
    services.assets.create({"asset_tag": "NOIP-B", "category": "server"})
    page = make_window().inventory
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 and page.model.row_at(1) is not None, timeout=10_000)
    _select(page, {"LOOP-A", "NOIP-B"})
    menu = page.build_selection_menu()
    [action] = [a for a in menu.actions() if a.text().replace("&", "").startswith("Audit 2 asset(s)")]
    assert action.isEnabled()
    action.trigger()
    dialog = page.audit_dialog
    dialog.passphrase_edit.setText("inventory audit")
    with qtbot.waitSignal(dialog.audited, timeout=60_000) as done:
        dialog.start_button.click()
    assert done.args[0].unaddressed == ["NOIP-B"]
    assert "have no IP address and were not audited: NOIP-B" in dialog.status_label.text()
    column = COLUMN_KEYS.index("audit")

    def cell(tag):
        row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r) and page.model.row_at(r).asset_tag == tag)
        return page.model.index(row, column).data()

    qtbot.waitUntil(lambda: (cell("LOOP-A") or "").startswith("Not audited ("), timeout=10_000)
    assert cell("NOIP-B") == ""
    dialog.close()
