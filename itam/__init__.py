"""itam: the IT-asset circularity manager's domain core (no Qt in here)."""

__version__ = "0.1.0"
