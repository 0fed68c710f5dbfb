"""The people who may use this inventory and their roles (see itam/security.py and docs/ROLES.md)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from itam.models.base import Base, utcnow


class User(Base):
    """A login name with its role. While the table is empty, whoever opens the inventory is its administrator.

    ``login`` is what identifies the person: their operating-system login (or ``--user``/``ITAM_USER``) on
    SQLite, their database login on PostgreSQL. ``password_hash`` (argon2id) is only set where itam checks the
    password itself (a shared SQLite file); on PostgreSQL the server authenticates logins and it stays empty.
    Users are never deleted (the history names them): they are disabled.
    """

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(200), unique=True)
    display_name: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(32))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    password_hash: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(200))
    updated_by: Mapped[str | None] = mapped_column(String(200))
