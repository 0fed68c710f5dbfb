"""Assets, the storage media inside them, their network addresses, parties, locations and people."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from itam.models.base import Base, utcnow


class Location(Base):
    __tablename__ = "locations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    address: Mapped[str | None] = mapped_column(Text)
    party_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id"))
    # ISO 3166 alpha-2: which grid's carbon intensity the site's electricity has (metrics, use phase).
    country: Mapped[str | None] = mapped_column(String(2))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Person(Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    email: Mapped[str | None] = mapped_column(String(320), unique=True)
    employee_no: Mapped[str | None] = mapped_column(String(64), unique=True)
    department: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Party(Base):
    """An organisation: our own, a client, an ITAD vendor, a recycler, a buyer."""

    __tablename__ = "parties"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)  # own_org | client | itad_vendor | recycler | buyer
    registration_no: Mapped[str | None] = mapped_column(String(100))
    address: Mapped[str | None] = mapped_column(Text)
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_email: Mapped[str | None] = mapped_column(String(320))
    contact_phone: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    certifications: Mapped[list[PartyCertification]] = relationship(
        back_populates="party", cascade="all, delete-orphan", order_by="PartyCertification.scheme"
    )


class PartyCertification(Base):
    """R2v3, e-Stewards, NAID AAA, ADISA, ISO 14001 … with the certificate number."""

    __tablename__ = "party_certifications"
    __table_args__ = (UniqueConstraint("party_id", "scheme", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id", ondelete="CASCADE"), index=True)
    scheme: Mapped[str] = mapped_column(String(64))
    number: Mapped[str] = mapped_column(String(100))
    valid_until: Mapped[date | None] = mapped_column(Date)

    party: Mapped[Party] = relationship(back_populates="certifications")


class Asset(Base):
    __tablename__ = "assets"
    __table_args__ = (
        # First page of a filtered listing sorted by another column: an index that serves both, so the
        # page costs 100 index steps whatever the filter's share of the table (bench/bench_listing.py).
        # The single-column indexes stay: (x) is really (x, id), the order of an unfiltered sort by x.
        Index("ix_assets_status_asset_tag", "status", "asset_tag"),
        Index("ix_assets_category_asset_tag", "category", "asset_tag"),
        # Sorting by hostname or last seen walks a long run of NULLs (monitors, phones, kit discovery
        # never saw) before the first match: only an index led by the filter skips it.
        Index("ix_assets_category_hostname", "category", "hostname"),
        Index("ix_assets_status_hostname", "status", "hostname"),
        Index("ix_assets_department_hostname", "department", "hostname"),
        Index("ix_assets_manufacturer_hostname", "manufacturer", "hostname"),
        Index("ix_assets_status_last_seen", "status", "last_seen"),
        Index("ix_assets_stage_last_seen", "stage", "last_seen"),
        # A rare value (harvested, a minor brand) sorted by date: the planner, knowing only averages,
        # walks the date index and reads tens of thousands of rows before the first hundred matches.
        Index("ix_assets_status_purchase_date", "status", "purchase_date"),
        Index("ix_assets_manufacturer_purchase_date", "manufacturer", "purchase_date"),
        # The use-phase emissions read every asset: in this index's order they group without a sort and
        # without reading table rows (itam/metrics/fleet.py, bench/bench_metrics.py).
        Index("ix_assets_use_phase", "category", "location_id", "purchase_date", "out_of_service_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    asset_tag: Mapped[str | None] = mapped_column(String(64), unique=True)
    category: Mapped[str] = mapped_column(String(32), index=True)
    manufacturer: Mapped[str | None] = mapped_column(String(120), index=True)
    model: Mapped[str | None] = mapped_column(String(200), index=True)
    serial: Mapped[str | None] = mapped_column(String(128), unique=True)
    hostname: Mapped[str | None] = mapped_column(String(255), index=True)
    os_name: Mapped[str | None] = mapped_column(String(120))
    os_version: Mapped[str | None] = mapped_column(String(120))
    cpu: Mapped[str | None] = mapped_column(String(200))
    ram_gb: Mapped[float | None] = mapped_column(Float)
    storage_gb: Mapped[float | None] = mapped_column(Float)
    purchase_date: Mapped[date | None] = mapped_column(Date, index=True)
    purchase_cost: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    currency: Mapped[str | None] = mapped_column(String(3))
    warranty_end: Mapped[date | None] = mapped_column(Date, index=True)
    department: Mapped[str | None] = mapped_column(String(200), index=True)
    location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"), index=True)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    # Who holds the asset when it is outside our custody: carrier, ITAD vendor, buyer, recipient.
    holder_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id"), index=True)
    condition_grade: Mapped[str | None] = mapped_column(String(1), index=True)
    weight_kg: Mapped[float | None] = mapped_column(Float)
    data_bearing: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str | None] = mapped_column(Text)
    first_seen: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    last_seen: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    # When it left service (its first retirement or loss since it was last in service); None while in
    # service. Kept by the lifecycle events; the use-phase emissions count the days before it.
    out_of_service_at: Mapped[datetime | None] = mapped_column(DateTime)

    # Value chain: stage number 1..6, operational status, the circular lever last applied.
    stage: Mapped[int] = mapped_column(Integer, index=True)
    status: Mapped[str] = mapped_column(String(32), index=True)
    lever: Mapped[str | None] = mapped_column(String(32), index=True)
    # Something a person must look at (found after loss, seen after disposal …).
    flag: Mapped[str | None] = mapped_column(String(64), index=True)
    flag_reason: Mapped[str | None] = mapped_column(Text)

    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow, index=True)
    # Optimistic concurrency: a stale edit fails instead of overwriting someone else's.
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    location: Mapped[Location | None] = relationship(viewonly=True)
    assignee: Mapped[Person | None] = relationship(viewonly=True)
    holder: Mapped[Party | None] = relationship(viewonly=True)
    media: Mapped[list[StorageMedium]] = relationship(
        back_populates="asset", order_by="StorageMedium.id", viewonly=True
    )
    addresses: Mapped[list[AssetAddress]] = relationship(order_by="AssetAddress.id", viewonly=True)


class AssetAddress(Base):
    """A MAC or IP address seen on or recorded for an asset."""

    __tablename__ = "asset_addresses"
    __table_args__ = (
        UniqueConstraint("asset_id", "kind", "value"),
        Index("ix_asset_addresses_kind_value", "kind", "value"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    asset_id: Mapped[int] = mapped_column(ForeignKey("assets.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # mac | ip
    value: Mapped[str] = mapped_column(String(64))


class StorageMedium(Base):
    """A drive or other data store inside an asset: what sanitization is recorded against."""

    __tablename__ = "storage_media"

    id: Mapped[int] = mapped_column(primary_key=True)
    asset_id: Mapped[int] = mapped_column(ForeignKey("assets.id"), index=True)
    media_type: Mapped[str] = mapped_column(String(32))  # hdd | ssd | nvme | usb_flash | memory_card | mobile | tape | other
    interface: Mapped[str | None] = mapped_column(String(32))
    manufacturer: Mapped[str | None] = mapped_column(String(120))
    model: Mapped[str | None] = mapped_column(String(200))
    serial: Mapped[str | None] = mapped_column(String(128), index=True)
    capacity_gb: Mapped[float | None] = mapped_column(Float)
    removed: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    asset: Mapped[Asset] = relationship(back_populates="media", viewonly=True)


class WipeEvidence(Base):
    """A raw wipe log or report kept as evidence, by its SHA-256 (DOMAIN.md §4).

    The bytes live in the database so that evidence travels with backups; the same file imported twice is
    one row.
    """

    __tablename__ = "wipe_evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # nwipe | csv | manual
    filename: Mapped[str | None] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    tool_version: Mapped[str | None] = mapped_column(String(64))
    time_zone: Mapped[str | None] = mapped_column(String(64))
    # A log whose serials are masked (nwipe -q) is evidence, but cannot back a certificate.
    serials_masked: Mapped[bool] = mapped_column(Boolean, default=False)
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    imported_by: Mapped[str] = mapped_column(String(200))


class DestructionEvent(Base):
    """One physical destruction run: a shredder or disintegrator pass over one or more media."""

    __tablename__ = "destruction_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    method: Mapped[str] = mapped_column(String(32))  # shred | disintegrate | pulverize | incinerate | melt
    equipment: Mapped[str | None] = mapped_column(String(200))
    particle_size_mm: Mapped[float | None] = mapped_column(Float)
    operator: Mapped[str] = mapped_column(String(200))
    witness: Mapped[str | None] = mapped_column(String(200))
    place: Mapped[str | None] = mapped_column(String(200))
    performed_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    time_zone: Mapped[str | None] = mapped_column(String(64))
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("itad_batches.id"), index=True)
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class SanitizationRecord(Base):
    """The outcome of sanitizing or destroying one medium (NIST SP 800-88 / IEEE 2883).

    The claimed category (Clear / Purge / Destroy) is kept apart from the technique actually used and from
    the tool's own label for it ("DoD 5220.22-M" is an overwrite, i.e. Clear). ``verified`` is computed when
    the record is written (``itam.sanitization.rules``): a passing result that was verified as the standard
    asks, or a destruction, or degaussing. Times are naive UTC; ``time_zone`` says where they were taken.
    """

    __tablename__ = "sanitization_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    medium_id: Mapped[int] = mapped_column(ForeignKey("storage_media.id"), index=True)
    category: Mapped[str] = mapped_column(String(16))  # clear | purge | destroy
    technique: Mapped[str] = mapped_column(String(64))
    result: Mapped[str] = mapped_column(String(24))  # pass | pass_with_warnings | fail | aborted
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    performed_at: Mapped[datetime] = mapped_column(DateTime)
    operator: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    tool_label: Mapped[str | None] = mapped_column(String(120))
    standard: Mapped[str | None] = mapped_column(String(64))
    tool: Mapped[str | None] = mapped_column(String(120))
    tool_version: Mapped[str | None] = mapped_column(String(64))
    passes: Mapped[int | None] = mapped_column(Integer)
    verification: Mapped[str] = mapped_column(String(16), default="none")  # none | sampling | full
    verification_pct: Mapped[float | None] = mapped_column(Float)
    verification_result: Mapped[str | None] = mapped_column(String(16))  # pass | fail
    hidden_areas: Mapped[str | None] = mapped_column(String(16))  # removed | none_found | present | not_checked | not_applicable
    errors: Mapped[str | None] = mapped_column(Text)
    verifier: Mapped[str | None] = mapped_column(String(200))
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    time_zone: Mapped[str | None] = mapped_column(String(64))
    classification: Mapped[str | None] = mapped_column(String(32))  # public | internal | confidential | secret
    post_classification: Mapped[str | None] = mapped_column(String(32))
    destination: Mapped[str | None] = mapped_column(String(32))
    bytes_written: Mapped[int | None] = mapped_column(BigInteger)
    evidence_id: Mapped[int | None] = mapped_column(ForeignKey("wipe_evidence.id"), index=True)
    destruction_id: Mapped[int | None] = mapped_column(ForeignKey("destruction_events.id"), index=True)
    # Whether the category reaches what the policy requires for the data's classification (when recorded).
    meets_policy: Mapped[bool] = mapped_column(Boolean, default=True)
    # Policy findings when recorded (e.g. "Clear does not satisfy Purge required for confidential data").
    warnings: Mapped[str | None] = mapped_column(Text)

    medium: Mapped[StorageMedium] = relationship(viewonly=True)
    evidence: Mapped[WipeEvidence | None] = relationship(viewonly=True)
    destruction: Mapped[DestructionEvent | None] = relationship(viewonly=True)


class Setting(Base):
    """Organisation-wide settings kept with the data (organisation profile, logo): one row per key."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str | None] = mapped_column(Text)  # JSON
    blob: Mapped[bytes | None] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(200))
