"""Verifying the history chain."""

from __future__ import annotations

from collections.abc import Callable

from itam.history.chain import VerifyReport, verify_chain
from itam.services.context import ServiceContext


class AuditService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    def verify(
        self,
        progress: Callable[[int, int], None] | None = None,
        is_cancelled: Callable[[], bool] | None = None,
    ) -> VerifyReport:
        with self.ctx.db.read() as s:
            return verify_chain(s, progress=progress, is_cancelled=is_cancelled)
