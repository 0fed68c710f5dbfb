"""Serials and MAC addresses: normalisation and placeholder detection (data in resources/identifiers.toml)."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache

from itam.errors import ValidationError
from itam.messages import tr
from itam.paths import resource

_SEPARATORS = re.compile(r"[\s\-:.]")
_MAC_HEX = re.compile(r"^[0-9a-f]{12}$")


@lru_cache(maxsize=1)
def _rules() -> dict:
    with open(resource("identifiers.toml"), "rb") as fh:
        data = tomllib.load(fh)
    return {
        "serials": {s.strip().lower() for s in data.get("placeholder_serials", [])},
        "repeated": {c.lower() for c in data.get("placeholder_serial_repeated_chars", [])},
        "macs": {m.lower() for m in data.get("placeholder_macs", [])},
    }


def is_placeholder_serial(value: str | None) -> bool:
    if value is None:
        return False
    text = value.strip().lower()
    if not text:
        return False
    rules = _rules()
    if text in rules["serials"]:
        return True
    bare = _SEPARATORS.sub("", text)
    return bool(bare) and len(set(bare)) == 1 and bare[0] in rules["repeated"]


def clean_serial(value: str | None) -> str | None:
    """Trim a serial; ``None`` for empty; ValidationError for a placeholder."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    if is_placeholder_serial(text):
        raise ValidationError(tr("'{text}' is a placeholder, not a serial number", text=text))
    return text


def normalize_mac(value: str) -> str:
    """``AA-BB-CC-DD-EE-FF``, ``aabb.ccdd.eeff`` … → ``aa:bb:cc:dd:ee:ff``."""
    bare = _SEPARATORS.sub("", value.strip().lower())
    if not _MAC_HEX.match(bare):
        raise ValidationError(tr("'{text}' is not a MAC address", text=value.strip()))
    return ":".join(bare[i : i + 2] for i in range(0, 12, 2))


def is_placeholder_mac(mac: str) -> bool:
    return mac in _rules()["macs"]


def is_randomized_mac(mac: str) -> bool:
    """Locally administered (bit 0x02 of the first byte): randomised by the device, no vendor."""
    return bool(int(mac[:2], 16) & 0x02)


def is_multicast_mac(mac: str) -> bool:
    return bool(int(mac[:2], 16) & 0x01)


def clean_mac(value: str) -> str:
    """Normalise a MAC and refuse the ones that identify nothing."""
    mac = normalize_mac(value)
    if is_placeholder_mac(mac) or is_multicast_mac(mac):
        raise ValidationError(tr("'{text}' is a placeholder or broadcast MAC address, not a device's", text=value.strip()))
    return mac
