"""Fleet metrics against hand-computed examples (issue 5 item 2; definitions in itam/metrics/fleet.py)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest

from itam.errors import ValidationError
from itam.lifecycle.engine import Part
from itam.metrics.fleet import fiscal_year, parse_period
from itam.metrics.index import evaluate, load_spec
from itam.metrics.results import Period, Slice
from itam.models import LifecycleEvent
from itam.paths import resource

YEAR = Period(date(2025, 1, 1), date(2025, 12, 31))


def add(services, tag, category, bought, *, weight=None, cost=None, location=None, department="Finance"):
    values = {"asset_tag": tag, "category": category, "serial": f"SN-{tag}", "purchase_date": bought.isoformat(),
              "data_bearing": "false", "department": department, "currency": "EUR"}
    if weight is not None:
        values["weight_kg"] = str(weight)
    if cost is not None:
        values["purchase_cost"] = str(cost)
    if location:
        values["location"] = location
    services.assets.create(values)
    services.lifecycle.move(tag, "deployed", occurred_at=bought + timedelta(days=3))


@pytest.fixture
def fleet(services):
    """Six assets whose 2025 figures are worked out by hand in the tests below."""
    services.parties.add("GreenCycle", "recycler", certifications=[("e-Stewards", "ES-1")])
    services.parties.add("Buyer Ltd", "buyer")
    services.parties.add("ShredCo", "itad_vendor")
    mv = services.lifecycle.move
    # A1 laptop 2.0 kg: retired 2025-01-01, sold 2025-02-01 for 100 EUR, 10 EUR fee.
    add(services, "A1", "laptop", date(2021, 1, 1), weight=2.0)
    mv("A1", "retired", reason="refresh", occurred_at="2025-01-01")
    mv("A1", "sold", party="Buyer Ltd", occurred_at="2025-02-01", value="100", cost="10", currency="EUR")
    # A2 desktop without a weight (default 5.3): retired 2025-03-01, recycled by a certified recycler, 5.0 kg weighed.
    add(services, "A2", "desktop", date(2020, 1, 1))
    mv("A2", "retired", reason="refresh", occurred_at="2025-03-01")
    mv("A2", "recycled", party="GreenCycle", occurred_at="2025-04-01", weight_kg=5.0)
    # A3 laptop without a weight (default 1.65): lost 2025-05-01.
    add(services, "A3", "laptop", date(2022, 6, 1))
    mv("A3", "lost_stolen", reason="stolen", occurred_at="2025-05-01")
    # A4 laptop 1.5 kg, 1000 EUR: retired in 2024 (not arising in 2025), redeployed 2025-01-15.
    add(services, "A4", "laptop", date(2019, 1, 1), weight=1.5, cost=1000)
    mv("A4", "retired", reason="refresh", occurred_at="2024-12-01")
    mv("A4", "deployed", occurred_at="2025-01-15")
    # A5 desktop 6.0 kg: retired 2025-06-01, destroyed by a vendor without a certification.
    add(services, "A5", "desktop", date(2019, 6, 1), weight=6.0)
    mv("A5", "retired", reason="refresh", occurred_at="2025-06-01")
    mv("A5", "destroyed", reason="broken", party="ShredCo", occurred_at="2025-06-10")
    # A6 laptop 1.4 kg, 800 EUR: repaired with a new 512 GB SSD, back in use 2025-07-10 (life extension).
    add(services, "A6", "laptop", date(2021, 3, 1), weight=1.4, cost=800)
    mv("A6", "in_repair", reason="slow disk", occurred_at="2025-07-01")
    mv("A6", "deployed", reason="SSD fitted", occurred_at="2025-07-10", parts=[Part("fitted", "ssd", 512)])
    return services


def test_collection_rate_by_mass_and_count(fleet):
    m = fleet.metrics.compute(YEAR)
    # Arising: A1 2.0, A2 5.3 (default), A3 1.65 (default, lost), A5 6.0; A4 retired in 2024.
    assert m.arising_count == 4 and m.arising_kg == pytest.approx(14.95)
    assert m.collected_count == 3 and m.collected_kg == pytest.approx(13.3)
    assert m.collection_rate_mass.value == pytest.approx(13.3 / 14.95)
    assert m.collection_rate_count.value == pytest.approx(0.75)


def test_recovery_rate_reuse_share_and_ewaste_diverted(fleet):
    m = fleet.metrics.compute(YEAR)
    # Processed: A1 remarket 2.0 (u), A4 redeploy 1.5 (u), A2 recycle 5.0 weighed (r, certified), A5 destroy 6.0
    # by an uncertified vendor (not recovered).
    assert m.processed_count == 4 and m.processed_kg == pytest.approx(14.5)
    assert m.recovery_mass == pytest.approx({"u": 3.5, "m": 0.0, "r": 5.0, "rov": 0.0, "none": 6.0})
    assert m.recovery_rate.value == pytest.approx(8.5 / 14.5)
    assert m.reuse_share.value == pytest.approx(3.5 / 14.5)
    assert m.ewaste_diverted_kg == pytest.approx(8.5)
    assert m.ewaste_diverted_share.value == pytest.approx(8.5 / 14.5)


def test_service_life_against_the_policy_refresh(fleet):
    m = fleet.metrics.compute(YEAR)
    # Retired at noon: A1 1461.5 days (target 4 y), A2 1886.5 (5 y), A5 2192.5 (5 y).
    assert m.life_achieved == pytest.approx((1461.5 + 1886.5 + 2192.5) / 365.25 / 14)
    laptop = next(c for c in m.life_by_category if c.category == "laptop")
    assert laptop.retired == 1 and laptop.average_years == pytest.approx(1461.5 / 365.25) and laptop.target_years == 4


def test_avoided_emissions_per_pathway_low_default_high(fleet):
    m = fleet.metrics.compute(YEAR)
    by = {p.pathway: p for p in m.pathways}
    # remarket, laptop: E 181 (high 236), s = 2.5/4, d = 0.71, p = 0.02.
    assert by["remarket"].co2e_avoided["default"] == pytest.approx(181 * 0.625 * 0.71 - 0.02 * 181)
    assert by["remarket"].co2e_avoided["low"] == pytest.approx(181 * 0.625 * 0.71 - 0.02 * 181)
    assert by["remarket"].co2e_avoided["high"] == pytest.approx(236 * 0.625 * 0.71 - 0.02 * 236)
    # redeploy: s = 2/4, d = 1.0 (the low bound takes 0.71 for every pathway).
    assert by["redeploy"].co2e_avoided["default"] == pytest.approx(86.88)
    assert by["redeploy"].co2e_avoided["low"] == pytest.approx(181 * 0.5 * 0.71 - 3.62)
    assert by["redeploy"].co2e_avoided["high"] == pytest.approx(236 * 0.5 - 4.72)
    # life extension: s = 1.5/4, minus the 512 GB SSD fitted (27 kgCO2e).
    assert by["life_extension"].co2e_avoided["default"] == pytest.approx(181 * 0.375 - 3.62 - 27)
    # Recycling and destruction earn no credit; the totals add up.
    assert by["recycle"].co2e_avoided == {"low": 0, "default": 0, "high": 0}
    assert m.co2e_avoided["default"] == pytest.approx(
        181 * 0.625 * 0.71 - 3.62 + 86.88 + 181 * 0.375 - 3.62 - 27)
    assert by["retire"].events == 3 and by["lost"].events == 1


def test_materials_saved_and_value_recovered(fleet):
    m = fleet.metrics.compute(YEAR)
    # reuse keeps 100 % of the material (A1 2.0 + A4 1.5); repair 94–99 % (A6 1.4 kg).
    assert m.materials_saved_kg["low"] == pytest.approx(3.5 + 1.4 * 0.94)
    assert m.materials_saved_kg["high"] == pytest.approx(3.5 + 1.4 * 0.99)
    (eur,) = m.value
    assert eur.currency == "EUR" and eur.resale == Decimal("100") and eur.costs == Decimal("10")
    # Avoided purchases: A4 1000 × 2/4 + A6 800 × 1.5/4.
    assert eur.avoided_purchases == Decimal("800.00") and eur.net == Decimal("890.00")


def test_use_phase_is_kwh_times_the_sites_grid(services):
    services.assets.create({"asset_tag": "L1", "category": "laptop", "purchase_date": "2024-01-01",
                            "data_bearing": "false", "location": "London"})
    with services.ctx.unit_of_work() as uow:
        from itam.models import Location

        uow.session.query(Location).filter_by(name="London").one().country = "GB"
    m = services.metrics.compute(YEAR)
    (row,) = m.use_phase
    assert row.country == "GB" and row.grid_kgco2_per_kwh == 0.211
    assert row.kwh == pytest.approx(365 / 365.25 * 19)
    assert m.use_phase_kgco2e == pytest.approx(365 / 365.25 * 19 * 0.211)
    assert any("GB in 2025" in n for n in m.notes)  # 2024 is the latest shipped year, and it says so


def test_the_index_is_graded_from_the_actuals(fleet):
    m = fleet.metrics.compute(YEAR)
    spec = load_spec(resource("metrics", "it_circularity_index.json"))
    expected = evaluate(spec, {k: v for k, v in m.index_actuals.items()})
    assert m.index is not None and m.index.score == pytest.approx(expected.score)
    assert m.index_actuals["collection_rate"] == pytest.approx(13.3 / 14.95)
    # No purchase declares a recycled content and no scan ran: those indicators are left out, and said so.
    assert m.index.coverage < 1
    assert any("recycled content" in n for n in m.notes) and any("discovery" in n for n in m.notes)


def test_slices_and_json(fleet):
    m = fleet.metrics.compute(YEAR, Slice(category="desktop"))
    assert m.arising_count == 2 and m.total_assets == 2
    data = json.loads(json.dumps(m.to_json(), allow_nan=False))
    assert data["collection_rate_count"]["value"] == 1.0 and data["slice"]["category"] == "desktop"
    assert fleet.metrics.compute(YEAR, Slice(department="Nobody")).total_assets == 0
    with pytest.raises(ValidationError, match="no location named 'Mars'"):
        fleet.metrics.compute(YEAR, Slice(location="Mars"))


def test_an_empty_period_gives_no_ratio_and_no_nan(fleet):
    m = fleet.metrics.compute(Period(date(2010, 1, 1), date(2010, 12, 31)))
    for ratio in (m.collection_rate_mass, m.recovery_rate, m.reuse_share, m.ewaste_diverted_share):
        assert ratio.value is None
    assert m.life_achieved is None and m.co2e_avoided["default"] == 0
    assert any("no lifecycle event" in n for n in m.notes)
    json.dumps(m.to_json(), allow_nan=False)


def test_asset_lines_carry_the_inputs_of_each_credit(fleet):
    lines = list(fleet.metrics.asset_lines(YEAR))
    a4 = next(x for x in lines if x.asset_tag == "A4" and x.pathway == "redeploy")
    assert (a4.embodied_kgco2e, a4.life_share, a4.displacement, a4.process_share) == (181, 0.5, 1.0, 0.02)
    assert a4.co2e_avoided == pytest.approx(86.88) and a4.retired_at is None  # retired in 2024
    a6 = next(x for x in lines if x.pathway == "life_extension")
    assert a6.parts_kgco2e == 27 and a6.co2e_avoided == pytest.approx(181 * 0.375 - 3.62 - 27)
    a2 = next(x for x in lines if x.asset_tag == "A2" and x.pathway == "recycle")
    assert a2.mass_kg == 5.0 and not a2.mass_is_default and a2.party == "GreenCycle" and a2.co2e_avoided == 0
    assert sum(x.co2e_avoided for x in lines) == pytest.approx(fleet.metrics.compute(YEAR).co2e_avoided["default"])


def test_moves_record_their_outcome(fleet, services):
    with services.db.read() as s:
        sale = s.query(LifecycleEvent).filter_by(pathway="remarket").one()
        assert sale.value == Decimal("100.00") and sale.currency == "EUR" and not sale.certified
        recycle = s.query(LifecycleEvent).filter_by(pathway="recycle").one()
        assert recycle.certified and recycle.weight_kg == 5.0 and recycle.occurred_at.date() == date(2025, 4, 1)
    add(services, "B1", "laptop", date(2022, 1, 1))
    with pytest.raises(ValidationError, match="future"):
        services.lifecycle.move("B1", "retired", reason="x", occurred_at=date.today() + timedelta(days=2))
    with pytest.raises(ValidationError, match="currency"):
        services.lifecycle.move("B1", "retired", reason="x", value="10")
    with pytest.raises(ValidationError, match="amount"):
        services.lifecycle.move("B1", "retired", reason="x", value="-3", currency="EUR")
    assert services.assets.get("B1").status == "deployed"  # nothing was half-written


def test_periods():
    assert parse_period("2025", "2025") == YEAR
    assert parse_period("2025-Q4", "2025-Q4") == Period(date(2025, 10, 1), date(2025, 12, 31))
    assert parse_period("2024-02", "2024-02") == Period(date(2024, 2, 1), date(2024, 2, 29))
    assert parse_period(None, None, today=date(2026, 3, 15)) == Period(date(2025, 3, 16), date(2026, 3, 15))
    assert parse_period("2025-01-01", None, today=date(2026, 3, 15)) == Period(date(2025, 1, 1), date(2026, 3, 15))
    assert fiscal_year(date(2026, 3, 15), 4) == Period(date(2024, 4, 1), date(2025, 3, 31))
    assert fiscal_year(date(2026, 11, 23)) == YEAR
    with pytest.raises(ValidationError, match="not a date"):
        parse_period("last year", None)
    with pytest.raises(ValidationError, match="before it starts"):
        parse_period("2025-06-01", "2025-01-01")


def test_harvest_credits_the_parts_recovered(services):
    for tag, ram in (("H1", None), ("H2", "8")):
        values = {"asset_tag": tag, "category": "desktop", "purchase_date": "2018-01-01", "data_bearing": "false"}
        if ram:
            values["ram_gb"] = ram
        services.assets.create(values)
        services.lifecycle.move(tag, "deployed", occurred_at="2018-01-05")
        services.lifecycle.move(tag, "retired", reason="old", occurred_at="2025-03-01")
    services.lifecycle.move("H1", "harvested", occurred_at="2025-03-10", parts=[Part.parse("recovered", "ram:16x2")])
    services.lifecycle.move("H2", "harvested", occurred_at="2025-03-10")  # no parts recorded: its 8 GB RAM
    m = services.metrics.compute(YEAR)
    harvest = next(p for p in m.pathways if p.pathway == "harvest")
    assert harvest.co2e_avoided["default"] == pytest.approx((2 * 34 + 19) * (1.0 - 0.02))
    assert harvest.co2e_avoided["low"] == pytest.approx((2 * 34 + 19) * (0.71 - 0.02))
    assert m.recovery_mass["m"] == pytest.approx(2 * 5.3)
    lines = {x.asset_tag: x for x in services.metrics.asset_lines(YEAR) if x.pathway == "harvest"}
    assert lines["H1"].embodied_kgco2e == 68 and lines["H1"].co2e_avoided == pytest.approx(68 * 0.98)
    assert lines["H2"].co2e_avoided == pytest.approx(19 * 0.98)
    assert any("harvests recorded no parts" in n for n in m.notes)


def test_events_keep_the_asset_as_it_was(fleet):
    """A department change after the event does not move the event to another department's figures."""
    fleet.assets.update("A1", {"department": "Sales"}, reason="moved")
    assert fleet.metrics.compute(YEAR, Slice(department="Finance")).arising_count == 4
    assert fleet.metrics.compute(YEAR, Slice(department="Sales")).arising_count == 0
    with fleet.db.read() as s:
        from itam.models import Asset

        assert s.query(Asset).filter_by(asset_tag="A1").one().out_of_service_at.date() == date(2025, 1, 1)
        assert s.query(Asset).filter_by(asset_tag="A4").one().out_of_service_at is None  # redeployed


