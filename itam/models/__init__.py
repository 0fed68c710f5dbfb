"""SQLAlchemy 2 typed models."""

from itam.models.base import Base, utcnow
from itam.models.discovery import DiscoveryCandidate, DiscoveryConflict, Scan, ScanHost
from itam.models.history import ChainHead, HistoryEntry
from itam.models.inventory import (
    Asset,
    AssetAddress,
    Location,
    Party,
    PartyCertification,
    Person,
    SanitizationRecord,
    StorageMedium,
)

__all__ = [
    "Asset",
    "AssetAddress",
    "Base",
    "ChainHead",
    "DiscoveryCandidate",
    "DiscoveryConflict",
    "HistoryEntry",
    "Location",
    "Party",
    "PartyCertification",
    "Person",
    "SanitizationRecord",
    "Scan",
    "ScanHost",
    "StorageMedium",
    "utcnow",
]
