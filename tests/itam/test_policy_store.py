"""Editing the policy: values are checked, comments survive, the shipped file is never touched."""

from __future__ import annotations

import pytest

from itam.errors import ValidationError
from itam.lifecycle import policy_store
from itam.lifecycle.recommend import default_policy, policy_file
from itam.paths import resource
from itam.services.discovery import load_discovery_settings


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("ITAM_DATA_DIR", str(tmp_path))
    default_policy.cache_clear()
    yield tmp_path
    default_policy.cache_clear()


def test_saving_writes_the_users_copy_keeps_comments_and_takes_effect(data_dir):
    shipped = resource("policy.toml").read_bytes()
    path = policy_store.save_policy({"refresh_years.laptop": "3.5", "discovery.missing_after_days": 30,
                                     "remarket.min_condition": "b"})
    assert path == data_dir / "policy.toml" == policy_file()
    assert resource("policy.toml").read_bytes() == shipped
    text = path.read_text(encoding="utf-8")
    assert "# Recommendation policy" in text and "# planned refresh cycle per category" in text
    assert default_policy().refresh_for("laptop") == 3.5
    assert default_policy().remarket["min_condition"] == "B"
    assert load_discovery_settings().missing_after_days == 30
    assert policy_store.current_values()["refresh_years.laptop"] == 3.5
    assert policy_store.is_customised()


@pytest.mark.parametrize(("name", "value", "words"), [
    ("refresh_years.laptop", "0", "between 0.5 and 30"),
    ("refresh_years.laptop", "four", "must be a number"),
    ("discovery.missing_after_days", "2.5", "whole number"),
    ("redeploy.min_condition", "Z", "condition grades"),
    ("discovery.no_such", "1", "no policy setting"),
])
def test_a_bad_value_is_refused_and_nothing_is_written(data_dir, name, value, words):
    with pytest.raises(ValidationError, match=words):
        policy_store.save_policy({"refresh_years.desktop": 6, name: value})
    assert not (data_dir / "policy.toml").exists()
    assert default_policy().refresh_for("desktop") == 5


def test_every_problem_is_reported_at_once_and_in_chinese(data_dir):
    with pytest.raises(ValidationError) as info:
        policy_store.save_policy({"refresh_years.laptop": "x", "discovery.missing_after_days": 0})
    assert "refresh_years.laptop" in str(info.value) and "discovery.missing_after_days" in str(info.value)
    assert "必须" in info.value.localized("zh_CN")


def test_reset_goes_back_to_the_shipped_policy_and_keeps_a_backup(data_dir):
    assert policy_store.reset_policy() is None
    policy_store.save_policy({"refresh_years.laptop": 2})
    backup = policy_store.reset_policy()
    assert backup is not None and "laptop = 2" in backup.read_text(encoding="utf-8")
    assert policy_file() == resource("policy.toml") and default_policy().refresh_for("laptop") == 4
    assert not policy_store.is_customised()


def test_the_cli_shows_sets_and_resets_the_policy(data_dir, capsys):
    from itam.cli.main import main

    assert main(["policy", "set", "refresh_years.laptop=3", "harvest.max_age_years=12"]) == 0
    assert main(["policy", "show"]) == 0
    out = capsys.readouterr().out
    assert "(your copy)" in out and "refresh_years.laptop" in out and "harvest.max_age_years" in out
    assert default_policy().harvest["max_age_years"] == 12
    assert main(["policy", "set", "refresh_years.laptop=99"]) == 2
    assert "between 0.5 and 30" in capsys.readouterr().err
    assert default_policy().refresh_for("laptop") == 3
    assert main(["policy", "reset"]) == 0
    assert default_policy().refresh_for("laptop") == 4
