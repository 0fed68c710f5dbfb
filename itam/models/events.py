"""Dated lifecycle events: the moves the circularity metrics count (DOMAIN.md §6, issue 5).

A lifecycle move whose transition has a ``pathway`` (resources/lifecycle.toml) writes one event: when it
happened (``occurred_at``, which may be earlier than when it was recorded), what it means for the metrics,
the mass handled, money received and paid, and the parts fitted or recovered. The asset's history keeps the
move itself; the event is what a period's figures are computed from in SQL.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from itam.models.base import Base, utcnow


class LifecycleEvent(Base):
    __tablename__ = "lifecycle_events"
    __table_args__ = (
        Index("ix_lifecycle_events_occurred_at_pathway", "occurred_at", "pathway"),
        Index("ix_lifecycle_events_asset_id_occurred_at", "asset_id", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    asset_id: Mapped[int] = mapped_column(ForeignKey("assets.id"))
    transition: Mapped[str] = mapped_column(String(64))
    # retire | lost | missing | life_extension | redeploy | remarket | donate | refurbish | harvest | recycle
    # | destroy (itam.lifecycle.definitions.PATHWAYS)
    pathway: Mapped[str] = mapped_column(String(24), index=True)
    from_status: Mapped[str] = mapped_column(String(32))
    to_status: Mapped[str] = mapped_column(String(32))
    # When it happened (naive UTC), and when it was recorded.
    occurred_at: Mapped[datetime] = mapped_column(DateTime)
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(200))
    # The buyer, recipient, recycler or destruction vendor, and whether it held a current certification
    # (R2v3, e-Stewards, …) on the day: certified recycling counts as e-waste diverted.
    party_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id"), index=True)
    certified: Mapped[bool] = mapped_column(Boolean, default=False)
    # Mass weighed at the event (e.g. on the recycler's scale); when absent the asset's, else the category's.
    weight_kg: Mapped[float | None] = mapped_column(Float)
    # Money received (sale price, parts value) and paid (ITAD fee, transport, repair), in ``currency``.
    value: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    cost: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    currency: Mapped[str | None] = mapped_column(String(3))
    note: Mapped[str | None] = mapped_column(Text)

    # The asset as it was when the event happened: period figures slice and weigh by these, and read no
    # asset row (a fact table: one narrow row per event, scanned by date).
    category: Mapped[str] = mapped_column(String(32))
    manufacturer: Mapped[str | None] = mapped_column(String(120))
    model: Mapped[str | None] = mapped_column(String(200))
    department: Mapped[str | None] = mapped_column(String(200))
    location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    purchase_date: Mapped[date | None] = mapped_column(Date)
    data_bearing: Mapped[bool] = mapped_column(Boolean, default=False)
    # The weight weighed at the event, else the asset's recorded weight; None when neither is known.
    mass_kg: Mapped[float | None] = mapped_column(Float)

    parts: Mapped[list[LifecycleEventPart]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="LifecycleEventPart.id"
    )


class LifecycleEventPart(Base):
    """A part fitted during a repair or refurbishment, or recovered by harvesting (RAM, SSD, HDD …)."""

    __tablename__ = "lifecycle_event_parts"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("lifecycle_events.id", ondelete="CASCADE"), index=True)
    direction: Mapped[str] = mapped_column(String(12))  # fitted | recovered
    kind: Mapped[str] = mapped_column(String(32))  # a component kind of the factor set: ram, ssd, hdd, motherboard …
    size_gb: Mapped[float | None] = mapped_column(Float)
    quantity: Mapped[int] = mapped_column(Integer, default=1)

    event: Mapped[LifecycleEvent] = relationship(back_populates="parts")
