"""``itam metrics`` for a period and ``itam move`` with an outcome, through the command line."""

from __future__ import annotations

import json


def test_move_records_the_outcome_and_metrics_reports_it(cli):
    cli("party", "add", "GreenCycle", "--kind", "recycler")
    cli("asset", "add", "--tag", "L1", "--category", "laptop", "--set", "purchase_date=2021-01-01",
        "--set", "data_bearing=false", "--set", "weight_kg=2")
    cli("move", "L1", "--to", "deployed", "--on", "2021-01-05")
    cli("move", "L1", "--to", "retired", "--reason", "refresh", "--on", "2025-01-01")
    code, _, err = cli("move", "L1", "--to", "sold", "--on", "2025-02-01", "--value", "120.50", ok=False)
    assert code != 0 and "currency" in err
    cli("move", "L1", "--to", "sold", "--on", "2025-02-01", "--value", "120.50", "--currency", "eur",
        "--cost", "9.5", "--fitted", "ram:8")
    _, out, _ = cli("metrics", "--from", "2025", "--to", "2025", "--json")
    data = json.loads(out)
    assert data["arising_count"] == 1 and data["processed_count"] == 1
    assert data["reuse_share"]["value"] == 1.0
    (eur,) = data["value"]
    assert eur == {"currency": "EUR", "resale": "120.50", "parts": "0", "avoided_purchases": "0", "costs": "9.50",
                   "net": "111.00"}
    remarket = next(p for p in data["pathways"] if p["pathway"] == "remarket")
    # 181 × 2.5/4 × 0.71 − 0.02 × 181 − 19 (8 GB RAM fitted)
    assert abs(remarket["co2e_avoided"]["default"] - (181 * 0.625 * 0.71 - 3.62 - 19)) < 1e-9
    assert data["factor_set_version"] == "2026.1" and data["index"]["grade"] in range(1, 6)
    _, out, _ = cli("metrics", "--from", "2025-01-01", "--to", "2025-12-31")
    assert "collection rate R_col" in out and "100.0%" in out and "itam default factors 2026.1" in out
    assert "CO2e avoided (not netted)" in out


def test_bad_periods_and_slices_are_refused_clearly(cli):
    code, _, err = cli("metrics", "--from", "yesterday", ok=False)
    assert code == 2 and "not a date" in err
    code, _, err = cli("metrics", "--location", "Atlantis", ok=False)
    assert code == 2 and "no location named 'Atlantis'" in err
    _, out, _ = cli("metrics", "--from", "2010", "--to", "2010")
    assert "no lifecycle event" in out and "nan" not in out.lower()


def test_site_and_organisation_countries(cli):
    cli("asset", "add", "--tag", "L1", "--category", "laptop", "--set", "location=London")
    _, out, _ = cli("location", "set", "London", "--country", "gb")
    assert "London" in out and "GB" in out
    code, _, err = cli("location", "set", "London", "--country", "Britain", ok=False)
    assert code == 2 and "ISO 3166" in err
    code, _, err = cli("location", "set", "Mars", "--country", "GB", ok=False)
    assert code == 3
    _, out, _ = cli("org", "set", "--name", "ACME", "--country", "cn", "--currency", "cny")
    assert "country: CN" in out and "currency: CNY" in out
