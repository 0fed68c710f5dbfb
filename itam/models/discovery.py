"""What discovery stores: scans, the hosts each scan saw, the review queue of new devices, conflicts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from itam.models.base import Base, utcnow


class Scan(Base):
    """One run of nmap (or one imported nmap XML file)."""

    __tablename__ = "scans"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(200))
    targets: Mapped[str] = mapped_column(Text)  # JSON list
    profile: Mapped[str] = mapped_column(String(16))  # quick | standard | deep | import
    command: Mapped[str | None] = mapped_column(Text)
    privileged: Mapped[bool] = mapped_column(Boolean, default=False)
    partial: Mapped[bool] = mapped_column(Boolean, default=False)
    error: Mapped[str | None] = mapped_column(Text)
    limitations: Mapped[str] = mapped_column(Text, default="[]")  # JSON list
    nmap_version: Mapped[str | None] = mapped_column(String(32))
    source_file: Mapped[str | None] = mapped_column(Text)  # for imported XML
    xml_sha256: Mapped[str | None] = mapped_column(String(64))
    xml: Mapped[str | None] = mapped_column(Text)  # nmap's XML as evidence
    hosts_up: Mapped[int] = mapped_column(Integer, default=0)
    matched: Mapped[int] = mapped_column(Integer, default=0)
    new_devices: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ScanHost(Base):
    """One host seen by one scan, with its classification and what reconciliation made of it."""

    __tablename__ = "scan_hosts"
    __table_args__ = (Index("ix_scan_hosts_scan_id_address", "scan_id", "address"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scan_id: Mapped[int] = mapped_column(ForeignKey("scans.id", ondelete="CASCADE"))
    address: Mapped[str] = mapped_column(String(64))
    mac: Mapped[str | None] = mapped_column(String(17), index=True)
    mac_vendor: Mapped[str | None] = mapped_column(String(200))
    hostname: Mapped[str | None] = mapped_column(String(255))
    reply_ttl: Mapped[int | None] = mapped_column(Integer)
    open_ports: Mapped[str] = mapped_column(Text, default="[]")  # JSON [[port, proto, service], …]
    os_guess: Mapped[str | None] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(32))
    confidence: Mapped[float] = mapped_column(Float)
    likely: Mapped[str | None] = mapped_column(String(32))
    evidence: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of strings
    asset_id: Mapped[int | None] = mapped_column(ForeignKey("assets.id"), index=True)
    match_rule: Mapped[str | None] = mapped_column(String(16))  # serial | mac | hostname | ip
    outcome: Mapped[str] = mapped_column(String(16))  # matched | new | ignored | flagged
    candidate_id: Mapped[int | None] = mapped_column(ForeignKey("discovery_candidates.id"), index=True)


class DiscoveryCandidate(Base):
    """A device discovery found that matches no asset: waits for a person to accept or ignore it."""

    __tablename__ = "discovery_candidates"
    __table_args__ = (UniqueConstraint("identity"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # mac:aa:bb:… or ip:198.18.0.7 (when no MAC could be seen) – what later scans match on.
    identity: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(16), index=True)  # pending | accepted | ignored
    address: Mapped[str | None] = mapped_column(String(64))
    mac: Mapped[str | None] = mapped_column(String(17))
    mac_vendor: Mapped[str | None] = mapped_column(String(200))
    hostname: Mapped[str | None] = mapped_column(String(255))
    category: Mapped[str] = mapped_column(String(32))
    confidence: Mapped[float] = mapped_column(Float)
    likely: Mapped[str | None] = mapped_column(String(32))
    evidence: Mapped[str] = mapped_column(Text, default="[]")
    os_guess: Mapped[str | None] = mapped_column(String(200))
    first_seen: Mapped[datetime] = mapped_column(DateTime)
    last_seen: Mapped[datetime] = mapped_column(DateTime)
    times_seen: Mapped[int] = mapped_column(Integer, default=1)
    last_scan_id: Mapped[int | None] = mapped_column(ForeignKey("scans.id", ondelete="SET NULL"))
    asset_id: Mapped[int | None] = mapped_column(ForeignKey("assets.id"))
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)


class DiscoveryConflict(Base):
    """A scan saw a value that differs from one a person entered: shown, never silently applied."""

    __tablename__ = "discovery_conflicts"
    __table_args__ = (Index("ix_discovery_conflicts_asset_id_status", "asset_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    asset_id: Mapped[int] = mapped_column(ForeignKey("assets.id"))
    field: Mapped[str] = mapped_column(String(64))
    current_value: Mapped[str | None] = mapped_column(Text)
    observed_value: Mapped[str | None] = mapped_column(Text)
    scan_id: Mapped[int | None] = mapped_column(ForeignKey("scans.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | applied | dismissed
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
