"""One error root for everything a user can cause or fix.

The CLI and the GUI turn an :class:`ItamError` into one clear message; any other exception is a bug
and is logged with its traceback. Messages are written with :func:`itam.messages.tr`, so the GUI can
show them in the user's language.
"""

from __future__ import annotations


class ItamError(Exception):
    """A problem the user can understand and act on. ``str(error)`` is the message to show."""

    exit_code = 2

    def localized(self, language: str | None) -> str:
        """The message in ``language`` (see :mod:`itam.messages`)."""
        from itam.messages import localize

        return localize(self, language)


class ConfigurationError(ItamError):
    """A setting, resource file or command-line value is wrong."""


class DatabaseError(ItamError):
    """The database cannot be used as asked."""


class DatabaseLockedError(DatabaseError):
    """Another program holds the database and did not let go within the busy timeout."""


class DatabaseTooNewError(DatabaseError):
    """The database was written by a newer itam whose schema this version does not know."""


class NotFoundError(ItamError):
    """An asset, party, person or location named by the user does not exist."""

    exit_code = 3


class ValidationError(ItamError):
    """A value does not fit the field it is meant for."""


class DuplicateError(ValidationError):
    """A serial number, asset tag or other unique identifier is already taken."""


class TransitionError(ItamError):
    """A lifecycle move that the transition table or a guard forbids."""


class GuardError(TransitionError):
    """A guard refused a transition (for example: media not sanitized)."""


class ImportFileError(ItamError):
    """An import file cannot be read or mapped, or some of its rows are invalid."""

    def __init__(self, message: str, problems: list | None = None):
        super().__init__(message)
        self.problems = list(problems or [])


class IntegrityBreachError(ItamError):
    """A hash chain does not verify: something was edited, inserted or deleted."""

    exit_code = 4


class InvalidTargetError(ValidationError):
    """A scan target is not an address, CIDR block, range or hostname (it may try to smuggle an option)."""


class NmapMissingError(ItamError):
    """nmap is not installed or not on PATH; scanning needs it, importing nmap XML does not."""


class ScanError(ItamError):
    """nmap could not run as asked, or a file is not nmap XML."""


class PermissionDeniedError(ItamError):
    """The user's role does not allow the action, or the user is not (or no longer) registered.

    Exit code 6: 5 already means "done, but with discrepancies or skipped assets".
    """

    exit_code = 6


class ConcurrentEditError(ValidationError):
    """Someone else saved the record after this user opened it; ``changed_by`` and ``changed_at`` say who and when."""

    def __init__(self, message: str, changed_by: str | None = None, changed_at: object = None):
        super().__init__(message)
        self.changed_by = changed_by
        self.changed_at = changed_at


class AuditError(ItamError):
    """A credentialed audit of one host failed; the message names the host and says why (per host, never fatal
    to the rest of the run)."""


class AuditAuthError(AuditError):
    """The host refused the credential (wrong community, key, password or SNMPv3 user/keys)."""


class AuditTimeoutError(AuditError):
    """The host did not answer within the audit's timeout."""


class AuditUnreachableError(AuditError):
    """The connection was refused, could not be made, or was dropped by the host during the audit."""


class AuditProtocolError(AuditError):
    """The host answered, but not in the protocol expected (not SSH, a garbled SNMP or WS-Man reply)."""


class AuditHostKeyError(AuditError):
    """The SSH host key differs from the one recorded for this address: refused, as it may be an impostor."""


class DatabasePermissionError(PermissionDeniedError, DatabaseError):
    """The database server refused the statement (PostgreSQL: the login's group role lacks the privilege)."""
