"""The append-only, hash-chained history of every change to an asset."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from itam.models.base import Base


class HistoryEntry(Base):
    __tablename__ = "history"
    __table_args__ = (Index("ix_history_asset_id_seq", "asset_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Position in the chain, gapless from 1; a gap is a deletion.
    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), unique=True)
    asset_id: Mapped[int | None] = mapped_column(ForeignKey("assets.id"))
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(16))  # gui | cli | import | discovery | audit | system
    action: Mapped[str] = mapped_column(String(32))  # create | update | transition | media | …
    transition: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str | None] = mapped_column(Text)
    # {"field": [before, after], …} exactly as hashed.
    changes: Mapped[str] = mapped_column(Text)
    # Groups the entries of one bulk action (an import, a bulk move).
    operation: Mapped[str | None] = mapped_column(String(36), index=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class ChainHead(Base):
    """The last sequence number and hash of a chain, so that a deleted tail is noticed too."""

    __tablename__ = "chain_heads"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    hash: Mapped[str] = mapped_column(String(64))
