"""A database opened with a warning (a SQLite file on a network share): the window says so at start-up and keeps
saying it in the status bar."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from itam.db import netfs


def test_the_window_shows_the_network_share_warning(qtbot, services, settings, monkeypatch, tmp_path):
    from ui import i18n
    from ui.app import create_main_window
    from ui.workers import wait_for_tasks

    services.db.warnings.append(netfs.network_warning(tmp_path / "itam.sqlite3", "nfs4"))
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append((title, text)))
    window = create_main_window(services, settings, welcome=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    title, text = shown[0]
    assert title == "Database warning" and "network file system (nfs4)" in text and "PostgreSQL" in text
    assert window.database_label.text().startswith("⚠")
    assert "PostgreSQL" in window.database_label.toolTip()
    i18n.set_language("zh_CN")  # the status bar follows the interface language
    qtbot.waitUntil(lambda: "网络" in window.database_label.toolTip(), timeout=5000)
    assert "PostgreSQL" in window.database_label.toolTip()
    window.close()
    assert wait_for_tasks()
