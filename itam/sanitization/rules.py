"""Which sanitization claims hold: technique × medium × category, verification, and the data-class policy.

The table lives in ``resources/sanitization.toml`` (DOMAIN.md §4). :func:`assess` is the one place that
decides whether a record is acceptable at all (a refusal raises), whether it counts as *verified*, and
whether it satisfies the policy for the data's classification; the service stores the outcome with the
record and the custody guard reads it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache

from itam.errors import ConfigurationError, ValidationError
from itam.messages import join, tr
from itam.paths import resource

CATEGORIES = ("clear", "purge", "destroy")
_RANK = {c: i for i, c in enumerate(CATEGORIES)}
RESULTS = ("pass", "pass_with_warnings", "fail", "aborted")
PASSING = ("pass", "pass_with_warnings")
VERIFICATIONS = ("none", "sampling", "full")
HIDDEN_AREAS = ("removed", "none_found", "present", "not_checked", "not_applicable")
CLASSIFICATIONS = ("public", "internal", "confidential", "secret")
DESTINATIONS = ("internal_reuse", "external_reuse", "recycling", "manufacturer", "destroyed", "other")
MEDIA_TYPES = ("hdd", "ssd", "nvme", "usb_flash", "memory_card", "mobile", "tape", "other")
TECHNIQUES = (
    "overwrite", "block_erase", "crypto_erase", "ata_secure_erase", "ata_enhanced_secure_erase", "nvme_format",
    "nvme_sanitize", "scsi_sanitize", "degauss", "shred", "disintegrate", "pulverize", "incinerate", "melt",
    "factory_reset", "factory_reset_crypto_erase", "other",
)
#: Names of overwrite patterns that tools print as if they were methods of their own (DOMAIN.md §4).
LEGACY_OVERWRITE_LABELS = ("dod 5220.22-m", "dod", "gutmann", "hmg is5", "schneier", "vsitr", "rcmp", "prng", "zero")


@dataclass(frozen=True)
class Rules:
    standard: str
    standards: tuple[str, ...]
    min_sampling_pct: float
    destroy: frozenset[str]
    self_verifying: frozenset[str]
    policy: dict[str, str]
    media: dict[str, dict[str, frozenset[str]]]

    def reach(self, media_type: str, technique: str) -> str | None:
        """The highest category the technique reaches on this medium; None when it is refused or unknown."""
        if technique in self.destroy:
            return "destroy"
        table = self.media.get(media_type) or self.media["other"]
        if technique in table["refused"]:
            return None
        if technique in table["purge"]:
            return "purge"
        if technique in table["clear"]:
            return "clear"
        return None


@lru_cache(maxsize=1)
def rules() -> Rules:
    path = resource("sanitization.toml")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        d = data["defaults"]
        media = {
            name: {k: frozenset(v.get(k, ())) for k in ("clear", "purge", "refused")}
            for name, v in data["media"].items()
        }
        r = Rules(
            standard=d["standard"],
            standards=tuple(d["standards"]),
            min_sampling_pct=float(d["min_sampling_pct"]),
            destroy=frozenset(d["destroy"]),
            self_verifying=frozenset(d["self_verifying"]),
            policy=dict(data["policy"]),
            media=media,
        )
    except (OSError, KeyError, TypeError, ValueError, tomllib.TOMLDecodeError) as exc:
        raise ConfigurationError(tr("{path} is not a valid sanitization table: {error}", path=path, error=str(exc))) from exc
    unknown = {t for m in media.values() for ts in m.values() for t in ts} - set(TECHNIQUES)
    if unknown or "other" not in media or set(r.policy.values()) - set(CATEGORIES):
        raise ConfigurationError(tr("{path}: unknown techniques or categories {unknown}", path=path, unknown=sorted(unknown)))
    return r


@dataclass
class Claim:
    """What a record says happened to one medium (plain values, before storage)."""

    media_type: str
    category: str
    technique: str
    result: str
    verification: str = "none"
    verification_pct: float | None = None
    verification_result: str | None = None
    hidden_areas: str | None = None
    classification: str | None = None


@dataclass
class Assessment:
    verified: bool
    meets_policy: bool
    reach: str
    warnings: list[str] = field(default_factory=list)


def assess(claim: Claim) -> Assessment:
    """Refuse impossible claims; otherwise say whether the record is verified and meets the policy."""
    r = rules()
    problems: list[str] = []
    if claim.category not in CATEGORIES:
        problems.append(tr("category must be one of clear, purge, destroy, not '{category}'", category=claim.category))
    if claim.technique not in TECHNIQUES:
        problems.append(tr("technique '{technique}' is not one of {techniques}", technique=claim.technique,
                           techniques=", ".join(TECHNIQUES)))
    if claim.result not in RESULTS:
        problems.append(tr("result must be one of {results}, not '{result}'", results=", ".join(RESULTS), result=claim.result))
    if claim.verification not in VERIFICATIONS:
        problems.append(tr("verification must be one of none, sampling, full, not '{verification}'",
                           verification=claim.verification))
    if claim.verification_result not in (None, "pass", "fail"):
        problems.append(tr("verification result must be pass or fail, not '{result}'", result=claim.verification_result))
    if claim.hidden_areas not in (None, *HIDDEN_AREAS):
        problems.append(tr("hidden areas must be one of {values}", values=", ".join(HIDDEN_AREAS)))
    if claim.classification not in (None, *CLASSIFICATIONS):
        problems.append(tr("classification must be one of {values}", values=", ".join(CLASSIFICATIONS)))
    if claim.verification == "sampling" and claim.verification_pct is None:
        problems.append(tr("sampling verification needs the share of the medium that was read (e.g. 10 %)"))
    if claim.verification_pct is not None and not 0 < claim.verification_pct <= 100:
        problems.append(tr("the verified share must lie between 0 and 100 %"))
    if problems:
        raise ValidationError(join(problems, "; "))

    media = claim.media_type if claim.media_type in r.media else "other"
    reach = r.reach(media, claim.technique)
    if reach is None:
        table = r.media[media]
        if claim.technique in table["refused"]:
            if claim.technique == "degauss":
                raise ValidationError(tr("{technique} cannot sanitize a {media} medium (degaussing does nothing to flash memory)",
                                         technique=claim.technique, media=media))
            raise ValidationError(tr("{technique} cannot sanitize a {media} medium", technique=claim.technique, media=media))
        allowed = sorted(table["clear"] | table["purge"] | r.destroy)
        raise ValidationError(tr("{technique} is not a technique for a {media} medium; use one of {allowed}",
                                 technique=claim.technique, media=media, allowed=", ".join(allowed)))
    if _RANK[claim.category] > _RANK[reach]:
        technique, got, wanted = claim.technique, reach.capitalize(), claim.category.capitalize()
        if media in ("usb_flash", "memory_card") and claim.category == "purge":
            raise ValidationError(tr(
                "{technique} reaches {reach} on a {media} medium, not {category} (USB flash and memory cards usually "
                "cannot be purged: destroy them)", technique=technique, reach=got, media=media, category=wanted))
        if media in ("ssd", "nvme"):
            raise ValidationError(tr(
                "{technique} reaches {reach} on a {media} medium, not {category} (on flash media, Purge needs block "
                "erase, crypto erase or a sanitize command)", technique=technique, reach=got, media=media, category=wanted))
        raise ValidationError(tr("{technique} reaches {reach} on a {media} medium, not {category}",
                                 technique=technique, reach=got, media=media, category=wanted))

    warnings: list[str] = []
    passing = claim.result in PASSING
    if claim.category == "destroy" or claim.technique in r.self_verifying:
        verified = passing
    else:
        verified = passing and claim.verification_result == "pass" and (
            claim.verification == "full"
            or (claim.verification == "sampling" and (claim.verification_pct or 0) >= r.min_sampling_pct)
        )
        if passing and claim.verification == "none":
            warnings.append(tr("{category} without verification is not verified", category=claim.category.capitalize()))
        elif passing and claim.verification == "sampling" and (claim.verification_pct or 0) < r.min_sampling_pct:
            warnings.append(tr("sampling {pct:g} % is below the {minimum:g} % the standard asks",
                                    pct=claim.verification_pct, minimum=r.min_sampling_pct))
        elif passing and claim.verification_result != "pass":
            warnings.append(tr("the verification did not pass") if claim.verification_result == "fail"
                            else tr("the verification result is unknown"))
        if claim.hidden_areas == "present":
            verified = False
            warnings.append(tr("hidden areas (HPA/DCO) were present and not reset: the medium is not verified"))
    if not passing:
        warnings.append(tr("the sanitization result is {result}", result=claim.result.replace("_", " ")))

    required = r.policy.get(claim.classification or "", "clear")
    meets = passing and _RANK[claim.category] >= _RANK[required]
    if passing and not meets:
        warnings.append(tr(
            "{category} does not satisfy the {required} that policy requires for {classification} data",
            category=claim.category.capitalize(), required=required.capitalize(), classification=claim.classification,
        ))
    return Assessment(verified=verified, meets_policy=meets, reach=reach, warnings=warnings)


def is_legacy_overwrite_label(label: str | None) -> bool:
    text = (label or "").strip().lower()
    return any(text.startswith(name) for name in LEGACY_OVERWRITE_LABELS)
