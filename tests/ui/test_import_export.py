"""File → Import spreadsheet… and File → Export inventory… from the main window."""

from __future__ import annotations

from openpyxl import load_workbook

from itam.services import AssetQuery


def test_import_previews_then_imports_and_the_inventory_shows_it(qtbot, make_window, services, tmp_path):
    window = make_window()
    csv = tmp_path / "new.csv"
    csv.write_text("Asset Tag,Category,Serial,Model\nNEW-1,laptop,SN-NEW-1,Latitude 5440\n"
                   "NEW-2,desktop,SN-NEW-2,OptiPlex 7090\n", encoding="utf-8")
    from ui.dialogs.import_dialog import ImportDialog

    dialog = ImportDialog(services, window)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.planned, timeout=10_000):
        dialog.path_edit.setText(str(csv))
        dialog.preview_button.click()
    assert "2 new assets" in dialog.status_label.text() and dialog.import_button.isEnabled()
    assert services.assets.count(AssetQuery()) == 0  # the preview wrote nothing
    dialog.imported.connect(window._after_import)
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.import_button.click()
    assert services.assets.count(AssetQuery()) == 2
    assert window.current_page is window.inventory
    qtbot.waitUntil(lambda: window.inventory.model.rowCount() == 2)


def test_a_file_with_a_bad_row_offers_the_valid_rows_only(qtbot, services, tmp_path):
    from ui.dialogs.import_dialog import ImportDialog

    csv = tmp_path / "bad.csv"
    csv.write_text("Asset Tag,Category,Purchase Date\nOK-1,laptop,2024-01-02\nBAD-1,laptop,not a date\n", encoding="utf-8")
    dialog = ImportDialog(services, None, path=str(csv))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)
    assert "1 rows cannot be imported" in dialog.status_label.text()
    assert dialog.import_button.text() == "Import the &valid rows only"
    missing = ImportDialog(services, None, path=str(tmp_path / "missing.csv"))
    qtbot.addWidget(missing)
    qtbot.waitUntil(lambda: not missing.busy, timeout=10_000)
    assert missing.status_label.text() and not missing.import_button.isEnabled()


def test_export_writes_what_the_inventory_lists(qtbot, make_window, services, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    for n in range(3):
        services.assets.create({"asset_tag": f"EX-{n}", "category": "laptop" if n else "monitor"})
    window = make_window()
    window.inventory.model.set_filter(category="laptop") if hasattr(window.inventory.model, "set_filter") else None
    target = tmp_path / "out.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.export_action.trigger()
    qtbot.waitUntil(target.exists, timeout=10_000)
    qtbot.waitUntil(lambda: "Exported" in window.statusBar().currentMessage(), timeout=10_000)
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    tags = sorted(r[0] for r in rows[1:])
    assert tags == sorted(r.asset_tag for r in services.assets.list(window.inventory.model.query).rows)
