"""SQLAlchemy 2 typed models."""

from itam.models.audits import AssetAudit, Credential, InstalledSoftware
from itam.models.base import Base, utcnow
from itam.models.certificates import Certificate, CertificateCounter
from itam.models.custody import BatchItem, BatchScan, CustodyEvent, ItadBatch
from itam.models.events import LifecycleEvent, LifecycleEventPart
from itam.models.discovery import DiscoveryCandidate, DiscoveryConflict, Scan, ScanHost
from itam.models.history import ChainHead, HistoryEntry
from itam.models.users import User
from itam.models.inventory import (
    Asset,
    AssetAddress,
    DestructionEvent,
    Location,
    Party,
    PartyCertification,
    Person,
    SanitizationRecord,
    Setting,
    StorageMedium,
    WipeEvidence,
)

__all__ = [
    "Asset",
    "AssetAudit",
    "Credential",
    "InstalledSoftware",
    "BatchItem",
    "BatchScan",
    "Certificate",
    "CertificateCounter",
    "CustodyEvent",
    "DestructionEvent",
    "ItadBatch",
    "Setting",
    "WipeEvidence",
    "AssetAddress",
    "Base",
    "ChainHead",
    "DiscoveryCandidate",
    "DiscoveryConflict",
    "HistoryEntry",
    "LifecycleEvent",
    "LifecycleEventPart",
    "Location",
    "Party",
    "PartyCertification",
    "Person",
    "SanitizationRecord",
    "Scan",
    "ScanHost",
    "StorageMedium",
    "User",
    "utcnow",
]
