"""Data sanitization (DOMAIN.md §4): wipe-log parsers, technique/medium rules and their assessment."""