def test_a_manufacturers_declaration_beats_the_category_default(services, tmp_path):
    from itam.metrics.factors import load_factor_set

    text = resource("factors", "itam-default-2026.1.toml").read_text(encoding="utf-8") + """
[[model]]
manufacturer = "Lenovo"
model = "ThinkPad T14 Gen 3"
category = "laptop"
embodied_kgco2e = 150
weight_kg = 1.3
source = "Lenovo PCF 2023"
year = 2023
licence = "manufacturer declaration"
"""
    (tmp_path / "set.toml").write_text(text, encoding="utf-8")
    options = services.metrics.options(factors=tmp_path / "set.toml")
    text_with_share = text.replace('weight_kg = 1.3\n', 'weight_kg = 1.3\nrecycled_content = 0.35\n')
    (tmp_path / "set.toml").write_text(text_with_share, encoding="utf-8")
    options = services.metrics.options(factors=tmp_path / "set.toml")
    for tag, model in (("T1", "ThinkPad T14 Gen 3"), ("T2", "ThinkPad X1")):
        services.assets.create({"asset_tag": tag, "category": "laptop", "manufacturer": "LENOVO", "model": model,
                                "purchase_date": "2021-01-01", "data_bearing": "false"})
        services.lifecycle.move(tag, "deployed", occurred_at="2021-01-05")
        services.lifecycle.move(tag, "retired", reason="refresh", occurred_at="2025-01-10")
        services.lifecycle.move(tag, "sold", occurred_at="2025-02-01")
    m = services.metrics.compute(YEAR, options=options)
    assert m.arising_kg == pytest.approx(1.3 + 1.65)  # declared weight, category default
    remarket = next(p for p in m.pathways if p.pathway == "remarket")
    assert remarket.co2e_avoided["default"] == pytest.approx(
        (150 * 0.625 * 0.71 - 0.02 * 150) + (181 * 0.625 * 0.71 - 0.02 * 181))
    assert any(r["source"] == "Lenovo PCF 2023" for r in m.factors_used)
    # Bought in 2025: the T14 declares 35 % recycled content, the X1 nothing.
    services.assets.create({"asset_tag": "T3", "category": "laptop", "manufacturer": "Lenovo",
                            "model": "ThinkPad T14 Gen 3", "purchase_date": "2025-05-01"})
    services.assets.create({"asset_tag": "T4", "category": "laptop", "manufacturer": "Lenovo",
                            "model": "ThinkPad X1", "purchase_date": "2025-05-01", "weight_kg": "1.2"})
    m = services.metrics.compute(YEAR, options=options)
    assert m.recycled_content.value == pytest.approx(0.35)
    assert m.recycled_content_coverage.value == pytest.approx(1.3 / (1.3 + 1.2))
    assert load_factor_set(tmp_path / "set.toml").version == m.factor_set_version


def test_the_age_profile_is_the_same_sliced_or_not(services):
    today = date(2026, 11, 23)
    for i, bought in enumerate((date(2026, 11, 23), date(2025, 11, 24), date(2025, 11, 23), date(2018, 11, 23),
                                date(2018, 11, 24), None)):
        values = {"asset_tag": f"G{i}", "category": "laptop", "department": "Ops", "data_bearing": "false"}
        if bought:
            values["purchase_date"] = bought.isoformat()
        services.assets.create(values)
    options = services.metrics.options()
    from dataclasses import replace

    options = replace(options, today=today)
    whole = services.metrics.compute(YEAR, options=options)
    sliced = services.metrics.compute(YEAR, Slice(department="Ops"), options=options)
    # 365 days is not yet a whole year of 365.25 days; 2018-11-23 is 8 years (2922 days), the day after 7.
    assert whole.age_profile == sliced.age_profile
    assert whole.age_profile == {"0": 3, "1": 0, "2": 0, "3": 0, "4": 0, "5": 0, "6": 0, "7": 1, "8+": 1, "unknown": 1}
    assert whole.by_status == sliced.by_status == {"in_stock": 6}
