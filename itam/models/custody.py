"""ITAD jobs: batches of assets handed to a vendor, their frozen manifests and the custody ledger (DOMAIN.md §5)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from itam.models.base import Base, utcnow
from itam.models.inventory import Party


class ItadBatch(Base):
    """One ITAD job: assets leaving a client for a vendor.

    The manifest (the list of serials) may change while the batch is ``open``; freezing it records its
    hash in the custody ledger, and from then on the batch's items only gain receipt and shipment marks.
    """

    __tablename__ = "itad_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(64), unique=True)  # the job number both sides quote
    client_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id"), index=True)
    vendor_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id"), index=True)
    # open | manifested | collected | in_transit | received | processed | closed
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    manifest_sha256: Mapped[str | None] = mapped_column(String(64))
    manifest_frozen_at: Mapped[datetime | None] = mapped_column(DateTime)
    expected_count: Mapped[int | None] = mapped_column(Integer)
    received_count: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(200))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)

    client: Mapped[Party | None] = relationship(foreign_keys=[client_id], viewonly=True)
    vendor: Mapped[Party | None] = relationship(foreign_keys=[vendor_id], viewonly=True)


class BatchItem(Base):
    """A serial on a batch's manifest (``in_manifest``), or one that turned up without being on it."""

    __tablename__ = "batch_items"
    __table_args__ = (UniqueConstraint("batch_id", "serial"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("itad_batches.id"), index=True)
    asset_id: Mapped[int | None] = mapped_column(ForeignKey("assets.id"), index=True)
    serial: Mapped[str] = mapped_column(String(128))
    asset_tag: Mapped[str | None] = mapped_column(String(64))
    in_manifest: Mapped[bool] = mapped_column(Boolean, default=True)
    weight_kg: Mapped[float | None] = mapped_column(Float)
    added_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    received_at: Mapped[datetime | None] = mapped_column(DateTime)
    checked_out_at: Mapped[datetime | None] = mapped_column(DateTime)


class BatchScan(Base):
    """One serial typed or scanned at a batch's check-in or check-out, with what it turned out to be."""

    __tablename__ = "batch_scans"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("itad_batches.id"), index=True)
    direction: Mapped[str] = mapped_column(String(8))  # in | out
    serial: Mapped[str] = mapped_column(String(128))
    outcome: Mapped[str] = mapped_column(String(16))  # expected | extra | repeat
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(200))


class CustodyEvent(Base):
    """An append-only, hash-chained custody event (chain ``custody``; ``itam.history.ledger``).

    ``details`` is canonical JSON: seals, counts, weights, material streams, discrepancies …
    """

    __tablename__ = "custody_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), unique=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("itad_batches.id"), index=True)
    # manifest | collected | sealed | in_transit | received | processed | destroyed | shipped | discrepancy
    # | resolved | closed | note
    kind: Mapped[str] = mapped_column(String(24), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(200))
    details: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    #: The columns the ledger hash covers, in order.
    CHAIN_FIELDS = ("batch_id", "kind", "at", "actor", "details")
