"""Sentences the core stored as plain English are shown in the user's language when their template is known."""

from __future__ import annotations

from itam.messages import localize, recover, tr


def test_a_stored_sentence_is_recovered_and_translated():
    stored = str(tr("no party named '{name}' (add it with itam party add)", name="Acme Recycling"))
    found = recover(stored)
    assert found is not None and found.template == "no party named '{name}' (add it with itam party add)"
    assert found.params["name"] == "Acme Recycling"
    zh = localize(stored, "zh_CN")
    assert "Acme Recycling" in zh and zh != stored and "itam party add" in zh


def test_formatted_numbers_keep_their_english_form():
    stored = str(tr("these targets cover {count:,} addresses, more than the limit of {limit:,}; confirm to scan them",
                    count=70000, limit=65536))
    zh = localize(stored, "zh_CN")
    assert "70,000" in zh and "65,536" in zh and zh != stored


def test_a_long_sentence_with_several_numbers_is_recovered():
    stored = str(tr("{name} has {columns:,} columns up to its last header; itam reads at most {limit:,}. Delete the "
                    "columns you do not import, or export only the inventory columns.",
                    name="fleet.xlsx", columns=20000, limit=16384))
    zh = localize(stored, "zh_CN")
    assert zh.startswith("fleet.xlsx") and "20,000" in zh and "16,384" in zh


def test_text_no_template_wrote_is_left_alone():
    for text in ("Connection reset by peer", "", "198.18.0.7", "a {brace} that is not a template"):
        assert recover(text) is None or text == ""
        assert localize(text, "zh_CN") == text
    assert localize("Connection reset by peer", "en") == "Connection reset by peer"
