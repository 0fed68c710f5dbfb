"""Is a SQLite file on a network file system?

SQLite's WAL mode keeps its shared index in memory that only processes on one computer share, and its
locks rely on the file system's locking, which network file systems (NFS, SMB/CIFS, sshfs and other FUSE
mounts, 9p …) implement partially or not at all. Two computers writing one file over such a share can
corrupt it. So itam looks where the file lives before it opens it: on a network file system it uses the
rollback journal instead of WAL and warns, recommending PostgreSQL for shared use
(``ITAM_ALLOW_NETWORK_SQLITE=1`` silences the warning).

Linux: the mount table in ``/proc/self/mountinfo`` (the longest mount point that holds the file), then the
``statfs`` magic number through ctypes; macOS: ``statfs``'s ``MNT_LOCAL`` flag and file system name;
Windows: UNC paths (``\\\\server\\share``) and drives whose type is remote. Every probe is best effort: when
it cannot tell, the file counts as local.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from collections.abc import Callable
from pathlib import Path

from itam.messages import Message, tr

#: Set to 1 to silence the warning (the rollback journal is still used on a network share).
ALLOW_ENV = "ITAM_ALLOW_NETWORK_SQLITE"

#: File system types (as the Linux mount table names them) whose locking SQLite cannot rely on.
NETWORK_TYPES = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "ncp", "afs", "openafs", "coda", "9p",
    "ceph", "glusterfs", "lustre", "gpfs", "ocfs2", "gfs2", "beegfs", "davfs", "sshfs", "webdav", "afpfs",
    "virtiofs", "vboxsf", "vmhgfs", "prl_fs", "drvfs", "pvfs2", "orangefs", "moosefs", "cvfs", "fhgfs",
})
#: FUSE mounts are local only when they are one of these (everything else — sshfs, rclone, s3fs,
#: glusterfs, davfs2 … — is a remote file system behind a user-space driver).
LOCAL_FUSE = frozenset({"fuse.portal", "fuse.lxcfs", "fuseblk", "fuse.gvfsd-fuse", "fuse.ntfs-3g", "fuse.bindfs",
                        "fuse.encfs", "fuse.gocryptfs", "fuse.squashfuse", "fuse.AppImage", "fuse.appimagekit"})
#: ``statfs`` f_type magic numbers of network file systems (linux/magic.h and the drivers).
NETWORK_MAGIC = {
    0x6969: "nfs", 0x517B: "smbfs", 0xFF534D42: "cifs", 0xFE534D42: "smb2", 0x564C: "ncpfs",
    0x5346414F: "afs", 0x73757245: "coda", 0x01021997: "9p", 0x00C36400: "ceph", 0x0BD00BD0: "lustre",
    0x47504653: "gpfs", 0x65735546: "fuse", 0x6A656A63: "virtiofs", 0x786F4256: "vboxsf",
}


def _unescape(field: str) -> str:
    """Mount points in mountinfo escape space, tab, newline and backslash as octal (``\\040``)."""
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and len(field[i + 1:i + 4]) == 3 and field[i + 1:i + 4].isdigit():
            out.append(chr(int(field[i + 1:i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def parse_mountinfo(text: str) -> list[tuple[str, str, str]]:
    """``(mount point, file system type, source)`` for each line of a ``/proc/<pid>/mountinfo`` text."""
    mounts = []
    for line in text.splitlines():
        left, sep, right = line.partition(" - ")
        if not sep:
            continue
        fields, tail = left.split(), right.split()
        if len(fields) < 5 or not tail:
            continue
        mounts.append((_unescape(fields[4]), tail[0], tail[1] if len(tail) > 1 else ""))
    return mounts


def is_network_type(fstype: str) -> bool:
    fstype = fstype.strip()
    if fstype in NETWORK_TYPES:
        return True
    if fstype.startswith("fuse"):
        return fstype not in LOCAL_FUSE and fstype != "fuse" and fstype != "fusectl"
    return fstype.split(".")[0] in NETWORK_TYPES


def _mount_for(path: str, mounts: list[tuple[str, str, str]]) -> tuple[str, str, str] | None:
    best = None
    for mount in mounts:
        point = mount[0]
        inside = path == point or path.startswith(point.rstrip("/") + "/") or point == "/"
        if inside and (best is None or len(point) >= len(best[0])):  # later lines over-mount earlier ones
            best = mount
    return best


def _read_mountinfo() -> str | None:
    try:
        return Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="surrogateescape")
    except OSError:
        return None


def _linux_statfs_magic(path: str) -> int | None:
    """``f_type`` from ``statfs(2)`` (``os.statvfs`` does not return it)."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return None

    class StatFs(ctypes.Structure):  # struct statfs on 64-bit Linux (f_type first, a long)
        _fields_ = [("f_type", ctypes.c_long), ("rest", ctypes.c_byte * 120)]

    libc = ctypes.CDLL(libc_name, use_errno=True)
    buf = StatFs()
    if libc.statfs(os.fsencode(path), ctypes.byref(buf)) != 0:
        return None
    return buf.f_type & 0xFFFFFFFF


