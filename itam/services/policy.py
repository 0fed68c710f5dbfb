"""Changing the recommendation and discovery policy (the user's policy.toml): administrators only.

:mod:`itam.lifecycle.policy_store` does the work (checked values, comments kept, atomic replace); this service is
the door the CLI (``itam policy set|reset``) and the GUI (Settings → Policies) go through, so that both refuse
the same people.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from itam import security
from itam.lifecycle import policy_store
from itam.services.context import ServiceContext, requires


class PolicyService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    @requires(security.SETTINGS)
    def save(self, changes: Mapping[str, Any]) -> Path:
        """Check every value, then write them all to the user's policy.toml; returns its path."""
        return policy_store.save_policy(changes)

    @requires(security.SETTINGS)
    def reset(self) -> Path | None:
        """Use the shipped policy again; the user's file is kept as a backup (its path, or None)."""
        return policy_store.reset_policy()
