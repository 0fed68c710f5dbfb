"""Engine set-up, sessions and schema migrations."""

from itam.db.engine import Database, open_database, resolve_url

__all__ = ["Database", "open_database", "resolve_url"]