def _darwin_statfs(path: str) -> str | None:
    """The file system's name when ``statfs`` says it is not local (``MNT_LOCAL`` clear)."""
    class StatFs(ctypes.Structure):  # struct statfs, 64-bit inodes (the default since macOS 10.6)
        _fields_ = [
            ("f_bsize", ctypes.c_uint32), ("f_iosize", ctypes.c_int32), ("f_blocks", ctypes.c_uint64),
            ("f_bfree", ctypes.c_uint64), ("f_bavail", ctypes.c_uint64), ("f_files", ctypes.c_uint64),
            ("f_ffree", ctypes.c_uint64), ("f_fsid", ctypes.c_int32 * 2), ("f_owner", ctypes.c_uint32),
            ("f_type", ctypes.c_uint32), ("f_flags", ctypes.c_uint32), ("f_fssubtype", ctypes.c_uint32),
            ("f_fstypename", ctypes.c_char * 16), ("f_mntonname", ctypes.c_char * 1024),
            ("f_mntfromname", ctypes.c_char * 1024), ("f_reserved", ctypes.c_uint32 * 8),
        ]

    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.dylib", use_errno=True)
    buf = StatFs()
    if libc.statfs(os.fsencode(path), ctypes.byref(buf)) != 0:
        return None
    name = buf.f_fstypename.decode("ascii", "replace")
    mnt_local = 0x00001000
    if not buf.f_flags & mnt_local or name in ("nfs", "smbfs", "afpfs", "webdav", "cifs", "macfuse", "osxfuse"):
        return name or "network"
    return None


def _windows_remote(path: str) -> str | None:
    if path.startswith(("\\\\", "//")):
        return "UNC"
    drive = os.path.splitdrive(path)[0]
    if not drive:
        return None
    drive_remote = 4
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    return "remote drive" if kernel32.GetDriveTypeW(drive + "\\") == drive_remote else None


def _existing(path: str) -> str:
    """The file, or the nearest folder above it that exists (a new database file is not there yet)."""
    p = Path(path)
    while not p.exists() and p.parent != p:
        p = p.parent
    return str(p)


def network_filesystem(
    path: str | os.PathLike,
    *,
    read_mountinfo: Callable[[], str | None] | None = None,
    platform: str | None = None,
) -> str | None:
    """The network file system type holding ``path`` (``"nfs4"``, ``"cifs"``, ``"fuse.sshfs"`` …), or None.

    ``read_mountinfo`` replaces reading ``/proc/self/mountinfo`` (tests pass a fake mount table; when it is
    given, ``statfs`` is not asked, so the answer depends on the table alone).
    """
    platform = platform or sys.platform
    raw = os.fspath(path)
    try:
        if platform.startswith("win"):
            return _windows_remote(raw)
        if raw.startswith(("//", "\\\\")):
            return "UNC"
        where = os.path.realpath(raw)  # symbolic links followed as far as they exist; a new file need not
        if platform.startswith("linux"):
            text = (read_mountinfo or _read_mountinfo)()
            if text:
                mount = _mount_for(where, parse_mountinfo(text))
                if mount is not None:
                    return mount[1] if is_network_type(mount[1]) else None
            if read_mountinfo is not None:
                return None
            magic = _linux_statfs_magic(_existing(where))
            return NETWORK_MAGIC.get(magic) if magic is not None else None
        if platform == "darwin":
            return _darwin_statfs(_existing(where))
    except (OSError, ValueError, AttributeError, TypeError):  # a probe that cannot tell: assume local
        return None
    return None


def allowed_by_user() -> bool:
    return os.environ.get(ALLOW_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def network_warning(path: str | os.PathLike, fstype: str) -> Message:
    return tr(
        "The database file {path} is on a network file system ({fstype}). SQLite cannot be shared safely "
        "over a network: several computers writing it can corrupt it, so itam uses SQLite's rollback journal "
        "there instead of WAL. Use it from one computer at a time, and use PostgreSQL for shared use "
        "(--db postgresql+psycopg://user@server/itam or ITAM_DATABASE_URL). "
        "Set ITAM_ALLOW_NETWORK_SQLITE=1 to hide this warning.",
        path=str(path), fstype=fstype,
    )
