"""The dashboard page over a demo fleet: KPI tiles equal to the metrics service's figures, period and slice
changes, "—" for figures that cannot be computed, refresh when shown after a change, findings, Chinese, and
the window's navigation with the dashboard first."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from PySide6.QtCore import Qt

from itam.metrics.results import Period, Slice
from ui import i18n
from ui.pages.dashboard import (
    DASH,
    TILES,
    format_count,
    format_kg,
    format_percent,
    kpi_texts,
)
from ui.workers import wait_for_tasks

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

EMPTY = Period(date(2001, 1, 1), date(2001, 12, 31))


#: The demo database file, built once per test run and shared with test_reports_page.
_DEMO: dict[str, object] = {}


def demo_file(tmp_path_factory):
    """A SQLite file with a 120-asset demo fleet (lived-in histories), built on first use (it takes seconds)."""
    if "path" not in _DEMO:
        from itam.db import open_database
        from itam.services import Actor, Services
        from itam.services.demo import generate_demo

        path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
        database = open_database(f"sqlite:///{path}", backup=False)
        generate_demo(Services(database, Actor("tester", "cli")), count=120)
        database.dispose()
        _DEMO["path"] = path
    return _DEMO["path"]


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory):
    return demo_file(tmp_path_factory)


@pytest.fixture
def db_url(demo_template, tmp_path):
    target = tmp_path / "itam.sqlite3"
    shutil.copyfile(demo_template, target)
    return f"sqlite:///{target}"


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def page(qtbot, window):
    page = window.dashboard
    qtbot.waitUntil(lambda: page.metrics is not None and not page.busy, timeout=20_000)
    return page


def recompute(qtbot, page, action) -> None:
    with qtbot.waitSignal(page.computed, timeout=20_000):
        action()


def tile(page, key: str) -> str:
    return page.tiles[key].value_label.text()


def test_the_dashboard_is_the_first_page_and_computes_on_opening(qtbot, window, page, services):
    assert window.current_page is page
    assert window.navigation.item(0).text() == "Dashboard"
    period, slice_ = page.selector.period(), page.selector.slice()
    assert page.selector.preset() == "last_12_months"
    assert period.end == date.today() and period.days in (365, 366)
    assert slice_ == Slice()
    expected = services.metrics.compute(period, slice_)

    # Every tile shows what the service computes for the same period, formatted as the page formats it.
    texts = kpi_texts(expected)
    assert set(texts) == set(TILES)
    for key, text in texts.items():
        assert tile(page, key) == text.value, key
        assert page.tiles[key].detail_label.text() == text.detail, key
    # ... and those are the service's numbers.
    assert tile(page, "total_assets") == format_count(expected.total_assets) == "120"
    assert tile(page, "retired") == format_count(expected.arising_count)
    col = expected.collection_rate_mass
    assert col.value is not None
    assert tile(page, "collection_rate") == f"{col.numerator / col.denominator * 100:.1f}%"
    assert tile(page, "recovery_rate") == format_percent(expected.recovery_rate.value)
    assert tile(page, "reuse_share") == format_percent(expected.reuse_share.value)
    assert tile(page, "ewaste_diverted") == format_kg(expected.ewaste_diverted_kg)
    assert tile(page, "co2e_avoided") == format_kg(expected.co2e_avoided["default"])
    assert "avoided" in page.tiles["co2e_avoided"].detail_label.text()
    assert format_kg(expected.co2e_avoided["low"]) in page.tiles["co2e_avoided"].detail_label.text()
    assert format_kg(expected.co2e_avoided["high"]) in page.tiles["co2e_avoided"].detail_label.text()
    assert tile(page, "use_phase") == format_kg(expected.use_phase_kgco2e)
    assert tile(page, "life_achieved") == format_percent(expected.life_achieved)
    assert tile(page, "index") == f"{expected.index.score:.2f}"
    assert f"grade {expected.index.grade}" in page.tiles["index"].detail_label.text()
    assert "GB/T 43145" in page.tiles["collection_rate"].toolTip()

    # Charts, findings and notes are filled.
    assert page.charts["status"].view.chart().series()
    assert page.charts["age"].view.chart().series()
    assert page.charts["months"].view.chart().series()
    assert "Retired" in page.charts["months"].legend_label.text()
    tree = page.findings_tree
    assert tree.topLevelItemCount() == len(expected.findings)
    first = expected.findings[0]
    assert tree.topLevelItem(0).text(1) == format_count(first.count)
    assert tree.topLevelItem(0).childCount() >= len(first.examples)
    assert page.notes_button.text() == f"Notes ({len(expected.notes)})"
    assert expected.factor_set in page.notes_label.text()
    assert period.label in page.status_label.text()


def test_changing_the_period_and_slice_recomputes(qtbot, page, services):
    first = page.metrics
    recompute(qtbot, page, lambda: page.selector.set_period(EMPTY))
    assert page.metrics.period == EMPTY
    assert page.metrics is not first
    # Nothing happened in 2001: the rates cannot be computed and say why.
    for key in ("collection_rate", "recovery_rate", "reuse_share", "life_achieved"):
        assert tile(page, key) == DASH, key
    assert "No asset was retired" in page.tiles["collection_rate"].toolTip()
    assert "no lifecycle event" in page.tiles["collection_rate"].toolTip()  # the core's note
    assert tile(page, "retired") == "0"
    assert tile(page, "total_assets") == "120"  # the register is a snapshot
    assert page.charts["months"].empty_label.isVisible() or not page.charts["months"].view.chart().series()

    # A preset from the combo.
    combo = page.selector.preset_combo
    recompute(qtbot, page, lambda: combo.setCurrentIndex(combo.findData("last_year")))
    year = date.today().year - 1
    assert page.metrics.period == Period(date(year, 1, 1), date(year, 12, 31))
    assert services.metrics.compute(page.metrics.period).arising_count == page.metrics.arising_count

    # The slice combos are filled from the data; choosing a category computes that slice.
    qtbot.waitUntil(lambda: page.selector.category_combo.count() > 1)
    categories = page.selector.category_combo
    assert categories.itemText(0) == "All categories"
    recompute(qtbot, page, lambda: categories.setCurrentIndex(categories.findData("laptop")))
    assert page.metrics.slice == Slice(category="laptop")
    expected = services.metrics.compute(page.metrics.period, Slice(category="laptop"))
    assert tile(page, "total_assets") == format_count(expected.total_assets)
    assert expected.total_assets < 120
    assert "Laptop" in page.status_label.text()


def test_f5_and_showing_the_page_after_a_change_recompute(qtbot, window, page, services):
    before = page.metrics.total_assets
    recompute(qtbot, page, window.refresh_action.trigger)  # F5 on the dashboard

    window.show_page("inventory")
    services.assets.create({"asset_tag": "NEW-00001", "category": "laptop"})
    recompute(qtbot, page, lambda: window.show_page("dashboard"))
    assert page.metrics.total_assets == before + 1
    assert tile(page, "total_assets") == format_count(before + 1)

    # Shown again with nothing changed: no computation.
    window.show_page("inventory")
    computed = []
    page.computed.connect(computed.append)
    window.show_page("dashboard")
    qtbot.wait(300)
    assert wait_for_tasks()
    qtbot.wait(50)
    assert computed == [] and not page.busy


def test_a_finding_example_opens_the_asset(qtbot, window, page):
    tree = page.findings_tree
    item = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount()) if tree.topLevelItem(i).childCount())
    example = item.child(0)
    tag = example.data(0, Qt.ItemDataRole.UserRole)
    tree.expandItem(item)
    tree.setCurrentItem(example)
    assert page.open_asset_button.isEnabled()
    tree.itemActivated.emit(example, 0)
    qtbot.waitUntil(lambda: len(window.inventory._dialogs) == 1)
    assert window.inventory._dialogs[0].windowTitle() == f"Asset {tag}"
    window.inventory._dialogs[0].close()

    page.show_inventory_button.click()
    assert window.current_page is window.inventory
    assert window.inventory.search_edit.text() == tag


def test_a_failing_computation_is_shown_on_the_page(qtbot, page, monkeypatch):
    from itam.errors import DatabaseLockedError

    def locked(*args, **kwargs):
        raise DatabaseLockedError("The database is locked by another program (waited 15 s).")

    monkeypatch.setattr(page.services.metrics, "compute", locked)
    with qtbot.waitSignal(page.compute_failed, timeout=10_000):
        page.refresh()
    assert "locked by another program" in page.status_label.text()
    assert not page.busy_bar.isVisible()


def test_dashboard_in_chinese(qtbot, window, page):
    i18n.set_language("zh_CN")
    qtbot.waitUntil(lambda: window.navigation.item(0).text() == "仪表板")
    assert page.tiles["collection_rate"].title_label.text() == "回收率"
    assert page.tiles["co2e_avoided"].title_label.text() == "避免的 CO2e 排放"
    assert "避免" in page.tiles["co2e_avoided"].detail_label.text()
    assert page.selector.preset_combo.currentText() == "最近 12 个月"
    assert page.selector.category_combo.itemText(0) == "全部类别"
    assert page.findings_tree.topLevelItem(0).text(0) in (
        "超过更新周期仍在使用的资产",
        "未发现、丢失或被盗的资产",
        "未经验证数据清除的已退役含数据资产",
        "丢失后重新找到的资产（已标记待审查）",
    )
    assert "等级" in page.tiles["index"].detail_label.text()
    assert window.navigation.item(7).text() == "报告"
    i18n.set_language("en")
    qtbot.waitUntil(lambda: window.navigation.item(0).text() == "Dashboard")


def test_navigation_order_and_ctrl_number_shortcuts(qtbot, window, page):
    nav = window.navigation
    assert [nav.item(i).text() for i in range(nav.count())] == [
        "Dashboard",
        "Inventory",
        "Discovery",
        "Lifecycle",
        "Sanitization",
        "Batches & custody",
        "Certificates",
        "Reports",
        "Settings",
    ]
    shortcuts = {a.text(): a.shortcut().toString() for a in window.view_menu.actions() if a.text()}
    assert shortcuts["Dashboard"] == "Ctrl+1" and shortcuts["Inventory"] == "Ctrl+2"
    assert shortcuts["Certificates"] == "Ctrl+7" and shortcuts["Reports"] == "Ctrl+8"
    with qtbot.waitActive(window):
        window.activateWindow()
    for number, expected in (
        (8, window.reports),
        (2, window.inventory),
        (1, window.dashboard),
        (7, window.certificates),
        (4, window.lifecycle),
        (9, window.settings_page),
    ):
        qtbot.keyClick(window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier)
        assert window.current_page is expected, number


def test_last_fiscal_year_follows_the_chosen_first_month(qtbot, page, settings):
    from itam.metrics.fleet import fiscal_year

    selector = page.selector
    assert not selector.fiscal_combo.isVisible()
    recompute(qtbot, page, lambda: selector.set_preset("last_fiscal_year"))
    assert selector.fiscal_combo.isVisible()
    assert page.metrics.period == fiscal_year(date.today(), 1)
    recompute(qtbot, page, lambda: selector.fiscal_combo.setCurrentIndex(3))  # April
    assert page.metrics.period == fiscal_year(date.today(), 4)
    assert page.metrics.period.start.month == 4 and page.metrics.period.days in (365, 366)
    assert settings.fiscal_year_start_month == 4
    # Editing a date turns the preset into custom dates.
    recompute(qtbot, page, lambda: selector.from_edit.setDate(selector.from_edit.date().addDays(1)))
    assert selector.preset() == "custom"
    assert not selector.fiscal_combo.isVisible()
