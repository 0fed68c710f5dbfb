"""The value chain: stages, statuses and transitions (data), guards, the transition engine, recommendations."""

from itam.lifecycle.definitions import (
    Lifecycle,
    Stage,
    Status,
    Transition,
    default_lifecycle,
    load_lifecycle,
)

__all__ = ["Lifecycle", "Stage", "Status", "Transition", "default_lifecycle", "load_lifecycle"]
