"""Scan targets typed by a person, validated into tokens that nmap can only read as targets.

nmap has no ``--`` end-of-options marker, so a target string like ``"198.18.0.2 -oN FILE"`` would make nmap
write a file. Every token must therefore parse as one of: an IPv4 or IPv6 address, a CIDR block, a range
(``198.18.0.10-40``, ``198.18.0.10-198.18.0.40``, or nmap's per-octet form ``198.18.0-3.1-254``) or an
RFC 1123 hostname. Anything else raises :class:`InvalidTargetError` naming the token.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass

from itam.errors import InvalidTargetError
from itam.messages import tr

#: Above this many addresses (a /16) the caller should ask the person to confirm.
DEFAULT_LIMIT = 65_536

_SPLIT = re.compile(r"[\s,]+")
# Characters a shell (or nmap's own option parser) would give a meaning to; none occurs in a valid target.
_SHELL_META = set(";|&$`()<>\\\"'*?[]{}!#")
_LABEL = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")
_OCTET_RANGE = re.compile(r"^(\d{1,3})(?:-(\d{1,3}))?$")
_LOOKS_V4 = re.compile(r"^[\d.\-]+$")
_V6_SCOPE = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class TargetSpec:
    """Validated scan targets.

    ``tokens`` go to nmap's argv as they are; ``count`` is the number of addresses they cover (a hostname
    counts as one; overlapping blocks are counted each time); ``hostnames`` are the tokens that need DNS;
    ``ipv6`` is true when the targets are IPv6 (nmap scans one address family per run and needs ``-6``).
    """

    tokens: tuple[str, ...]
    count: int
    hostnames: tuple[str, ...] = ()
    ipv6: bool = False

    def exceeds(self, limit: int = DEFAULT_LIMIT) -> bool:
        """True when the targets cover more addresses than ``limit`` (default: a /16)."""
        return self.count > limit

    def __str__(self) -> str:
        return " ".join(self.tokens)


def parse_targets(text: str | Iterable[str]) -> TargetSpec:
    """Parse addresses, CIDR blocks, ranges and hostnames separated by commas, spaces or new lines."""
    if isinstance(text, str):
        raw = [text]
    else:
        raw = [str(t) for t in text]
    words = [w for chunk in raw for w in _SPLIT.split(chunk) if w]
    if not words:
        raise InvalidTargetError(tr("no targets given: enter addresses, CIDR blocks, ranges or hostnames"))

    tokens: list[str] = []
    hostnames: list[str] = []
    count = 0
    families: dict[int, str] = {}  # address family → the first token of it, for the message
    seen: set[str] = set()
    for word in words:
        parsed = _parse_token(word)
        if parsed.family:
            families.setdefault(parsed.family, word)
        for token in parsed.tokens:
            if token in seen:
                continue
            seen.add(token)
            tokens.append(token)
        count += parsed.count
        if parsed.hostname:
            hostnames.append(parsed.tokens[0])

    if 4 in families and 6 in families:
        raise InvalidTargetError(tr(
            "'{v4}' is IPv4 and '{v6}' is IPv6: nmap scans one address family at a time, so scan them separately",
            v4=families[4], v6=families[6],
        ))
    return TargetSpec(tuple(tokens), count, tuple(dict.fromkeys(hostnames)), ipv6=6 in families)


@dataclass(frozen=True)
class _Parsed:
    tokens: tuple[str, ...]
    count: int
    family: int | None  # 4 or 6; None for a hostname, which nmap resolves in the family of the scan
    hostname: bool = False


def _parse_token(word: str) -> _Parsed:
    if word.startswith("-"):
        raise InvalidTargetError(tr("'{word}' looks like an nmap option; only targets are allowed here", word=word))
    if word[0] in "/~.":
        raise InvalidTargetError(tr("'{word}' looks like a file or path; only targets are allowed here", word=word))
    if "@" in word:
        raise InvalidTargetError(
            tr("'{word}' contains '@' (a file or user@host form); only targets are allowed here", word=word)
        )
    bad = sorted({c for c in word if c in _SHELL_META})
    if bad:
        raise InvalidTargetError(tr(
            "'{word}' contains {chars}, which cannot be part of a target", word=word, chars=" ".join(repr(c) for c in bad)
        ))
    if not word.isascii() or not word.isprintable():
        raise InvalidTargetError(tr(
            "'{word}' contains characters that cannot be part of a target "
            "(write international hostnames in their xn-- form)",
            word=word,
        ))

    if "/" in word:
        return _parse_cidr(word)
    if ":" in word:
        return _parse_ipv6(word)
    if "-" in word and _LOOKS_V4.match(word):
        return _parse_ipv4_range(word)
    if _LOOKS_V4.match(word.rstrip(".")) and "-" not in word:
        return _Parsed((str(_ipv4(word, word)),), 1, 4)
    return _parse_hostname(word)


def _ipv4(text: str, word: str) -> ipaddress.IPv4Address:
    parts = text.split(".")
    if len(parts) != 4 or not all(parts):
        raise InvalidTargetError(
            tr("'{word}' is not an IPv4 address: it needs four numbers separated by dots", word=word)
        )
    for p in parts:
        _octet(p, word)
    return ipaddress.IPv4Address(text)


def _octet(text: str, word: str) -> int:
    if not text.isdigit():
        raise InvalidTargetError(tr("'{word}': '{text}' is not a number", word=word, text=text))
    if len(text) > 1 and text.startswith("0"):
        # Some resolvers read a leading zero as octal (010 = 8); nmap's own parser does not: refuse the ambiguity.
        raise InvalidTargetError(tr("'{word}': octet '{text}' has a leading zero, which is ambiguous", word=word, text=text))
    value = int(text)
    if value > 255:
        raise InvalidTargetError(tr("'{word}': octet {value} is out of range (0-255)", word=word, value=value))
    return value


def _parse_cidr(word: str) -> _Parsed:
    address, _, prefix = word.partition("/")
    if not prefix.isdigit() or (len(prefix) > 1 and prefix.startswith("0")):
        raise InvalidTargetError(tr("'{word}': the prefix length after '/' must be a number", word=word))
    bits = int(prefix)
    if ":" in address:
        if bits > 128:
            raise InvalidTargetError(tr("'{word}': an IPv6 prefix length must be 0-128", word=word))
        ip6 = _ipv6(address, word)
        if ip6.scope_id:
            raise InvalidTargetError(
                tr("'{word}': a CIDR block cannot carry a scope (%{scope})", word=word, scope=ip6.scope_id)
            )
        net = ipaddress.IPv6Network(f"{ip6}/{bits}", strict=False)
        return _Parsed((str(net),), net.num_addresses, 6)
    if not _LOOKS_V4.match(address) or "-" in address:
        raise InvalidTargetError(
            tr("'{word}': a CIDR block needs an IP address before '/' (hostname blocks are not accepted)", word=word)
        )
    if bits > 32:
        raise InvalidTargetError(tr("'{word}': an IPv4 prefix length must be 0-32", word=word))
    net = ipaddress.IPv4Network(f"{_ipv4(address, word)}/{bits}", strict=False)
    return _Parsed((str(net),), net.num_addresses, 4)


def _ipv6(text: str, word: str) -> ipaddress.IPv6Address:
    scope = text.partition("%")[2]
    if "%" in text and not _V6_SCOPE.match(scope):
        raise InvalidTargetError(tr("'{word}': '{scope}' is not an interface name", word=word, scope=scope))
    try:
        return ipaddress.IPv6Address(text)
    except ValueError as exc:
        raise InvalidTargetError(tr("'{word}' is not an IPv6 address ({error})", word=word, error=str(exc))) from None


def _parse_ipv6(word: str) -> _Parsed:
    if word.count("-") == 1:
        first, last = word.split("-")
        a, b = _ipv6(first, word), _ipv6(last, word)
        if a.scope_id or b.scope_id:
            raise InvalidTargetError(tr("'{word}': an address range cannot carry a scope", word=word))
        return _full_range(word, a, b, 6)
    if "-" in word:
        raise InvalidTargetError(tr("'{word}' is not an IPv6 address or range", word=word))
    return _Parsed((str(_ipv6(word, word)),), 1, 6)


def _parse_ipv4_range(word: str) -> _Parsed:
    if word.count("-") == 1 and word.count(".") == 6:
        first, last = word.split("-")
        return _full_range(word, _ipv4(first, word), _ipv4(last, word), 4)
    parts = word.split(".")
    if len(parts) != 4:
        raise InvalidTargetError(
            tr("'{word}' is not an address range: write 198.18.0.10-40 or 198.18.0.10-198.18.0.40", word=word)
        )
    count = 1
    for part in parts:
        m = _OCTET_RANGE.match(part)
        if not m:
            raise InvalidTargetError(
                tr("'{word}': '{part}' is neither a number nor a range like 10-40", word=word, part=part)
            )
        low = _octet(m.group(1), word)
        high = _octet(m.group(2), word) if m.group(2) is not None else low
        if high < low:
            raise InvalidTargetError(
                tr("'{word}': the range {low}-{high} runs backwards", word=word, low=low, high=high)
            )
        count *= high - low + 1
    # nmap reads per-octet ranges itself; the text is already canonical after validation.
    return _Parsed((word,), count, 4)


def _full_range(word: str, first: IPAddress, last: IPAddress, family: int) -> _Parsed:
    if int(last) < int(first):
        raise InvalidTargetError(tr("'{word}': the range runs backwards (it ends before it starts)", word=word))
    # nmap has no first-last syntax for whole addresses: give it the CIDR blocks that cover the range exactly.
    nets = tuple(str(n) for n in ipaddress.summarize_address_range(first, last))
    return _Parsed(nets, int(last) - int(first) + 1, family)


def _parse_hostname(word: str) -> _Parsed:
    name = word.removesuffix(".")
    labels = name.split(".")
    if len(name) > 253 or not all(labels):
        raise InvalidTargetError(tr("'{word}' is not a valid hostname", word=word))
    for label in labels:
        if not _LABEL.match(label):
            raise InvalidTargetError(tr(
                "'{word}' is not a valid hostname: '{label}' may hold only letters, digits and inner hyphens",
                word=word, label=label,
            ))
    if labels[-1].isdigit():
        # An all-numeric last label means the person meant an address (RFC 1123 §2.1, RFC 3696 §2).
        raise InvalidTargetError(tr("'{word}' is neither a valid IP address nor a hostname", word=word))
    return _Parsed((name.lower(),), 1, None, hostname=True)

