"""Which circular lever to use for an ageing or retired asset, and why the better ones were passed over.

Follows the waste hierarchy of DOMAIN.md §2 (GB/T 43145-2023 §5.9): the first lever whose policy
conditions hold wins; each better lever gets the reason it was not chosen.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from itam.errors import ConfigurationError
from itam.fields import GRADES
from itam.messages import tr
from itam.paths import resource

LEVERS = ("life_extension", "redeploy", "remarket", "refurbish", "harvest", "recycle")


def grade_rank(grade: str | None) -> int:
    """0 for A … 4 for F; an unknown grade ranks as C (worn but working) and is reported."""
    return GRADES.index(grade) if grade in GRADES else GRADES.index("C")


@dataclass(frozen=True)
class Policy:
    refresh_years: dict[str, float]
    life_extension: dict
    redeploy: dict
    remarket: dict
    refurbish: dict
    harvest: dict
    data: dict
    source: str = "resources/policy.toml"

    def refresh_for(self, category: str) -> float:
        return float(self.refresh_years.get(category, self.refresh_years.get("other", 5)))


def policy_file() -> Path:
    """The policy in force: the user's ``<data dir>/policy.toml`` when there is one, else the shipped file."""
    from itam.paths import data_dir

    user = data_dir() / "policy.toml"
    return user if user.is_file() else resource("policy.toml")


def user_policy_copy() -> Path:
    """Copy the shipped policy to ``<data dir>/policy.toml`` for editing (never over an existing copy)."""
    import shutil

    from itam.paths import data_dir

    target = data_dir() / "policy.toml"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(resource("policy.toml"), target)
    default_policy.cache_clear()
    return target


def load_policy(path: Path | None = None) -> Policy:
    path = path or policy_file()
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
        policy = Policy(
            refresh_years=data["refresh_years"],
            life_extension=data["life_extension"],
            redeploy=data["redeploy"],
            remarket=data["remarket"],
            refurbish=data["refurbish"],
            harvest=data["harvest"],
            data=data.get("data", {}),
            source=str(path),
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError) as exc:
        raise ConfigurationError(tr("Cannot read the recommendation policy {path}: {error}", path=str(path),
                                    error=str(exc))) from exc
    for section in (policy.life_extension, policy.redeploy, policy.remarket, policy.refurbish):
        if section.get("min_condition", "C") not in GRADES:
            raise ConfigurationError(tr("{path}: min_condition must be one of {grades}", path=str(path),
                                        grades=", ".join(GRADES)))
    return policy


@lru_cache(maxsize=1)
def default_policy() -> Policy:
    return load_policy()


@dataclass(frozen=True)
class AssetFacts:
    """What the recommendation looks at, as plain values."""

    category: str
    purchase_date: date | None
    condition_grade: str | None
    data_bearing: bool
    media_types: tuple[str, ...] = ()
    failed_sanitization: bool = False
    status: str = "deployed"


@dataclass(frozen=True)
class PassedOver:
    lever: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Recommendation:
    lever: str
    why: str
    passed_over: tuple[PassedOver, ...]
    age_years: float | None
    refresh_years: float
    notes: tuple[str, ...] = field(default_factory=tuple)


def _age_years(purchase: date | None, today: date) -> float | None:
    if purchase is None:
        return None
    return round((today - purchase).days / 365.25, 1)


def recommend(facts: AssetFacts, policy: Policy | None = None, today: date | None = None) -> Recommendation:
    policy = policy or default_policy()
    today = today or date.today()
    age = _age_years(facts.purchase_date, today)
    refresh = policy.refresh_for(facts.category)
    rank = grade_rank(facts.condition_grade)
    notes: list[str] = []
    if facts.condition_grade not in GRADES:
        notes.append(tr("no condition grade recorded: assumed C (worn, working); grade the asset to be sure"))
    if age is None:
        notes.append(tr("no purchase date recorded: age rules could not be applied"))
    unpurgeable = sorted(set(facts.media_types) & set(policy.data.get("unpurgeable_media", [])))

    def too_old(limit: float, what: str) -> str | None:
        if age is not None and age > limit:
            return tr("too old: {age:g} years, {what} allows up to {limit:g}", age=age, what=what, limit=limit)
        return None

    def too_worn(minimum: str, what: str) -> str | None:
        if rank > GRADES.index(minimum):
            return tr("condition {grade} is below the {minimum} that {what} needs",
                      grade=facts.condition_grade or tr("C (assumed)"), minimum=minimum, what=what)
        return None

    life_extension, redeployment = tr("life extension"), tr("redeployment")
    remarketing, refurbishment = tr("remarketing"), tr("refurbishment")
    category = facts.category.replace("_", " ")

    checks: dict[str, list[str | None]] = {
        "life_extension": [
            None
            if facts.status in ("deployed", "in_repair", "in_stock")
            else tr("already taken out of use ({status})", status=facts.status.replace("_", " ")),
            too_old(refresh + policy.life_extension.get("max_years_over_refresh", 0), life_extension),
            too_worn(policy.life_extension.get("min_condition", "B"), life_extension),
        ],
        "redeploy": [
            None
            if facts.category in policy.redeploy.get("demand", [])
            else tr("no internal demand for {category} (policy)", category=category),
            too_old(refresh + policy.redeploy.get("max_years_over_refresh", 0), redeployment),
            too_worn(policy.redeploy.get("min_condition", "B"), redeployment),
        ],
        "remarket": [
            too_old(policy.remarket.get("max_age_years", 8), remarketing),
            too_worn(policy.remarket.get("min_condition", "C"), remarketing),
            tr("data-bearing and holds media that cannot be purged ({media})", media=", ".join(unpurgeable))
            if facts.data_bearing and unpurgeable
            else None,
            tr("data-bearing and a sanitization of its media failed (unwipeable)")
            if facts.data_bearing and facts.failed_sanitization
            else None,
        ],
        "refurbish": [
            too_old(policy.refurbish.get("max_age_years", 7), refurbishment),
            tr("beyond repair (condition F)") if facts.condition_grade == "F" else None,
            too_worn(policy.refurbish.get("min_condition", "D"), refurbishment)
            if facts.condition_grade != "F"
            else None,
        ],
        "harvest": [
            None
            if facts.category in policy.harvest.get("categories", [])
            else tr("no parts worth recovering in a {category} (policy)", category=category),
            too_old(policy.harvest.get("max_age_years", 10), tr("component recovery")),
        ],
        "recycle": [],
    }
    passed: list[PassedOver] = []
    for lever in LEVERS:
        reasons = tuple(r for r in checks[lever] if r)
        if not reasons:
            why = {
                "life_extension": tr(
                    "still serviceable: keep it in use (age {age} of a {refresh:g}-year cycle, condition {grade})",
                    age=age if age is not None else "?", refresh=refresh, grade=facts.condition_grade or "?"),
                "redeploy": tr("good enough for another user inside the organisation"),
                "remarket": tr("has resale or donation value after a verified wipe"),
                "refurbish": tr("repairable: refurbish, then redeploy or remarket"),
                "harvest": tr("recover tested parts (RAM, SSD, PSU, CPU, screen) for spares or resale"),
                "recycle": tr("no better lever applies: certified material recycling"),
            }[lever]
            return Recommendation(lever, why, tuple(passed), age, refresh, tuple(notes))
        passed.append(PassedOver(lever, reasons))
    raise AssertionError("recycle has no conditions and always applies")  # pragma: no cover
