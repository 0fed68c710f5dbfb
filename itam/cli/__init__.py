"""The ``itam`` command line: another front end over the same services as the GUI."""
