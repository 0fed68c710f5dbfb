"""Guess a host's category from what nmap saw, by rules kept as data in resources/classification.toml.

Every rule that fires adds its weight to one or more categories. The scoring (see the file's header):
``confidence = score(best) / (total + prior)``, where ``total`` counts each fired rule once at its largest
weight, so an ambiguous signal (an Apple MAC: laptop, phone or tablet) is not counted as three pieces of
evidence, while signals that disagree lower the confidence. Below ``min_confidence`` the answer is
``unknown`` with the best guess in ``likely``, for a person to confirm.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from itam.discovery.model import Classification, HostObservation, OsClass
from itam.errors import ConfigurationError
from itam.messages import Message, tr
from itam.paths import resource

UNKNOWN = "unknown"

_COMMON_KEYS = {"id", "signal", "category", "weight", "weights", "label", "case_sensitive", "decisive"}
_SIGNAL_KEYS: dict[str, set[str]] = {
    "service_devicetype": {"pattern"},
    "os_class": {"type", "vendor", "family", "generation", "min_accuracy"},
    "os_match": {"pattern", "min_accuracy"},
    "ports": {"all_of", "any_of", "only", "none_of"},
    "service": {"name", "product", "extrainfo", "ostype", "port"},
    "script": {"script", "pattern"},
    "mac_vendor": {"pattern"},
    "mac_prefix": {"prefixes"},
    "mac_randomized": set(),
    "reply_ttl": {"min", "max"},
    "hostname": {"pattern"},
}
_SETTINGS = {"min_os_accuracy": 90, "os_accuracy_margin": 0, "prior": 3.0, "min_confidence": 0.5}

_NETBIOS_NAME = re.compile(r"(?:NetBIOS name|Computer name|NetBIOS computer name):\s*([A-Za-z0-9][\w.-]*)")


@dataclass(frozen=True)
class Settings:
    min_os_accuracy: int = 90
    os_accuracy_margin: int = 0
    prior: float = 3.0
    min_confidence: float = 0.5


@dataclass(frozen=True)
class Rule:
    id: str
    signal: str
    weights: tuple[tuple[str, float], ...]  # (category, weight), largest first; empty = evidence only
    label: str | None
    test: Callable[[_HostFacts], str | None] = field(repr=False, compare=False)
    decisive: bool = False  # when it fires, only decisive rules' categories compete (a hypervisor's NIC)

    @property
    def strength(self) -> float:
        return self.weights[0][1] if self.weights else 0.0


@dataclass(frozen=True)
class RuleSet:
    settings: Settings
    rules: tuple[Rule, ...]
    source: str


# --- what a host offers the rules, computed once per host ---------------------------------------------


@dataclass
class _HostFacts:
    host: HostObservation
    open_ports: set[tuple[int, str]]
    names: list[str]
    os_classes: list[OsClass]  # at or above min_os_accuracy and within the margin of the best
    scripts: list[tuple[str, str, str]]  # (script id, output, where)


def _facts(host: HostObservation, settings: Settings) -> _HostFacts:
    open_ports = {(s.port, s.protocol) for s in host.services if s.state == "open"}
    scripts = [(sid, out, f"{s.port}/{s.protocol}") for s in host.services for sid, out in s.scripts]
    scripts += [(sid, out, "host") for sid, out in host.host_scripts]
    names = [n.lower().rstrip(".") for n in host.hostnames]
    for sid, out, _ in scripts:
        if sid in ("nbstat", "smb-os-discovery"):
            names += [m.group(1).lower() for m in _NETBIOS_NAME.finditer(out.replace("\x00", ""))]
    classes = [c for m in host.os_matches for c in m.classes if c.accuracy >= settings.min_os_accuracy]
    if classes:
        best = max(c.accuracy for c in classes)
        classes = [c for c in classes if c.accuracy >= best - settings.os_accuracy_margin]
    return _HostFacts(host, open_ports, list(dict.fromkeys(names)), classes, scripts)


# --- loading and validating the rules -----------------------------------------------------------------


@lru_cache(maxsize=1)
def _category_keys() -> tuple[str, ...]:
    with open(resource("categories.toml"), "rb") as fh:
        return tuple(c["key"] for c in tomllib.load(fh).get("category", []))


class _RuleReader:
    def __init__(self, where: Message, raw: dict, settings: Settings):
        self.where = where
        self.raw = raw
        self.settings = settings

    def fail(self, message: Message) -> ConfigurationError:
        return ConfigurationError(tr("{rule}: {problem}", rule=self.where, problem=message))

    def regex(self, key: str, *, required: bool = False) -> re.Pattern | None:
        value = self.raw.get(key)
        if value is None:
            if required:
                raise self.fail(tr("'{key}' is required", key=key))
            return None
        if not isinstance(value, str) or not value:
            raise self.fail(tr("'{key}' must be a non-empty text (a regular expression)", key=key))
        flags = 0 if self.raw.get("case_sensitive") else re.IGNORECASE
        try:
            return re.compile(value, flags)
        except re.error as exc:
            raise self.fail(tr("'{key}' is not a valid regular expression ({error})", key=key, error=str(exc))) from None

    def integer(self, key: str, low: int, high: int, default: int | None = None) -> int | None:
        value = self.raw.get(key, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.fail(tr("'{key}' must be a whole number from {low} to {high}", key=key, low=low, high=high))
        return value

    def ports(self, key: str) -> frozenset[tuple[int, str]] | None:
        value = self.raw.get(key)
        if value is None:
            return None
        if not isinstance(value, list) or not value:
            raise self.fail(tr("'{key}' must be a non-empty list of ports such as [\"9100\", \"161/udp\"]", key=key))
        out = set()
        for item in value:
            text = str(item).strip().lower()
            number, _, proto = text.partition("/")
            proto = proto or "tcp"
            if not number.isdigit() or not 1 <= int(number) <= 65535 or proto not in ("tcp", "udp", "sctp"):
                raise self.fail(
                    tr("'{key}': '{item}' is not a port (write 9100, \"9100/tcp\" or \"161/udp\")", key=key, item=item)
                )
            out.add((int(number), proto))
        return frozenset(out)


def _weights(r: _RuleReader) -> tuple[tuple[str, float], ...]:
    raw = r.raw
    keys = _category_keys()

    def check(category: object, weight: object) -> tuple[str, float]:
        if category == UNKNOWN:
            raise r.fail(tr("'unknown' is the result when nothing is decided, not a category a rule can point to"))
        if not isinstance(category, str) or category not in keys:
            raise r.fail(tr(
                "category '{category}' is not in resources/categories.toml (known: {known})",
                category=category, known=", ".join(keys),
            ))
        if isinstance(weight, bool) or not isinstance(weight, int | float) or weight < 0:
            raise r.fail(tr("the weight for '{category}' must be a number >= 0", category=category))
        return category, float(weight)

    if "weights" in raw:
        if "category" in raw or "weight" in raw:
            raise r.fail(tr("give either 'category' and 'weight', or 'weights', not both"))
        table = raw["weights"]
        if not isinstance(table, dict) or not table:
            raise r.fail(tr("'weights' must be a table such as {example}", example="{ phone = 4, tablet = 2 }"))
        pairs = [check(c, w) for c, w in table.items()]
    elif "category" in raw:
        if "weight" not in raw:
            raise r.fail(tr("'weight' is required with 'category'"))
        pairs = [check(raw["category"], raw["weight"])]
    elif "weight" in raw:
        raise r.fail(tr("'category' is required with 'weight'"))
    else:
        pairs = []  # evidence only
    pairs = [p for p in pairs if p[1] > 0]
    return tuple(sorted(pairs, key=lambda p: -p[1]))


def _suffix(label: str | None) -> str:
    return f" ({label})" if label else ""


def _make_test(signal: str, r: _RuleReader, label: str | None) -> Callable[[_HostFacts], str | None]:
    raw = r.raw
    lab = _suffix(label)
    if signal == "service_devicetype":
        pattern = r.regex("pattern", required=True)

        def test(f: _HostFacts) -> str | None:
            for s in f.host.services:
                if s.devicetype and pattern.search(s.devicetype):
                    return f"service on {s.port}/{s.protocol} reports devicetype '{s.devicetype}'{lab}"
            return None

        return test

    if signal == "os_class":
        fields = {k: r.regex(k) for k in ("type", "vendor", "family", "generation")}
        fields = {k: v for k, v in fields.items() if v is not None}
        if not fields:
            raise r.fail(tr("an os_class rule needs at least one of type, vendor, family, generation"))
        min_acc = r.integer("min_accuracy", 0, 100, r.settings.min_os_accuracy)

        def test(f: _HostFacts) -> str | None:
            for c in sorted(f.os_classes, key=lambda c: -c.accuracy):
                if c.accuracy < min_acc:
                    continue
                if all(getattr(c, k) and p.search(getattr(c, k)) for k, p in fields.items()):
                    what = " ".join(x for x in (c.vendor, c.family, c.generation) if x) or "unnamed"
                    return f"OS class {what}, type '{c.type or '?'}', accuracy {c.accuracy}%{lab}"
            return None

        return test

    if signal == "os_match":
        pattern = r.regex("pattern", required=True)
        min_acc = r.integer("min_accuracy", 0, 100, r.settings.min_os_accuracy)

        def test(f: _HostFacts) -> str | None:
            for m in f.host.os_matches:
                if m.accuracy >= min_acc and pattern.search(m.name):
                    return f"OS match '{m.name}', accuracy {m.accuracy}%{lab}"
            return None

        return test

    if signal == "ports":
        all_of, any_of, only, none_of = (r.ports(k) for k in ("all_of", "any_of", "only", "none_of"))
        if not (all_of or any_of or only):
            raise r.fail(tr("a ports rule needs all_of, any_of or only"))

        def test(f: _HostFacts) -> str | None:
            found = f.open_ports
            if not found:
                return None
            if all_of and not all_of <= found:
                return None
            if any_of and not any_of & found:
                return None
            if none_of and none_of & found:
                return None
            if only and not found <= only:
                return None
            shown = sorted((all_of or frozenset()) | ((any_of or frozenset()) & found) | (found if only else frozenset()))
            listed = ", ".join(f"{p}/{proto}" for p, proto in shown)
            return (f"only {listed} open" if only else f"open ports {listed}") + lab

        return test

    if signal == "service":
        fields = {k: r.regex(k) for k in ("name", "product", "extrainfo", "ostype")}
        fields = {k: v for k, v in fields.items() if v is not None}
        if not fields:
            raise r.fail(tr("a service rule needs at least one of name, product, extrainfo, ostype"))
        port = r.integer("port", 1, 65535)

        def test(f: _HostFacts) -> str | None:
            for s in f.host.services:
                if not s.state.startswith("open") or (port is not None and s.port != port):
                    continue
                if all(getattr(s, k) and p.search(getattr(s, k)) for k, p in fields.items()):
                    what = " ".join(x for x in (s.product, s.version) if x) or s.name or "?"
                    if "ostype" in fields and not any(k in fields for k in ("product", "name")):
                        what = f"ostype '{s.ostype}'"
                    return f"service on {s.port}/{s.protocol}: {what}{lab}"
            return None

        return test

    if signal == "script":
        script = raw.get("script")
        if not isinstance(script, str) or not script:
            raise r.fail(tr("'script' (the NSE script id, e.g. \"smb-os-discovery\") is required"))
        pattern = r.regex("pattern", required=True)

        def test(f: _HostFacts) -> str | None:
            for sid, out, where in f.scripts:
                if sid == script:
                    m = pattern.search(out)
                    if m:
                        line = next((ln.strip() for ln in out.splitlines() if m.group(0) in ln), m.group(0).strip())
                        return f"{sid} ({where}) says '{line[:120]}'{lab}"
            return None

        return test

    if signal == "mac_vendor":
        pattern = r.regex("pattern", required=True)

        def test(f: _HostFacts) -> str | None:
            v = f.host.mac_vendor
            return f"MAC vendor {v}{lab}" if v and not f.host.mac_randomized and pattern.search(v) else None

        return test

    if signal == "mac_prefix":
        prefixes = raw.get("prefixes")
        if not isinstance(prefixes, list) or not prefixes:
            raise r.fail(tr("'prefixes' must be a non-empty list such as [\"00:15:5d\"]"))
        bare = []
        for p in prefixes:
            text = re.sub(r"[\s:.-]", "", str(p)).lower()
            if not re.fullmatch(r"[0-9a-f]{6,11}", text):
                raise r.fail(tr("'{prefix}' is not a MAC prefix (at least three bytes, e.g. 00:15:5d)", prefix=p))
            bare.append(text)

        def test(f: _HostFacts) -> str | None:
            if not f.host.mac:
                return None
            mac = f.host.mac.replace(":", "")
            for p in bare:
                if mac.startswith(p):
                    return f"MAC prefix {':'.join(p[i:i + 2] for i in range(0, len(p), 2))}{lab}"
            return None

        return test

    if signal == "mac_randomized":

        def test(f: _HostFacts) -> str | None:
            return f"randomised (locally administered) MAC address{lab}" if f.host.mac and f.host.mac_randomized else None

        return test

    if signal == "reply_ttl":
        low = r.integer("min", 1, 255, 1)
        high = r.integer("max", 1, 255, 255)
        if low > high:
            raise r.fail(tr("'min' ({low}) is above 'max' ({high})", low=low, high=high))

        def test(f: _HostFacts) -> str | None:
            ttl = f.host.reply_ttl
            return f"reply TTL {ttl}{lab}" if ttl is not None and low <= ttl <= high else None

        return test

    if signal == "hostname":
        pattern = r.regex("pattern", required=True)

        def test(f: _HostFacts) -> str | None:
            for name in f.names:
                if pattern.search(name):
                    return f"hostname '{name}'{lab}"
            return None

        return test

    raise AssertionError(signal)  # _SIGNAL_KEYS is checked before


def load_rules(path: str | Path | None = None) -> RuleSet:
    """Read and check a rules file (default: resources/classification.toml, cached once loaded).

    Every mistake raises ConfigurationError naming the file, the rule and the field.
    """
    if path is None:
        return _default_rules()
    return _load(Path(path))


@lru_cache(maxsize=1)
def _default_rules() -> RuleSet:
    return _load(resource("classification.toml"))


def _load(path: Path) -> RuleSet:
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise ConfigurationError(tr(
            "cannot read the classification rules {path}: {error}", path=str(path), error=str(exc.strerror or exc)
        )) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigurationError(tr("{path} is not valid TOML: {error}", path=str(path), error=str(exc))) from None

    unknown_top = set(data) - {"settings", "rule"}
    if unknown_top:
        raise ConfigurationError(tr(
            "{path}: unknown section(s) {sections} (expected [settings] and [[rule]])",
            path=str(path), sections=", ".join(sorted(unknown_top)),
        ))
    raw_settings = data.get("settings", {})
    if not isinstance(raw_settings, dict):
        raise ConfigurationError(tr("{path}: [settings] must be a table", path=str(path)))
    extra = set(raw_settings) - set(_SETTINGS)
    if extra:
        raise ConfigurationError(tr(
            "{path}: unknown setting(s) {names} (known: {known})",
            path=str(path), names=", ".join(sorted(extra)), known=", ".join(_SETTINGS),
        ))
    values = {**_SETTINGS, **raw_settings}
    for key, value in values.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise ConfigurationError(tr("{path}: setting '{key}' must be a number >= 0", path=str(path), key=key))
    if not 0 <= values["min_confidence"] <= 1:
        raise ConfigurationError(tr("{path}: setting 'min_confidence' must be between 0 and 1", path=str(path)))
    if values["min_os_accuracy"] > 100:
        raise ConfigurationError(tr("{path}: setting 'min_os_accuracy' must be between 0 and 100", path=str(path)))
    settings = Settings(int(values["min_os_accuracy"]), int(values["os_accuracy_margin"]),
                        float(values["prior"]), float(values["min_confidence"]))

    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list) or not raw_rules:
        raise ConfigurationError(tr("{path}: no [[rule]] entries", path=str(path)))
    rules: list[Rule] = []
    seen: set[str] = set()
    for n, raw in enumerate(raw_rules, start=1):
        rid = raw.get("id")
        where = (tr("{path}: rule #{n} ({id})", path=str(path), n=n, id=rid) if isinstance(rid, str)
                 else tr("{path}: rule #{n}", path=str(path), n=n))
        reader = _RuleReader(where, raw, settings)
        if not isinstance(rid, str) or not rid.strip():
            raise reader.fail(tr("'id' is required (a short unique name)"))
        if rid in seen:
            raise reader.fail(tr("the id '{id}' is used by an earlier rule", id=rid))
        seen.add(rid)
        signal = raw.get("signal")
        if signal not in _SIGNAL_KEYS:
            raise reader.fail(tr("unknown signal '{signal}' (known: {known})", signal=signal, known=", ".join(_SIGNAL_KEYS)))
        extra = set(raw) - _COMMON_KEYS - _SIGNAL_KEYS[signal]
        if extra:
            allowed = ", ".join(sorted(_SIGNAL_KEYS[signal] | _COMMON_KEYS))
            raise reader.fail(tr(
                "unknown field(s) {names} for a {signal} rule (allowed: {allowed})",
                names=", ".join(sorted(extra)), signal=signal, allowed=allowed,
            ))
        for flag in ("case_sensitive", "decisive"):
            if not isinstance(raw.get(flag, False), bool):
                raise reader.fail(tr("'{flag}' must be true or false", flag=flag))
        label = raw.get("label")
        if label is not None and (not isinstance(label, str) or not label.strip()):
            raise reader.fail(tr("'label' must be a non-empty text"))
        weights = _weights(reader)
        if raw.get("decisive") and not weights:
            raise reader.fail(tr("a decisive rule needs a category and a weight above 0"))
        rules.append(Rule(rid, signal, weights, label, _make_test(signal, reader, label), bool(raw.get("decisive"))))
    return RuleSet(settings, tuple(rules), str(path))


# --- classifying -----------------------------------------------------------------------------------


def classify(host: HostObservation, rules: RuleSet | None = None) -> Classification:
    """The category of ``host`` with a confidence and the evidence, strongest first.

    ``Classification("unknown", confidence, likely=best guess, evidence)`` when the evidence is too weak
    or contradictory; ``likely`` is None when no rule voted at all.
    """
    ruleset = rules or load_rules()
    settings = ruleset.settings
    facts = _facts(host, settings)
    scores: dict[str, float] = {}
    strongest: dict[str, float] = {}
    total = 0.0
    decisive_scores: dict[str, float] = {}
    decisive_total = 0.0
    # One line per distinct observation: two rules reading the same OS class share a line.
    fired: dict[str, tuple[float, int, list[str]]] = {}  # text → (strength, first order, categories)
    for order, rule in enumerate(ruleset.rules):
        text = rule.test(facts)
        if text is None:
            continue
        total += rule.strength
        for category, weight in rule.weights:
            scores[category] = scores.get(category, 0.0) + weight
            strongest[category] = max(strongest.get(category, 0.0), weight)
        if rule.decisive:
            decisive_total += rule.strength
            for category, weight in rule.weights:
                decisive_scores[category] = decisive_scores.get(category, 0.0) + weight
        strength, first, categories = fired.get(text, (0.0, order, []))
        categories += [c for c, _ in rule.weights if c not in categories]
        fired[text] = (max(strength, rule.strength), first, categories)
    ranked = sorted(fired.items(), key=lambda item: (-item[1][0], item[1][1]))
    evidence = tuple(text + (" → " + ", ".join(cats) if cats else "") for text, (_, _, cats) in ranked)
    if not scores:
        return Classification(UNKNOWN, 0.0, None, evidence)
    if decisive_scores:
        # A near-certain signal on another axis (this NIC is virtual) settles the category; what the
        # host does (server, desktop) stays visible in the evidence.
        scores, total = decisive_scores, decisive_total
    order = {key: i for i, key in enumerate(_category_keys())}
    best = min(scores, key=lambda c: (-scores[c], -strongest[c], order.get(c, len(order))))
    confidence = round(scores[best] / (total + settings.prior), 3)
    if confidence < settings.min_confidence:
        return Classification(UNKNOWN, confidence, best, evidence)
    return Classification(best, confidence, None, evidence)
