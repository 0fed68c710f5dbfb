"""Recommendations follow the waste hierarchy and say why better levers were passed over."""

from __future__ import annotations

from datetime import date

import pytest

from itam.lifecycle.recommend import AssetFacts, load_policy, recommend

TODAY = date(2026, 11, 1)


def facts(**kw):
    base = dict(category="laptop", purchase_date=date(2024, 11, 1), condition_grade="A", data_bearing=True, status="deployed")
    base.update(kw)
    return AssetFacts(**base)


def test_young_good_asset_in_use_is_kept_in_use():
    rec = recommend(facts(), today=TODAY)
    assert rec.lever == "life_extension" and rec.passed_over == ()


def test_retired_good_laptop_is_redeployed_and_life_extension_explained():
    rec = recommend(facts(status="retired"), today=TODAY)
    assert rec.lever == "redeploy"
    assert rec.passed_over[0].lever == "life_extension"
    assert "already taken out of use" in rec.passed_over[0].reasons[0]


def test_old_worn_laptop_is_remarketed_with_age_and_condition_reasons():
    rec = recommend(facts(purchase_date=date(2019, 11, 1), condition_grade="C"), today=TODAY)
    assert rec.lever == "remarket"
    reasons = {p.lever: " ".join(p.reasons) for p in rec.passed_over}
    assert "too old: 7 years" in reasons["life_extension"] and "allows up to 6" in reasons["life_extension"]
    assert "condition C is below the B" in reasons["redeploy"]


def test_no_demand_category_skips_redeploy():
    rec = recommend(facts(category="printer", status="retired"), today=TODAY)
    assert rec.lever == "remarket"
    assert "no internal demand for printer" in rec.passed_over[1].reasons[0]


def test_unpurgeable_media_block_remarketing():
    rec = recommend(facts(purchase_date=date(2018, 1, 1), condition_grade="C", media_types=("usb_flash",)), today=TODAY)
    assert rec.lever != "remarket"
    remarket = next(p for p in rec.passed_over if p.lever == "remarket")
    assert "cannot be purged (usb_flash)" in " ".join(remarket.reasons)


def test_failed_wipe_blocks_remarketing():
    rec = recommend(facts(condition_grade="C", failed_sanitization=True, status="retired"), today=TODAY)
    assert rec.lever == "refurbish" or rec.lever == "harvest"
    remarket = next(p for p in rec.passed_over if p.lever == "remarket")
    assert "unwipeable" in " ".join(remarket.reasons)


def test_broken_laptop_is_harvested_broken_monitor_recycled():
    assert recommend(facts(condition_grade="F", status="retired"), today=TODAY).lever == "harvest"
    rec = recommend(facts(category="monitor", condition_grade="F", status="retired", data_bearing=False), today=TODAY)
    assert rec.lever == "recycle"
    assert [p.lever for p in rec.passed_over] == ["life_extension", "redeploy", "remarket", "refurbish", "harvest"]


def test_missing_grade_and_date_are_noted():
    rec = recommend(facts(condition_grade=None, purchase_date=None), today=TODAY)
    assert any("no condition grade" in n for n in rec.notes)
    assert any("no purchase date" in n for n in rec.notes)


def test_policy_is_data(tmp_path):
    from itam.paths import resource

    text = resource("policy.toml").read_text(encoding="utf-8").replace("laptop = 4", "laptop = 1")
    path = tmp_path / "policy.toml"
    path.write_text(text, encoding="utf-8")
    rec = recommend(facts(purchase_date=date(2022, 11, 1)), load_policy(path), today=TODAY)
    assert rec.refresh_years == 1
    assert rec.lever != "life_extension"


def test_bad_policy_is_refused(tmp_path):
    from itam.errors import ConfigurationError

    path = tmp_path / "policy.toml"
    path.write_text("[refresh_years]\nlaptop = 4\n", encoding="utf-8")
    with pytest.raises(ConfigurationError):
        load_policy(path)


def test_service_uses_the_asset_record(services):
    services.assets.create(
        {"asset_tag": "L-1", "category": "laptop", "purchase_date": "2018-01-01", "condition_grade": "C"},
        media=[{"media_type": "memory_card", "serial": "SD1"}],
    )
    rec = services.lifecycle.recommend("L-1", today=TODAY)
    assert rec.lever == "harvest"
    assert rec.age_years == pytest.approx(8.8, abs=0.1)
    assert any("too old" in r for p in rec.passed_over for r in p.reasons)


def test_a_user_copy_of_the_policy_takes_over(tmp_path):
    from itam.lifecycle.recommend import default_policy, policy_file, user_policy_copy
    from itam.paths import data_dir, resource
    from itam.services.discovery import load_discovery_settings

    assert policy_file() == resource("policy.toml")
    copy = user_policy_copy()
    assert copy == data_dir() / "policy.toml" and policy_file() == copy
    text = copy.read_text(encoding="utf-8").replace("laptop = 4", "laptop = 6").replace(
        "missing_after_days = 14", "missing_after_days = 30")
    copy.write_text(text, encoding="utf-8")
    default_policy.cache_clear()
    try:
        assert default_policy().refresh_for("laptop") == 6 and default_policy().source == str(copy)
        assert load_discovery_settings().missing_after_days == 30
        assert user_policy_copy() == copy and "laptop = 6" in copy.read_text(encoding="utf-8")  # never overwritten
    finally:
        copy.unlink()
        default_policy.cache_clear()
