"""Editing the policy in force: refresh cycles, lever limits and discovery's missing-asset days.

The shipped ``resources/policy.toml`` is never changed (updates replace it). Edits go to the user's copy
``<data dir>/policy.toml``, made on the first save, and are written with tomlkit so the file's comments
and layout survive (people also edit it by hand). Every value is checked before anything is written; the
new file is written beside the old one, read back with the same loader the recommendations use, and only
then moved into place, so a failed save leaves the policy as it was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomlkit

from itam.errors import ConfigurationError, ValidationError
from itam.lifecycle.recommend import GRADES, default_policy, load_policy, policy_file, user_policy_copy
from itam.messages import tr
from itam.paths import data_dir, resource


@dataclass(frozen=True)
class Setting:
    """One editable value: ``section.key``, its kind and its allowed range."""

    section: str
    key: str
    kind: str  # "years", "days", "grade"
    low: float = 0
    high: float = 0

    @property
    def name(self) -> str:
        return f"{self.section}.{self.key}"


#: The values the Settings page and ``itam policy set`` may change (refresh years per category come on top).
SETTINGS: tuple[Setting, ...] = (
    Setting("discovery", "missing_after_days", "days", 1, 3650),
    Setting("life_extension", "max_years_over_refresh", "years", 0, 10),
    Setting("life_extension", "min_condition", "grade"),
    Setting("redeploy", "max_years_over_refresh", "years", 0, 10),
    Setting("redeploy", "min_condition", "grade"),
    Setting("remarket", "max_age_years", "years", 0, 30),
    Setting("remarket", "min_condition", "grade"),
    Setting("refurbish", "max_age_years", "years", 0, 30),
    Setting("refurbish", "min_condition", "grade"),
    Setting("harvest", "max_age_years", "years", 0, 40),
)
REFRESH_RANGE = (0.5, 30.0)


def setting(name: str) -> Setting:
    """The setting called ``section.key``; ``refresh_years.<category>`` for any category."""
    section, _, key = name.strip().partition(".")
    if section == "refresh_years" and key:
        return Setting("refresh_years", key, "years", *REFRESH_RANGE)
    for s in SETTINGS:
        if s.name == name.strip():
            return s
    known = ", ".join(["refresh_years.<category>", *(s.name for s in SETTINGS)])
    raise ValidationError(tr("no policy setting '{name}' (known: {known})", name=name, known=known))


def parse_value(s: Setting, value: Any) -> int | float | str:
    """``value`` (typed or text) checked against the setting's kind and range."""
    if s.kind == "grade":
        grade = str(value).strip().upper()
        if grade not in GRADES:
            raise ValidationError(tr("{name} must be one of the condition grades {grades}", name=s.name,
                                     grades=", ".join(GRADES)))
        return grade
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        raise ValidationError(tr("{name} must be a number, not '{value}'", name=s.name, value=value)) from None
    if not s.low <= number <= s.high:
        raise ValidationError(tr("{name} must be between {low:g} and {high:g}", name=s.name, low=s.low, high=s.high))
    if s.kind == "days":
        if number != int(number):
            raise ValidationError(tr("{name} must be a whole number of days", name=s.name))
        return int(number)
    return int(number) if number == int(number) else round(number, 2)


def current_values() -> dict[str, Any]:
    """Every editable value of the policy in force, by ``section.key``."""
    data = _read(policy_file())
    out: dict[str, Any] = {f"refresh_years.{k}": v for k, v in data.get("refresh_years", {}).items()}
    for s in SETTINGS:
        value = data.get(s.section, {}).get(s.key)
        if value is not None:
            out[s.name] = value
    return out


def is_customised() -> bool:
    """Whether the user's copy is in force (rather than the shipped policy)."""
    return policy_file() != resource("policy.toml")


def save_policy(changes: Mapping[str, Any]) -> Path:
    """Write ``changes`` (``section.key`` -> value) to the user's policy; returns its path.

    All values are checked first: one bad value changes nothing.
    """
    parsed = {}
    problems = []
    for name, value in changes.items():
        try:
            s = setting(name)
            parsed[s] = parse_value(s, value)
        except ValidationError as exc:
            problems.append(exc.args[0])
    if problems:
        from itam.messages import join

        raise ValidationError(join(problems))
    target = user_policy_copy()
    doc = tomlkit.parse(target.read_text(encoding="utf-8"))
    for s, value in parsed.items():
        table = doc.get(s.section)
        if table is None:
            table = tomlkit.table()
            doc[s.section] = table
        table[s.key] = value
    _replace(target, tomlkit.dumps(doc))
    return target


def reset_policy() -> Path | None:
    """Go back to the shipped policy; the user's copy is kept as ``policy.toml.bak`` (returned)."""
    user = data_dir() / "policy.toml"
    if not user.exists():
        return None
    backup = user.with_name("policy.toml.bak")
    os.replace(user, backup)
    default_policy.cache_clear()
    return backup


def _replace(target: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".policy-", suffix=".toml", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        load_policy(Path(tmp))  # the recommendations must be able to read what we write
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    default_policy.cache_clear()


def _read(path: Path) -> dict[str, Any]:
    import tomllib

    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigurationError(tr("Cannot read the policy {path}: {error}", path=str(path), error=str(exc))) from exc
