"""SQLAlchemy 2 typed models."""

from itam.models.base import Base, utcnow
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
    "HistoryEntry",
    "Location",
    "Party",
    "PartyCertification",
    "Person",
    "SanitizationRecord",
    "StorageMedium",
    "utcnow",
]
