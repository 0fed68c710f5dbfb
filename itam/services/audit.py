"""Verifying the hash chains: the asset history, the custody ledger and the certificate ledger."""

from __future__ import annotations

from collections.abc import Callable

from itam.history.chain import VerifyReport, verify_chain
from itam.history.ledger import LEDGERS, verify_ledger
from itam import security
from itam.services.context import ServiceContext, requires


class AuditService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    @requires(security.READ)
    def verify(
        self,
        progress: Callable[[int, int], None] | None = None,
        is_cancelled: Callable[[], bool] | None = None,
    ) -> VerifyReport:
        """The asset history chain."""
        with self.ctx.db.read() as s:
            return verify_chain(s, progress=progress, is_cancelled=is_cancelled)

    @requires(security.READ)
    def verify_ledgers(self) -> dict[str, VerifyReport]:
        """The custody and certificate chains, by name."""
        with self.ctx.db.read() as s:
            return {name: verify_ledger(s, name) for name in LEDGERS}
