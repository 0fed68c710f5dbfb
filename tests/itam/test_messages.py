"""Every sentence the core shows a person can be shown in Chinese.

The catalogue test reads the source: each ``tr("template", …)`` in ``itam/`` and ``reports/`` must have a
Chinese entry with the same placeholders, every catalogue entry must still be used, and no
:class:`~itam.errors.ItamError` may be raised with a bare string or f-string (it would stay English).
"""

from __future__ import annotations

import ast
import json
import pickle
from pathlib import Path

import pytest

import itam.errors
from itam.messages import Message, catalogue, catalogue_files, join, localize, placeholders, tr

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted([*ROOT.joinpath("itam").rglob("*.py"), *ROOT.joinpath("reports").rglob("*.py")])


def _catalogue() -> dict[str, str]:
    """The Chinese catalogue, merged from its per-area files; one template translated two ways fails."""
    merged: dict[str, str] = {}
    clashes = []
    for path in catalogue_files("zh_CN"):
        for template, text in json.loads(path.read_text(encoding="utf-8")).items():
            if merged.get(template, text) != text:
                clashes.append(f"{path.name}: {template!r}")
            merged[template] = text
    assert not clashes, "translated differently in two files:\n" + "\n".join(clashes)
    return merged

ERROR_CLASSES = {
    name for name, obj in vars(itam.errors).items() if isinstance(obj, type) and issubclass(obj, itam.errors.ItamError)
} | {"ConfirmationNeeded", "TransferCancelled"}


def _calls() -> list[tuple[str, int, ast.Call]]:
    found = []
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "tr":
                found.append((str(path.relative_to(ROOT)), node.lineno, node))
    return found


def _templates() -> dict[str, str]:
    """template -> where it is used (first place)."""
    out: dict[str, str] = {}
    for where, line, call in _calls():
        if call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str):
            out.setdefault(call.args[0].value, f"{where}:{line}")
    return out


def test_tr_is_called_with_a_literal_template_and_exactly_its_placeholders():
    bad = []
    for where, line, call in _calls():
        if not call.args or not isinstance(call.args[0], ast.Constant) or not isinstance(call.args[0].value, str):
            bad.append(f"{where}:{line}: the template must be a string literal (not an f-string or a variable)")
            continue
        if any(k.arg is None for k in call.keywords):
            bad.append(f"{where}:{line}: pass parameters by name, not **mapping")
            continue
        wanted = placeholders(call.args[0].value)
        given = {k.arg for k in call.keywords}
        if wanted != given:
            bad.append(f"{where}:{line}: placeholders {sorted(wanted)} but parameters {sorted(given)}")
    assert not bad, "\n".join(bad)


def test_every_template_has_a_chinese_translation_with_the_same_placeholders():
    zh = _catalogue()
    missing = [f"{where}: {t!r}" for t, where in _templates().items() if not zh.get(t)]
    assert not missing, f"{len(missing)} messages have no Chinese entry:\n" + "\n".join(missing)
    differ = [t for t in _templates() if placeholders(t) != placeholders(zh[t])]
    assert not differ, "placeholders differ in the translation of:\n" + "\n".join(differ)


def test_the_catalogue_has_no_stale_entries():
    zh = _catalogue()
    stale = sorted(set(zh) - set(_templates()))
    assert not stale, "no longer used (remove them):\n" + "\n".join(stale)


def test_no_core_error_is_raised_with_untranslatable_text():
    bad = []
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                continue
            func = node.exc.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
            if name in ERROR_CLASSES and node.exc.args:
                first = node.exc.args[0]
                if isinstance(first, ast.JoinedStr | ast.BinOp) or (
                    isinstance(first, ast.Constant) and isinstance(first.value, str)
                ):
                    bad.append(f"{path.relative_to(ROOT)}:{node.lineno}: raise {name}(...) with plain text; use tr()")
    assert not bad, "\n".join(bad)


def test_a_message_is_english_text_that_renders_in_chinese():
    m = tr("no asset with tag, serial or id '{ref}'", ref="A-1")
    assert m == "no asset with tag, serial or id 'A-1'" and isinstance(m, str)
    zh = m.localized("zh_CN")
    assert "A-1" in zh and zh != str(m)
    assert localize(itam.errors.NotFoundError(m), "zh_CN") == zh
    assert itam.errors.NotFoundError(m).localized("en") == "no asset with tag, serial or id 'A-1'"
    assert pickle.loads(pickle.dumps(m)).localized("zh_CN") == zh


def test_nested_messages_and_joins_are_localized_part_by_part():
    inner = tr("no asset #{id}", id=7)
    joined = join([inner, "plain text"])
    assert joined == "no asset #7\nplain text"
    assert joined.localized("zh_CN") == inner.localized("zh_CN") + "\nplain text"


def test_unknown_templates_and_broken_translations_fall_back_to_english(monkeypatch):
    assert tr("Not in any catalogue {x}", x=1).localized("zh_CN") == "Not in any catalogue 1"
    monkeypatch.setitem(catalogue("zh_CN"), "Broken {x}", "坏的 {y}")
    assert Message("Broken {x}", {"x": 2}).localized("zh_CN") == "坏的 {y}"  # never an exception
    assert localize("plain", "zh_CN") == "plain"


@pytest.mark.parametrize("language", ["en", "zh_CN", None])
def test_localize_accepts_exceptions_without_arguments(language):
    assert localize(itam.errors.ValidationError(), language) == "ValidationError"
