"""Tamper-evident history: a hash chain over append-only entries."""

from itam.history.chain import (
    ChainBreak,
    HistoryChain,
    VerifyReport,
    entry_hash,
    verify_chain,
)

__all__ = ["ChainBreak", "HistoryChain", "VerifyReport", "entry_hash", "verify_chain"]
