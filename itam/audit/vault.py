"""The credential vault: secrets encrypted at rest, the key in the OS keyring or behind a passphrase.

A random 256-bit data key encrypts every credential's secret fields with AES-GCM; the credential's name and
kind are the associated data, so a ciphertext moved to another row does not decrypt. The data key itself is
never stored in the clear in the database:

* wrapped (AES-GCM) with a key derived from the vault passphrase by scrypt (n=2^15, r=8, p=1): any
  workstation that knows the passphrase can unlock it (teams sharing a PostgreSQL inventory);
* and, when the operating system has a keyring (GNOME Keyring, KWallet, macOS Keychain, Windows Credential
  Locker, via the ``keyring`` package), cached there, so this computer unlocks without asking again.

The vault's public half (salt, wrapped key, a check value) is one row of the ``settings`` table. Nothing
here logs or returns a secret; :class:`UnlockedVault` is the only holder of the data key, in memory.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import secrets
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from sqlalchemy.orm import Session

from itam.errors import ItamError, ValidationError
from itam.messages import tr
from itam.models import Setting

log = logging.getLogger(__name__)

SETTING_KEY = "credential_vault"
KEYRING_SERVICE = "itam-credential-vault"
MIN_PASSPHRASE = 8
#: scrypt cost: about 0.1 s and 32 MiB on a 2020 laptop; an offline guess costs as much.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
_CHECK = b"itam credential vault v1"


class VaultLockedError(ItamError):
    """The vault needs its passphrase (or it was wrong)."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


def _seal(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    nonce = os.urandom(12)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def _open(key: bytes, sealed: bytes, aad: bytes) -> bytes:
    return AESGCM(key).decrypt(sealed[:12], sealed[12:], aad)


def _derive(passphrase: str, salt: bytes, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


# --- the OS keyring (optional) ------------------------------------------------------------------------------
def _keyring() -> Any | None:
    """The ``keyring`` module when a real backend is available, else None."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken keyring configuration must not stop anyone
        return None
    return None if isinstance(backend, fail.Keyring) else keyring


def info_keyring_available() -> bool:
    """Whether this computer has an OS keyring itam can use."""
    return _keyring() is not None


def _keyring_get(vault_id: str) -> bytes | None:
    kr = _keyring()
    if kr is None:
        return None
    try:
        value = kr.get_password(KEYRING_SERVICE, vault_id)
    except Exception as exc:  # noqa: BLE001
        log.info("the keyring could not be read (%s); the vault passphrase is needed", type(exc).__name__)
        return None
    return _unb64(value) if value else None


def _keyring_put(vault_id: str, key: bytes) -> bool:
    kr = _keyring()
    if kr is None:
        return False
    try:
        kr.set_password(KEYRING_SERVICE, vault_id, _b64(key))
    except Exception as exc:  # noqa: BLE001
        log.info("the keyring could not store the vault key (%s)", type(exc).__name__)
        return False
    return True


# --- the vault ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class VaultInfo:
    exists: bool
    in_keyring: bool  # this computer can unlock without the passphrase


class UnlockedVault:
    """Encrypts and decrypts credential secrets with the data key (kept only in memory)."""

    def __init__(self, key: bytes):
        self._key = key

    def __repr__(self) -> str:  # never the key
        return "<UnlockedVault>"

    def seal(self, name: str, kind: str, fields: dict[str, Any]) -> bytes:
        return _seal(self._key, json.dumps(fields, sort_keys=True).encode("utf-8"), _aad(name, kind))

    def open(self, name: str, kind: str, sealed: bytes) -> dict[str, Any]:
        try:
            return json.loads(_open(self._key, sealed, _aad(name, kind)))
        except (InvalidTag, ValueError) as exc:
            raise ValidationError(tr("the secret of credential '{name}' cannot be decrypted: it was changed or "
                                     "belongs to another vault", name=name)) from exc


def _aad(name: str, kind: str) -> bytes:
    return f"itam-credential\x00{name}\x00{kind}".encode()


def _state(session: Session) -> dict[str, Any] | None:
    row = session.get(Setting, SETTING_KEY)
    return json.loads(row.value) if row is not None and row.value else None


def info(session: Session) -> VaultInfo:
    state = _state(session)
    if state is None:
        return VaultInfo(False, False)
    return VaultInfo(True, _keyring_get(state["id"]) is not None)


def create(session: Session, passphrase: str, actor: str | None = None) -> UnlockedVault:
    """Make the vault (once); returns it unlocked. The data key is cached in the keyring when there is one."""
    if _state(session) is not None:
        raise ValidationError(tr("the credential vault exists already"))
    _check_passphrase(passphrase)
    key = AESGCM.generate_key(bit_length=256)
    salt = os.urandom(16)
    vault_id = secrets.token_hex(16)
    state = {
        "version": 1, "id": vault_id, "kdf": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
        "salt": _b64(salt), "wrapped": _b64(_seal(_derive(passphrase, salt), key, b"itam-vault-key")),
        "check": _b64(_seal(key, _CHECK, b"itam-vault-check")),
    }
    session.add(Setting(key=SETTING_KEY, value=json.dumps(state), updated_by=actor))
    session.flush()
    _keyring_put(vault_id, key)
    return UnlockedVault(key)


def unlock(session: Session, passphrase: str | None = None) -> UnlockedVault:
    """The vault's data key from the keyring, else from ``passphrase``; a clear error when neither works."""
    state = _state(session)
    if state is None:
        raise VaultLockedError(tr("no credentials are stored yet"))
    check = _unb64(state["check"])
    cached = _keyring_get(state["id"])
    if cached is not None and _verifies(cached, check):
        return UnlockedVault(cached)
    if not passphrase:
        raise VaultLockedError(tr("the credential vault is locked: give its passphrase (ITAM_CREDENTIAL_PASSPHRASE, "
                                  "--passphrase-stdin, or the prompt in the application)"))
    try:
        key = _open(_derive(passphrase, _unb64(state["salt"]), state["n"], state["r"], state["p"]),
                    _unb64(state["wrapped"]), b"itam-vault-key")
    except InvalidTag:
        raise VaultLockedError(tr("wrong passphrase for the credential vault")) from None
    if not _verifies(key, check):
        raise VaultLockedError(tr("the credential vault is damaged: its check value does not match"))
    _keyring_put(state["id"], key)  # remember it on this computer, when it can
    return UnlockedVault(key)


def change_passphrase(session: Session, old: str | None, new: str, actor: str | None = None) -> None:
    """Re-wrap the data key under a new passphrase (the secrets stay as they are)."""
    vault = unlock(session, old)
    _check_passphrase(new)
    row = session.get(Setting, SETTING_KEY)
    state = json.loads(row.value)
    salt = os.urandom(16)
    state.update(salt=_b64(salt), n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P,
                 wrapped=_b64(_seal(_derive(new, salt), vault._key, b"itam-vault-key")))  # noqa: SLF001
    row.value = json.dumps(state)
    row.updated_by = actor


def _verifies(key: bytes, check: bytes) -> bool:
    try:
        return _open(key, check, b"itam-vault-check") == _CHECK
    except (InvalidTag, ValueError):
        return False


def _check_passphrase(passphrase: str) -> None:
    if len(passphrase or "") < MIN_PASSPHRASE:
        raise ValidationError(tr("the vault passphrase must have at least {n} characters", n=MIN_PASSPHRASE))
