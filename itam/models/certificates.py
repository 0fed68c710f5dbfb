"""Issued certificates (sanitization, destruction): frozen, numbered per issuer and series, hash-chained."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column

from itam.models.base import Base


class CertificateCounter(Base):
    """The last number issued in a series; locked and bumped inside the issuing transaction."""

    __tablename__ = "certificate_counters"

    issuer: Mapped[str] = mapped_column(String(200), primary_key=True)
    series: Mapped[str] = mapped_column(String(8), primary_key=True)  # DS (data sanitization) | CD (destruction)
    last: Mapped[int] = mapped_column(Integer, default=0)


class Certificate(Base):
    """An issued certificate. Never updated or deleted: a correction is a new certificate that supersedes it.

    The row keeps the canonical record exactly as embedded in the PDF, the PDF itself, and both hashes;
    it is also an entry of the ``certificates`` chain (``itam.history.ledger``).
    """

    __tablename__ = "certificates"
    __table_args__ = (UniqueConstraint("issuer", "series", "seq_in_series"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), unique=True)  # chain position
    number: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)  # sanitization | destruction
    issuer: Mapped[str] = mapped_column(String(200))
    series: Mapped[str] = mapped_column(String(8))
    seq_in_series: Mapped[int] = mapped_column(Integer)
    asset_id: Mapped[int | None] = mapped_column(ForeignKey("assets.id"), index=True)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("itad_batches.id"), index=True)
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("certificates.id"), index=True)
    correction_reason: Mapped[str | None] = mapped_column(Text)
    record: Mapped[str] = mapped_column(Text)  # canonical JSON, byte for byte what the PDF embeds
    record_sha256: Mapped[str] = mapped_column(String(64), index=True)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    pdf_sha256: Mapped[str] = mapped_column(String(64), index=True)
    signer_fingerprint: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8))
    issued_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    issued_by: Mapped[str] = mapped_column(String(200))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    CHAIN_FIELDS = (
        "number", "kind", "issuer", "series", "seq_in_series", "asset_id", "batch_id", "supersedes_id",
        "correction_reason", "record_sha256", "pdf_sha256", "signer_fingerprint", "language", "issued_at",
        "issued_by",
    )


def _frozen(_mapper, _connection, target: Certificate) -> None:
    raise RuntimeError(f"certificate {target.number} is issued and frozen; issue a correction that supersedes it")


event.listen(Certificate, "before_update", _frozen)
event.listen(Certificate, "before_delete", _frozen)
