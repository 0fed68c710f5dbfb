"""The command line: the same services, one-line errors, JSON for scripts."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


def test_add_list_show_edit(cli):
    cli("asset", "add", "--tag", "IT-1", "--category", "laptop", "--serial", "5CG123", "--mac", "00:1b:21:aa:bb:cc",
        "--set", "purchase_date=2022-05-01", "--medium", "type=nvme,serial=NV1,capacity=512")
    cli("asset", "add", "--tag", "IT-2", "--category", "monitor", "--set", "department=Finance")
    _, out, _ = cli("asset", "list")
    assert "IT-1" in out and "IT-2" in out and "1–2 of 2 assets" in out
    _, out, _ = cli("asset", "list", "--category", "monitor", "--json")
    rows = json.loads(out)
    assert [r["asset_tag"] for r in rows] == ["IT-2"]
    _, out, _ = cli("asset", "list", "--search", "00:1b:21", "--json")
    assert [r["asset_tag"] for r in json.loads(out)] == ["IT-1"]
    cli("asset", "edit", "IT-1", "--set", "condition_grade=B", "--set", "assignee=Wang Fang", "--reason", "graded")
    _, out, _ = cli("asset", "show", "5CG123", "--json")
    detail = json.loads(out)
    assert detail["condition_grade"] == "B" and detail["assignee"] == "Wang Fang"
    assert detail["media"][0]["serial"] == "NV1" and detail["media"][0]["sanitized"] is False
    assert detail["history"][-1]["reason"] == "graded"
    _, out, _ = cli("asset", "show", "IT-1")
    assert "NOT sanitized" in out and "history:" in out


def test_move_and_recommend(cli):
    cli("asset", "add", "--tag", "M-1", "--category", "monitor", "--set", "purchase_date=2016-01-01", "--set", "condition_grade=C")
    cli("move", "M-1", "--to", "retired", "--reason", "old")
    _, out, _ = cli("recommend", "M-1", "--json")
    rec = json.loads(out)
    assert rec["lever"] in ("refurbish", "recycle", "harvest", "remarket")
    assert rec["passed_over"][0]["lever"] == "life_extension"
    _, out, _ = cli("move", "M-1", "--to", "recycled")
    assert "is now recycled" in out


def test_bulk_move(cli):
    for i in range(3):
        cli("asset", "add", "--tag", f"M-{i}", "--category", "monitor")
    _, out, _ = cli("move", "M-0", "M-1", "M-2", "--to", "deployed", "--json")
    assert json.loads(out)["moved"] == 3


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["asset", "show", "NOPE"], "no asset with tag, serial or id 'NOPE'"),
        (["asset", "add", "--tag", "X", "--category", "toaster"], "not a category"),
        (["asset", "add", "--serial", "To Be Filled By O.E.M.", "--category", "laptop"], "placeholder"),
        (["asset", "edit", "X", "--set", "nonsense"], "must look like NAME=VALUE"),
        (["move", "X", "--to", "sold"], "no asset"),
    ],
)
def test_user_errors_are_one_line_and_non_zero(cli, argv, message):
    code, out, err = cli(*argv, ok=False)
    assert code != 0
    assert message in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_guard_refusal_exit_code_and_message(cli):
    cli("asset", "add", "--tag", "L-1", "--category", "laptop", "--medium", "type=ssd,serial=S1")
    cli("move", "L-1", "--to", "retired", "--reason", "old")
    code, _, err = cli("move", "L-1", "--to", "sold", ok=False)
    assert code == 2 and "without a verified sanitization" in err


def test_transitions_listing(cli):
    _, out, _ = cli("transitions", "--json")
    data = json.loads(out)
    assert {s["key"] for s in data["statuses"]} >= {"in_stock", "recycled", "lost_stolen", "missing"}
    assert any(t["key"] == "sell" and "media_sanitized" in t["guards"] for t in data["transitions"])


def test_db_status_and_upgrade(cli):
    _, out, _ = cli("db", "upgrade")
    assert "schema revision" in out
    _, out, _ = cli("db", "status")
    from itam.db.migrate import head_revision

    assert f"schema revision: {head_revision()}\ncode expects: {head_revision()}" in out


def test_entry_point_runs_without_a_traceback(tmp_path):
    env = {**os.environ, "ITAM_DATA_DIR": str(tmp_path), "ITAM_DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}"}
    proc = subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), "itam"), "asset", "show", "#42"],
        capture_output=True, text=True, env=env, timeout=60,
    )
    assert proc.returncode == 3
    assert proc.stderr.strip() == "itam: error: no asset with tag, serial or id '#42'"
    help_text = subprocess.run(
        [sys.executable, "-m", "itam.cli.main", "--help"], capture_output=True, text=True, env=env, timeout=60
    ).stdout
    for command in ("asset", "move", "recommend", "import", "export", "audit", "demo"):
        assert command in help_text


def test_import_dry_run_then_import_then_export(cli, tmp_path):
    src = tmp_path / "in.csv"
    src.write_text(
        "Asset Tag,Serial,Category,Location\nIT-1,SN1,Laptops,HQ\nIT-2,SN2,Monitors,HQ\n", encoding="utf-8"
    )
    _, out, _ = cli("import", str(src), "--dry-run")
    assert "would create 2, update 0" in out
    _, out, _ = cli("asset", "list", "--json")
    assert json.loads(out) == []
    _, out, _ = cli("import", str(src))
    assert "2 created" in out
    dest = tmp_path / "out.csv"
    cli("export", str(dest), "--category", "monitor")
    text = dest.read_text(encoding="utf-8-sig")
    assert "IT-2" in text and "IT-1" not in text


def test_bad_import_writes_nothing_and_names_the_row(cli, tmp_path):
    src = tmp_path / "bad.csv"
    src.write_text("Asset Tag,Serial,Category\nIT-1,SN1,laptop\nIT-2,00000000,laptop\n", encoding="utf-8")
    code, _, err = cli("import", str(src), ok=False)
    assert code == 2 and "row 3, Serial" in err and "placeholder" in err
    _, out, _ = cli("asset", "list", "--json")
    assert json.loads(out) == []


def test_demo_command_fills_and_refuses_twice(cli):
    _, out, _ = cli("demo", "--count", "60")
    assert "demo fleet ready" in out
    code, _, err = cli("demo", "--count", "60", ok=False)
    assert code == 2 and "already holds" in err
    _, out, _ = cli("audit", "verify")
    assert "chain intact" in out
