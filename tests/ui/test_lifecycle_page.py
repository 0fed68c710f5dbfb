"""The lifecycle page: worklists with recommendations, and moves through the allowed transitions."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from itam.models import HistoryEntry, LifecycleEvent
from itam.services.retirement import RetirementService
from ui.pages.lifecycle import LifecyclePage, MoveDialog, parse_parts
from ui.workers import wait_for_tasks

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

WHEN = date(2024, 5, 2)


@pytest.fixture
def services(inventory_db_url):
    """The shared demo inventory (300 varied assets) in a private copy."""
    from itam.db import open_database
    from itam.services import Actor, Services

    database = open_database(inventory_db_url)
    yield Services(database, Actor("tester", "gui"))
    database.dispose()


@pytest.fixture
def page(qtbot, services, settings):
    page = LifecyclePage(services, settings)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    yield page
    page.shutdown()
    assert wait_for_tasks()


def show(qtbot, page, kind):
    page.show_worklist(kind)
    qtbot.waitUntil(lambda: not page.loading and page.worklist == kind, timeout=10_000)


def retired_monitor(services, tag):
    """Not data-bearing: nothing keeps it from leaving."""
    services.assets.create({"asset_tag": tag, "category": "monitor", "manufacturer": "Dell", "model": "P2422H",
                            "condition_grade": "C", "purchase_date": "2016-03-01"}, status="retired")
    return services.assets.get(tag).id


def retired_laptop_with_drive(services, tag):
    services.assets.create(
        {"asset_tag": tag, "category": "laptop", "manufacturer": "Lenovo", "model": "ThinkPad T14",
         "purchase_date": "2019-01-10", "condition_grade": "B"},
        media=[{"media_type": "nvme", "serial": f"S4EV{tag}", "capacity_gb": 512}], status="retired")
    return services.assets.get(tag).id


def test_retired_list_is_exactly_the_retired_assets(qtbot, page, services):
    show(qtbot, page, "retired")
    with services.db.read() as s:
        from itam.models import Asset

        expected = set(s.scalars(select(Asset.id).where(Asset.status == "retired")))
    assert expected
    shown = {page.model.item_at(r).id for r in range(page.model.rowCount())}
    assert shown == expected
    assert f"({len(expected)})" in page.tabs.tabText(page.tabs.currentIndex())
    # Due for refresh: in service and past the category's refresh cycle, oldest first.
    show(qtbot, page, "due_refresh")
    items = page.model.items
    assert items and all(it.status in ("deployed", "in_stock") for it in items)
    assert all(it.age_years >= it.recommendation.refresh_years for it in items)
    dates = [it.purchase_date for it in items]
    assert dates == sorted(dates)


def test_selecting_an_asset_shows_the_recommendation_with_reasons(qtbot, page, services):
    show(qtbot, page, "retired")
    item = next(it for it in page.model.items if it.recommendation.passed_over)
    page.select_assets([item.id])
    assert page.selected_ids() == [item.id]
    assert services.lifecycle.recommend(item.id) == item.recommendation
    text = page.details.toPlainText()
    assert "Recommended lever:" in text and "Better levers passed over" in text
    # Every lever passed over is named with its reasons ("already taken out of use …" for life extension).
    assert "Asset life extension" in text and "already taken out of use (Retired (awaiting decision))" in text
    for passed in item.recommendation.passed_over:
        for reason in passed.reasons:
            assert reason.split(" (")[0].split(":")[0] in text
    row = page.model.row_of_asset(item.id)
    lever_cell = page.model.index(row, 6).data()
    assert lever_cell and lever_cell in text
    page.grab().save("/tmp/lifecycle_en.png")


def test_action_not_allowed_for_the_status_is_disabled(qtbot, page):
    show(qtbot, page, "retired")
    page.select_assets([page.model.items[0].id])
    assert not page.move_actions["retire"].isEnabled()  # already retired
    assert page.move_actions["recycle"].isEnabled()
    assert page.move_actions["redeploy"].isEnabled()
    assert "Not possible from" in page.move_actions["retire"].toolTip()
    assert page.start_move("retire") is None  # refused without a dialog
    show(qtbot, page, "due_refresh")
    page.select_assets([page.model.items[0].id])
    assert page.move_actions["retire"].isEnabled()
    for key in ("recycle", "sell", "donate", "destroy", "harvest", "redeploy"):
        assert not page.move_actions[key].isEnabled(), key
    page.table.clearSelection()
    assert not any(a.isEnabled() for a in page.move_actions.values())


def test_bulk_recycle_through_the_dialog_records_history_and_events(qtbot, page, services):
    recycler = services.parties.add("GreenCycle Ltd", "recycler", certifications=[("R2v3", "R2-123")])
    ids = [retired_monitor(services, "MON-R1"), retired_monitor(services, "MON-R2")]
    page.refresh()
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    show(qtbot, page, "retired")
    page.select_assets(ids)
    assert sorted(page.selected_ids()) == sorted(ids)
    assert page.move_actions["recycle"].isEnabled()
    page.move_actions["recycle"].trigger()
    dialog = page.dialogs[-1]
    assert isinstance(dialog, MoveDialog)
    assert not dialog.outcome_box.isVisible()  # amounts are per asset
    dialog.reason_edit.setText("end of life")
    dialog.party_combo.setCurrentIndex(dialog.party_combo.findData(recycler.name))
    assert dialog.date_edit.maximumDate() == QDate.currentDate()
    dialog.date_edit.setDate(QDate(WHEN.year, WHEN.month, WHEN.day))
    with qtbot.waitSignal(page.move_finished, timeout=10_000) as blocker:
        dialog.ok_button.click()
    assert blocker.args == [True]
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    assert all(page.model.row_of_asset(i) == -1 for i in ids)  # gone from the retired list
    for asset_id in ids:
        detail = services.assets.get(asset_id)
        assert detail.status == "recycled"
    with services.db.read() as s:
        events = list(s.scalars(select(LifecycleEvent).where(LifecycleEvent.asset_id.in_(ids))))
        assert len(events) == 2
        assert {e.transition for e in events} == {"recycle"}
        assert all(e.occurred_at == datetime(2024, 5, 2, 12, 0) for e in events)
        assert all(e.party_id == recycler.id for e in events)
        entries = list(s.scalars(select(HistoryEntry).where(HistoryEntry.asset_id.in_(ids),
                                                          HistoryEntry.transition == "recycle")))
        assert len(entries) == 2
        assert all(e.reason == "end of life" and e.source == "gui" for e in entries)
        assert len({e.operation for e in entries}) == 1  # one bulk operation


def test_bulk_move_where_one_cannot_move_moves_none_and_shows_the_error(qtbot, page, services):
    ok = retired_monitor(services, "MON-OK")
    blocked = retired_laptop_with_drive(services, "LAP-DATA")
    page.refresh()
    show(qtbot, page, "retired")
    qtbot.waitUntil(lambda: page.model.row_of_asset(blocked) >= 0, timeout=10_000)
    page.select_assets([ok, blocked])
    page.move_actions["recycle"].trigger()
    dialog = page.dialogs[-1]
    with qtbot.waitSignal(page.move_finished, timeout=10_000) as blocker:
        dialog.ok_button.click()
    assert blocker.args == [False]
    assert "nothing was moved" in page.last_error
    assert "LAP-DATA" in page.last_error or f"{blocked}" in page.last_error
    assert "without a verified sanitization" in page.last_error
    box = page.message_box
    assert box is not None and box.icon() == QMessageBox.Icon.Warning
    assert "nothing was moved" in box.text()
    assert services.assets.get(ok).status == "retired"
    assert services.assets.get(blocked).status == "retired"
    box.close()


def test_one_asset_records_the_outcome(qtbot, page, services):
    buyer = services.parties.add("Second Life GmbH", "buyer")
    asset_id = retired_monitor(services, "MON-SELL")
    page.refresh()
    show(qtbot, page, "retired")
    qtbot.waitUntil(lambda: page.model.row_of_asset(asset_id) >= 0, timeout=10_000)
    page.select_assets([asset_id])
    dialog = page.start_move("sell")
    assert dialog.outcome_box.isVisibleTo(dialog)
    dialog.party_combo.setCurrentIndex(dialog.party_combo.findData(buyer.name))
    dialog.value_edit.setText("45.50")
    dialog.currency_edit.setText("eur")
    dialog.weight_spin.setValue(4.2)
    dialog.fitted_edit.setText("bogus part!")
    dialog.ok_button.click()  # refused in the dialog, which stays open
    assert dialog.error_label.isVisibleTo(dialog) and "KIND" in dialog.error_label.text()
    dialog.fitted_edit.setText("")
    with qtbot.waitSignal(page.move_finished, timeout=10_000) as blocker:
        dialog.ok_button.click()
    assert blocker.args == [True]
    with services.db.read() as s:
        event = s.scalars(select(LifecycleEvent).where(LifecycleEvent.asset_id == asset_id)).one()
        assert (event.transition, str(event.value), event.currency, event.weight_kg) == ("sell", "45.50", "EUR", 4.2)
        assert event.party_id == buyer.id


def test_apply_recommendation_and_parts(qtbot, page, services):
    assert [(p.kind, p.size_gb, p.quantity) for p in parse_parts("recovered", "ram:16, ssd:512x2")] == [
        ("ram", 16.0, 1), ("ssd", 512.0, 2)]
    show(qtbot, page, "retired")
    item = next(it for it in page.model.items if it.recommendation.lever in ("harvest", "recycle", "remarket"))
    page.select_assets([item.id])
    assert page.apply_action.isEnabled()
    page.apply_action.trigger()
    dialog = page.dialogs[-1]
    expected = {"harvest": "harvest", "recycle": "recycle", "remarket": "sell"}[item.recommendation.lever]
    assert dialog.transition.key == expected
    dialog.reject()
    # A due-for-refresh asset whose lever is life extension: nothing to apply.
    show(qtbot, page, "due_refresh")
    keep = [it for it in page.model.items if it.recommendation.lever == "life_extension"]
    if keep:
        page.select_assets([keep[0].id])
        assert not page.apply_action.isEnabled()


def test_worklists_are_paged(services):
    retirement = RetirementService(services.ctx)
    total = retirement.count("missing") + retirement.count("retired")
    first = retirement.worklist("retired", limit=3)
    assert len(first.items) == min(3, first.total) and total >= first.total
    rest = retirement.worklist("retired", offset=3, limit=1000)
    assert len(first.items) + len(rest.items) == first.total
    assert not {i.id for i in first.items} & {i.id for i in rest.items}


def test_the_worklist_model_passes_qt_model_tester(qtbot, qtmodeltester, page, services):
    retired_monitor(services, "MON-QT1")
    page.refresh()
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    show(qtbot, page, "retired")
    assert page.model.rowCount() >= 1
    qtmodeltester.check(page.model, force_py=True)
