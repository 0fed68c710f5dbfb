"""Credentialed audits: the credential sets (secrets encrypted), each audit's outcome, installed software.

A credential's secret fields (community, passwords, keys) are only ever stored as AES-GCM ciphertext in
:attr:`Credential.secret`; the key comes from the operating system's keyring or a passphrase (see
:mod:`itam.audit.vault`). Name, kind, user name and scope are not secret and can be listed.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from itam.models.base import Base, utcnow


class Credential(Base):
    __tablename__ = "credentials"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # snmp_v2c | snmp_v3 | ssh | winrm
    username: Mapped[str | None] = mapped_column(String(200))  # shown; not secret
    scope: Mapped[list] = mapped_column(JSON, default=list)  # CIDR blocks / addresses it may be used for
    secret: Mapped[bytes] = mapped_column(LargeBinary)  # nonce + AES-GCM ciphertext of the secret fields
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class AssetAudit(Base):
    """One credentialed audit of one address: what it found (the facts as JSON) or why it could not."""

    __tablename__ = "asset_audits"
    __table_args__ = (Index("ix_asset_audits_asset_id_collected_at", "asset_id", "collected_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    asset_id: Mapped[int | None] = mapped_column(ForeignKey("assets.id"))
    scan_id: Mapped[int | None] = mapped_column(ForeignKey("scans.id"), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    method: Mapped[str | None] = mapped_column(String(16))  # snmp | ssh | winrm; None: nothing could be tried
    credential: Mapped[str | None] = mapped_column(String(80))  # the credential's name (never its secret)
    collected_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    seconds: Mapped[float | None] = mapped_column(Float)
    ok: Mapped[bool] = mapped_column(default=False)
    error: Mapped[str | None] = mapped_column(Text)
    facts: Mapped[dict | None] = mapped_column(JSON)
    actor: Mapped[str | None] = mapped_column(String(200))


class InstalledSoftware(Base):
    """A package or program an audit found on an asset, with when it was first and last seen."""

    __tablename__ = "installed_software"
    __table_args__ = (Index("uq_installed_software_asset_id_name_version", "asset_id", "name", "version",
                            unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    asset_id: Mapped[int] = mapped_column(ForeignKey("assets.id"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    version: Mapped[str] = mapped_column(String(120), default="")
    vendor: Mapped[str | None] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(16))  # snmp | ssh | winrm
    first_seen: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    removed_at: Mapped[datetime | None] = mapped_column(DateTime)  # not seen by the latest audit
    audit_id: Mapped[int | None] = mapped_column(Integer)
