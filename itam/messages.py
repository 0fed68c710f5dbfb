"""Messages the core shows to people, in any interface language, without Qt.

The core writes every user-facing sentence (error messages, notes, warnings) through :func:`tr`::

    raise NotFoundError(tr("No asset has the tag {tag}.", tag=tag))

:func:`tr` returns a :class:`Message`: a ``str`` holding the English text, so logs, the CLI, tests and
JSON output keep working unchanged, that also remembers its template and parameters. A front end
calls :func:`localize` with the user's language and gets the same sentence from the catalogue
``resources/translations/messages/<language>/*.json`` (English template -> translated template, with
the same ``{placeholders}``; one file per area of the core, merged). Parameters that are themselves messages are localized too. A template
missing from the catalogue falls back to English; ``tests/itam/test_messages.py`` fails the build when
one is missing, when a placeholder differs, or when a catalogue entry is no longer used.
"""

from __future__ import annotations

import json
import logging
import re
import string
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from itam.paths import resource

log = logging.getLogger(__name__)

ENGLISH = "en"


class Message(str):
    """An English sentence that can be re-rendered in another language. Immutable, like ``str``."""

    __slots__ = ("template", "params")
    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, params: dict[str, Any] | None = None) -> Message:
        params = dict(params or {})
        self = super().__new__(cls, _render(template, params, ENGLISH))
        self.template = template
        self.params = params
        return self

    def __reduce__(self):  # pickling (multiprocessing, copy) keeps the template
        return (Message, (self.template, self.params))

    def localized(self, language: str | None) -> str:
        if not language or language == ENGLISH:
            return str.__str__(self)
        return _render(catalogue(language).get(self.template, self.template), self.params, language)


def tr(template: str, /, **params: Any) -> Message:
    """Mark ``template`` as a user-facing sentence; ``params`` fill its ``{placeholders}``.

    ``template`` must be a literal (not an f-string) so the catalogue test can find it.
    """
    return Message(template, params)


def join(parts: Iterable[Any], separator: str = "\n") -> Message:
    """Join sentences (messages or plain text) keeping each one translatable."""
    parts = list(parts)
    names = [f"p{i}" for i in range(len(parts))]
    return _Joined(separator.join("{" + n + "}" for n in names), dict(zip(names, parts, strict=True)))


class _Joined(Message):
    """A join of messages: its template is structure, not a sentence, so it is never looked up."""

    __slots__ = ()

    def __reduce__(self):
        return (_Joined, (self.template, self.params))

    def localized(self, language: str | None) -> str:
        return _render(self.template, self.params, language or ENGLISH)


def localize(value: Any, language: str | None) -> str:
    """``value`` in ``language``: a message, an exception carrying one, an object with a
    ``localized(language)`` method (such as a row problem that composes messages), or any text."""
    if isinstance(value, BaseException):
        if not value.args:
            return localize(type(value).__name__, language)
        value = value.args[0]
    if isinstance(value, Message):
        return value.localized(language)
    method = getattr(value, "localized", None)
    if callable(method):
        return method(language)
    text = str(value)
    if language and language != ENGLISH:
        found = catalogue(language).get(text)
        if found is not None:
            return found
        recovered = recover(text)
        return recovered.localized(language) if recovered is not None else text
    return text


#: A stored sentence is only matched against templates with at least this much literal text, so a
#: template that is mostly placeholders ("{what}: {detail}") never claims text it did not write.
_MIN_LITERAL = 8


def recover(text: str) -> Message | None:
    """The :class:`Message` whose English rendering is ``text``, when it can be told from the catalogue.

    Sentences the core stored as plain English (an audit's error, a sanitization warning, a history
    reason) lose their template; this finds it again by matching ``text`` against every template with its
    placeholders as wildcards, preferring the one with the most literal text, so the front end can show
    the sentence in the user's language. A parameter that is itself a stored sentence is recovered too.
    Returns None when no template matches the whole text.
    """
    return _recover(text, 2) if text else None


@lru_cache(maxsize=4096)
def _recover(text: str, depth: int) -> Message | None:
    for template, pattern, literals in _patterns():
        if not all(part in text for part in literals):
            continue
        match = pattern.fullmatch(text)
        if match is None:
            continue
        params: dict[str, Any] = {}
        for name, value in match.groupdict().items():
            params[name] = _recover_param(value, depth - 1) if depth > 0 else _Verbatim(value)
        return Message(template, params)
    return None


def _recover_param(value: str, depth: int) -> Any:
    if len(value) >= _MIN_LITERAL and " " in value and value in _english_templates():
        return Message(value)
    found = _recover(value, depth) if depth > 0 and " " in value else None
    return found if found is not None else _Verbatim(value)


class _Verbatim(str):
    """A recovered parameter: already formatted once, so a format spec ("{n:,}") leaves it as it is."""

    __slots__ = ()

    def __format__(self, spec: str) -> str:
        return str.__str__(self)


@lru_cache(maxsize=1)
def _english_templates() -> frozenset[str]:
    names: set[str] = set()
    for path in resource("translations").joinpath("messages").glob("*"):
        if path.is_dir():
            names.update(catalogue(path.name))
    return frozenset(names)


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern[str], tuple[str, ...]]]:
    """(template, regular expression, literal parts) for every template with placeholders, most literal first."""
    found = []
    for template in _english_templates():
        try:
            parsed = list(string.Formatter().parse(template))
        except ValueError:
            continue
        if all(field is None for _lit, field, _spec, _conv in parsed):
            continue
        regex, literals, seen = [], [], set()
        for literal, field, _spec, _conv in parsed:
            if literal:
                regex.append(re.escape(literal))
                literals.append(literal)
            if field is None:
                continue
            name = field.split(".")[0].split("[")[0]
            if not name.isidentifier():
                break
            regex.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
            seen.add(name)
        else:
            if sum(map(len, literals)) >= _MIN_LITERAL:
                found.append((template, re.compile("".join(regex), re.DOTALL), tuple(literals)))
    found.sort(key=lambda item: -sum(map(len, item[2])))
    return found


@lru_cache(maxsize=8)
def catalogue(language: str) -> dict[str, str]:
    """English template -> translated template for ``language`` (empty when there are no files)."""
    merged: dict[str, str] = {}
    for path in catalogue_files(language):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("cannot read the message catalogue %s: %s", path, exc)
            continue
        merged.update({k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str) and v})
    return merged


def catalogue_files(language: str) -> list[Path]:
    folder = resource("translations") / "messages" / language
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def placeholders(template: str) -> set[str]:
    """The ``{names}`` a template uses (``{n:,}`` counts as ``n``)."""
    names = set()
    for _literal, field, _spec, _conv in string.Formatter().parse(template):
        if field is not None:
            names.add(field.split(".")[0].split("[")[0])
    return names


def _render(template: str, params: dict[str, Any], language: str) -> str:
    if not params:
        return template
    values = {k: (v.localized(language) if isinstance(v, Message) else v) for k, v in params.items()}
    try:
        return template.format_map(values)
    except (KeyError, IndexError, ValueError, TypeError) as exc:
        # A broken translation must never hide the message: fall back to the English template.
        log.warning("cannot render message %r: %s", template, exc)
        try:
            return template.format_map(_Lenient(values))
        except (IndexError, ValueError, TypeError):
            return template


class _Lenient(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
