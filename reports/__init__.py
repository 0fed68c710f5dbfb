"""PDF and Excel reports (no Qt in here)."""
