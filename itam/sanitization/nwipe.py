"""Read the text log that nwipe (and ShredOS, which runs it) writes, into one record per wiped drive.

Pure: bytes in, frozen dataclasses out; no database, no Qt. The raw file stays the evidence (kept by its
SHA-256); this module only extracts what a sanitization record needs.

What the log looks like across versions (read from nwipe's ``logging.c``, ``device.c``, ``method.c``,
``nwipe.c`` and ``options.c`` and checked against real 0.33 runs in ``tests/data/nwipe/recorded``):

* Lines start ``[YYYY/MM/DD HH:MM:SS]`` in the wiping machine's local time with no zone. Up to 0.2x the
  level reads ``nwipe: notice:``; 0.28–0.29 ``notice:``; from 0.30 the level is right-aligned
  (``  notice:``, ``   info:``, ``warning:``). Old versions name devices ``device '/dev/sdb'.``.
* ``Found`` lines list every drive nwipe saw, selected for wiping or not. 0.28: ``Found /dev/sdb, model,
  size, S/N=…``; 0.30–0.34: ``Found /dev/sdb, ATA, model,  1 TB, S/N=…``; 0.35 on pads the bus to eight
  characters and marks SSDs: ``Found /dev/sdb,  ATA-SSD, model, 960 GB, S/N=…``. ``-q`` replaces the serial
  with X's (``????`` when there was none to hide). nwipe before 0.36 could print raw bytes as a serial.
* The options dump (``Program options are set as follows...``) gives ``banner = nwipe 0.33`` (ShredOS:
  ``banner = ShredOS v2024.02.2_26.0_x86-64_0.36``), ``method``, ``rounds`` and ``verify``.
* Per drive: ``Invoking method 'PRNG Stream' on /dev/sdb``, ``Starting round 1 of 1``, ``Starting pass …``,
  ``N bytes written to /dev/sdb`` (once per pass and for the final blanking pass), ``[SUCCESS] Verified that
  /dev/sdb is empty.``, ``[SUCCESS] Blanked device /dev/sdb`` (or ``[FAILURE] …``).
* From 0.30 a summary ends the run: an ``Error Summary`` table (pass, verification, fdatasync errors) and a
  ``Drive Status`` table (``!   Device | Status | Thru-put | HH:MM:SS | Model/Serial Number``) whose device
  column is the name without ``/dev/``, right-aligned and cut to its last eight characters, then
  ``[time] Total Throughput 319 MB/s, DoD Short, 2R+B+VA`` (rounds, blanking, verify none/last/all).
* A file named with ``-l`` is appended to, so one file can hold several runs; each run's drives are
  reported separately.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from itam.errors import ImportFileError
from itam.messages import tr
from itam.sanitization.wipe_csv import normalise_technique, resolve_zone, strip_control

__all__ = [
    "STATUSES", "VERIFICATION_MODES", "NwipeDrive", "NwipeLog", "parse_nwipe_log", "technique_for_nwipe_method",
]

STATUSES = ("erased", "failed", "aborted", "insanity", "unknown")
VERIFICATION_MODES = ("off", "last", "all")

#: Longest value kept for any text field; a hostile or corrupt log cannot make records balloon.
MAX_FIELD = 200
#: Lines are cut to this many characters before any pattern looks at them (nwipe's own limit is 512).
_MAX_LINE = 2048
#: At most this many error messages are kept per drive and this many warnings per log.
_MAX_MESSAGES = 50

_BINARY_MAGIC = {
    b"%PDF": tr("a PDF document"),
    b"PK\x03\x04": tr("a zip archive (or an Office document)"),
    b"\x7fELF": tr("a program"),
    b"\x89PNG": tr("a PNG image"),
    b"\xff\xd8\xff": tr("a JPEG image"),
    b"GIF8": tr("a GIF image"),
    b"\x1f\x8b": tr("a gzip archive"),
}


@dataclass(frozen=True)
class NwipeDrive:
    """What the log says about one drive nwipe was told to wipe."""

    device: str
    model: str | None
    serial: str | None
    serial_masked: bool
    bus: str | None
    media_hint: str | None  # hdd | ssd | nvme | usb_flash | memory_card | None
    size_bytes: int | None
    method: str | None
    rounds: int | None
    verification: str | None  # off | last | all
    bytes_written: int | None  # summed over every pass, blanking included
    verified: bool | None
    errors: int
    error_messages: tuple[str, ...]
    status: str  # erased | failed | aborted | insanity | unknown
    started_at: datetime | None
    ended_at: datetime | None
    throughput: str | None
    duration: str | None
    #: HPA/DCO: "present" (nwipe detected hidden sectors), "none_found", or None when the log does not say.
    hidden_areas: str | None = None


@dataclass(frozen=True)
class NwipeLog:
    """A parsed log: its identity (SHA-256, size), version, drives and what a person should know."""

    sha256: str
    size: int
    nwipe_version: str | None
    drives: tuple[NwipeDrive, ...]
    serials_masked: bool
    tz: str
    warnings: tuple[str, ...]
    #: The machine nwipe ran on, from dmidecode: manufacturer, product_name, serial_number, uuid (when logged).
    system: dict[str, str] = field(default_factory=dict)


def technique_for_nwipe_method(method: str | None, *, bus: str | None = None) -> str:
    """The technique key (see :func:`itam.sanitization.wipe_csv.normalise_technique`) of an nwipe method.

    nwipe's classic methods (PRNG Stream, DoD, Gutmann, zeros, ones, HMG IS5, Schneier, BMB21…) all overwrite.
    Recent versions add firmware commands whose label names several buses (``Secure Erase (ATA/NVMe)``):
    ``bus`` (``NwipeDrive.bus``) picks the right key. The verify-only methods write nothing: ``other``.
    """
    text = (method or "").casefold()
    bus_key = (bus or "").upper()
    if "verify" in text and not any(w in text for w in ("erase", "sanitize", "prng", "overwrite")):
        return "other"
    if "sanitize" in text or "sanitise" in text:
        if "crypto" in text:
            return "crypto_erase"
        if "block" in text:
            return "block_erase"
        if bus_key.startswith("NVME"):
            return "nvme_sanitize"
        if bus_key.startswith(("SAS", "SCSI")):
            return "scsi_sanitize"
        return "overwrite" if "overwrite" in text else "other"
    if "secure erase" in text or "security erase" in text:
        if bus_key.startswith("NVME"):
            return "nvme_format"
        return "ata_enhanced_secure_erase" if "enhanced" in text else "ata_secure_erase"
    key = normalise_technique(method or "")
    if key in (None, "other", "shred", "overwrite"):
        # "shred" would be GNU shred here, which overwrites; anything unnamed in nwipe is an overwrite too.
        return "overwrite"
    return key


# --- reading the bytes -------------------------------------------------------------------------------

def _cap(text: str | None) -> str | None:
    if text is None:
        return None
    text = " ".join(strip_control(text).split())
    if not text:
        return None
    return text if len(text) <= MAX_FIELD else text[: MAX_FIELD - 1] + "…"


# --- line patterns -----------------------------------------------------------------------------------

_DEV = r"/dev/[A-Za-z0-9_+.:\-/]*[A-Za-z0-9_+\-]"
_ON = r"(?:device\s+)?'?"  # old versions: "on device '/dev/sdb'."

_LINE = re.compile(
    r"^\s*(?:\[(?P<ts>[^\]\n]{0,40})\]\s*)?"
    r"(?:nwipe:\s*)?"
    r"(?:(?P<level>debug|info|notice|warning|error|fatal|sanity|level\s+\d+)\s*:\s?)?"
    r"(?P<msg>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_TS = re.compile(r"^\s*(\d{4})[/-](\d{1,2})[/-](\d{1,2})[ T]+(\d{1,2}):(\d{2}):(\d{2})\s*$")
_DEV_ANY = re.compile(_DEV)

_FOUND = re.compile(r"^Found\s+(?P<dev>" + _DEV + r")\s*,(?P<rest>.*)$", re.IGNORECASE)
_SN_TAIL = re.compile(r",?\s*S/N\s*=\s*(?P<sn>.*)$", re.IGNORECASE)
_SIZE = re.compile(r"^\s*(?P<num>\d{1,12}(?:[.,]\d{1,6})?)\s*(?P<unit>[KMGTPE]i?B|B|bytes?)\s*$", re.IGNORECASE)
_HAS_SERIAL = re.compile(r"^'?(?P<dev>" + _DEV + r")'?\s+has serial number\s*(?P<sn>.*)$", re.IGNORECASE)
_SECT = re.compile(r"^'?(?P<dev>" + _DEV + r")'?\s*,\s*sect/blk/dev\s+\d+/\d+/(?P<size>-?\d+)", re.IGNORECASE)
_OLD_SIZE = re.compile(r"^Device\s+'?(?P<dev>" + _DEV + r")'?\s+is size\s+(?P<size>\d+)", re.IGNORECASE)
_INVOKE = re.compile(
    r"Invoking method\s+'(?P<method>[^']{1,300})'\s+on\s+" + _ON + r"(?P<dev>" + _DEV + ")", re.IGNORECASE
)
_ROUND_START = re.compile(
    r"Starting round\s+(?P<i>\d+)\s+of\s+(?P<n>\d+)\s+on\s+" + _ON + r"(?P<dev>" + _DEV + ")", re.IGNORECASE
)
_PASS_START = re.compile(
    r"Starting pass\s+\d+\s*(?:/|of)\s*\d+\s*,\s*round\s+\d+\s*(?:/|of)\s*(?P<n>\d+)\s*,?\s*on\s+"
    + _ON + r"(?P<dev>" + _DEV + ")",
    re.IGNORECASE,
)
_WRITTEN = re.compile(r"(?P<n>\d+)\s+bytes written to\s+" + _ON + r"(?P<dev>" + _DEV + ")", re.IGNORECASE)
_ROUND_DONE = re.compile(
    r"Finished\s+(?:final\s+)?round\s+(?P<i>\d+)\s+of\s+(?P<n>\d+)\s+on\s+" + _ON + r"(?P<dev>" + _DEV + ")",
    re.IGNORECASE,
)
_VERIFIED_OK = re.compile(r"\[SUCCESS\]\s*Verified\s+(?:that\s+|FRP\s+on\s+)?'?(?P<dev>" + _DEV + ")", re.IGNORECASE)
_VERIFY_FAIL = re.compile(
    r"\[FAILURE\]\s*'?(?P<dev>" + _DEV + r")'?\s+(?:Verification errors|has not been Zeroed|is not full of ones)",
    re.IGNORECASE,
)
_VERIFIED_PASS = re.compile(r"Verified pass\s+\d+\s+of\s+\d+.*?\bon\s+'?(?P<dev>" + _DEV + ")", re.IGNORECASE)
_BLANKING = re.compile(r"Blanking device\s+'?(?P<dev>" + _DEV + ")", re.IGNORECASE)
_BLANKED_OK = re.compile(r"\[SUCCESS\]\s*Blanked device\s+'?(?P<dev>" + _DEV + ")", re.IGNORECASE)
_BLANK_FAIL = re.compile(r"\[FAILURE\]\s*'?(?P<dev>" + _DEV + r")'?\s+may not be blanked", re.IGNORECASE)
_FIRMWARE_DONE = re.compile(  # nwipe 0.40+ firmware methods: "ATA Secure Erase completed successfully on …"
    r"(?:Erase|Scramble|Overwrite|Sanitize)\s+completed successfully on\s+'?(?P<dev>" + _DEV + ")", re.IGNORECASE
)
_VERIFY_ERRS = re.compile(r"(?P<n>\d+)\s+verification errors on\s+'?(?P<dev>" + _DEV + ")", re.IGNORECASE)
_WIPE_ERRS = re.compile(r"(?P<n>\d+)\s+wipe errors on\s+'?(?P<dev>" + _DEV + ")", re.IGNORECASE)
_EXITED_ERR = re.compile(r"exited with errors on device\s*=?\s*'?(?P<dev>" + _DEV + ")", re.IGNORECASE)
_HIDDEN = re.compile(r"HIDDEN SECTORS DETECTED.*?\bon\s+'?(?P<dev>" + _DEV + ")", re.IGNORECASE)
_NO_HIDDEN = re.compile(r"No hidden sectors on\s+'?(?P<dev>" + _DEV + ")", re.IGNORECASE)
#: dmidecode facts nwipe 0.28+ logs about the machine it runs on (``system-serial-number = 7QX2KF2``).
_DMI = re.compile(r"^(?P<key>system-(?:manufacturer|product-name|serial-number|uuid))\s*=\s*(?P<value>.*)$", re.IGNORECASE)
_DMI_PLACEHOLDERS = ("not specified", "to be filled by o.e.m.", "default string", "system serial number", "none", "0", "")
#: Bookkeeping after the wipe threads stopped: says nothing about when a drive's wipe ended.
_POST_RUN = re.compile(
    r"Status:\s*/dev|has been cancelled|thread cancellation|has terminated|exited with errors|Waiting for wipe",
    re.IGNORECASE,
)
_USER_ABORT = re.compile(r"aborted by the user", re.IGNORECASE)
_ABORT_BEFORE_START = re.compile(r"aborted by the user prior to the wipe starting", re.IGNORECASE)
_ALL_DONE = re.compile(r"Nwipe successfully completed", re.IGNORECASE)
_ERRORISH = re.compile(
    r"\[FAILURE\]|Partial (?:write|read)|Buffer flush failure|Input/output error|I/O error|Unable to (?:read|write)",
    re.IGNORECASE,
)

_OPTIONS_HEADER = re.compile(r"Program options are set as follows", re.IGNORECASE)
_OPTION = re.compile(r"^\s*(?P<key>method|rounds|verify|quiet|banner)\s*=\s*(?P<value>.*)$", re.IGNORECASE)
_NOBLANK = re.compile(r"do not perform a final blank pass", re.IGNORECASE)
_ENTROPY = re.compile(r"Opened entropy source", re.IGNORECASE)
_VERSION_NWIPE = re.compile(r"\bnwipe\s+(?:version\s+)?v?(?P<v>\d+\.\d+(?:\.\d+)?)\b", re.IGNORECASE)
_VERSION_SHREDOS = re.compile(r"\bShredOS\s+v?\S*?_(?P<v>\d+\.\d+(?:\.\d+)?)(?![\w.])", re.IGNORECASE)
_VERSION_BARE = re.compile(r"^\s*version\s*[:=]?\s*v?(?P<v>\d+\.\d+(?:\.\d+)?)\s*$", re.IGNORECASE)

_ERROR_SUMMARY = re.compile(r"\*+\s*Error Summary\s*\*+", re.IGNORECASE)
_DRIVE_STATUS = re.compile(r"\*+\s*Drive Status\s*\*+", re.IGNORECASE)
_STARS = re.compile(r"^\s*\*{20,}\s*$")
_ERROR_ROW = re.compile(
    r"^\s*!?\s*(?P<dev>[^\s|!]{1,64})\s*\|\s*(?P<p>\d+)\s*\|\s*(?P<v>\d+)\s*(?:\|\s*(?P<f>\d+)\s*)?\|?\s*$"
)
_STATUS_ROW = re.compile(
    r"^\s*!?\s*(?P<dev>[^\s|!]{1,64})\s*\|(?P<status>[^|]{1,16})\|\s*(?P<tp>[^|]{0,24}?)\s*\|"
    r"\s*(?P<dur>\d{1,5}:\d{2}:\d{2})\s*\|(?P<ident>.*)$"
)
_TOTAL = re.compile(
    r"Total Throughput\s+(?P<tp>[^,]{0,24}),\s*(?P<method>[^,]{0,80}?)\s*,\s*(?P<rounds>\d+)\s*R\s*\+\s*"
    r"(?P<blank>N?B)\s*\+\s*(?P<verify>NV|VL|VA)",
    re.IGNORECASE,
)
_THROUGHPUT = re.compile(r"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>[KMGT]?B)\s*/\s*s", re.IGNORECASE)

_MASKED = re.compile(r"^(?:X{3,}|\?{3,})$", re.IGNORECASE)
_BUS = re.compile(r"^(?P<bus>ATA|USB|NVME|SAS|SCSI|IDE|MMC|VIRT|UNK|CPQ|1394|IEEE1394)(?P<ssd>-SSD)?$", re.IGNORECASE)
_UNITS = {"b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12, "pb": 10**15, "eb": 10**18,
          "kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40, "pib": 2**50, "eib": 2**60}

_VERIFY_WORDS = {"off": "off", "0": "off", "none": "off", "last": "last", "1": "last", "all": "all", "2": "all"}
_VERIFY_CODES = {"NV": "off", "VL": "last", "VA": "all"}
_STATUS_WORDS = (("ERASED", "erased"), ("FAIL", "failed"), ("ABORT", "aborted"), ("INSAN", "insanity"))


# --- per-run state -----------------------------------------------------------------------------------


@dataclass
class _Found:
    model: str | None = None
    serial: str | None = None
    serial_masked: bool = False
    serial_garbled: bool = False
    bus: str | None = None
    media_hint: str | None = None
    size_bytes: int | None = None


@dataclass
class _Drive:
    device: str
    found: _Found = field(default_factory=_Found)
    exact_size: int | None = None
    method: str | None = None
    rounds: int | None = None
    bytes_written: int = 0
    wrote: bool = False
    invoked_at: datetime | None = None
    first_at: datetime | None = None
    last_at: datetime | None = None
    completed: bool = False
    failed_line: bool = False
    verify_ok: bool = False
    verify_fail: bool = False
    verified_pass: bool = False
    rounds_done: bool = False
    blanking: bool = False
    counted_errors: int = 0
    messages: list[str] = field(default_factory=list)
    exited_with_errors: bool = False
    table_errors: int | None = None
    table_verify_errors: int | None = None
    status_row: str | None = None
    throughput: str | None = None
    duration: str | None = None
    row_ident: str | None = None

    def finished(self, run: _Run) -> bool:
        """Whether the lines show the method ran to its end on this drive."""
        if self.completed:
            return True
        # After the last round comes the blanking pass, unless --noblank: then nothing more is logged.
        return self.rounds_done and not self.blanking and (run.noblank or run.all_done)


@dataclass
class _Run:
    drives: dict[str, _Drive] = field(default_factory=dict)
    method: str | None = None
    rounds: int | None = None
    verification: str | None = None
    summary_seen: bool = False
    summary_at: datetime | None = None
    user_abort: bool = False
    all_done: bool = False
    noblank: bool = False

    @property
    def active(self) -> bool:
        return bool(self.drives) or self.summary_seen


class _Parser:
    def __init__(self, zone: tzinfo, filename: str):
        self.zone = zone
        self.filename = filename
        self.found: dict[str, _Found] = {}
        self.runs: list[_Run] = [_Run()]
        self.version: str | None = None
        self.nwipe_lines = 0
        self.long_lines = 0
        self.unattributed: list[str] = []
        self.pending_errors: list[str] = []
        self.section: str | None = None
        self.current_time: datetime | None = None
        self.hidden: set[str] = set()
        self.no_hidden: set[str] = set()
        self.system: dict[str, str] = {}

    @property
    def run(self) -> _Run:
        return self.runs[-1]

    # --- helpers ---

    def _time(self, raw: str | None) -> datetime | None:
        if not raw:
            return None
        m = _TS.match(raw)
        if not m:
            return None
        try:
            return datetime(*(int(g) for g in m.groups()), tzinfo=self.zone)
        except ValueError:
            return None  # a corrupt timestamp (month 13) is no timestamp

    def _drive(self, dev: str) -> _Drive:
        """The run's state for ``dev``, created when a wipe activity line first names it."""
        drive = self.run.drives.get(dev)
        if drive is None:
            drive = _Drive(dev, found=self.found.get(dev, _Found()))
            self.run.drives[dev] = drive
        return drive

    def _known(self, msg: str) -> _Drive | None:
        """The wiped drive a line is about: the first device it names that this run is wiping."""
        for m in _DEV_ANY.finditer(msg):
            drive = self.run.drives.get(m.group(0))
            if drive is not None:
                return drive
        return None

    def _touch(self, drive: _Drive, at: datetime | None) -> None:
        if at is None:
            return
        if drive.first_at is None:
            drive.first_at = at
        drive.last_at = at

    def _new_run_if_needed(self) -> None:
        if self.run.active:
            self.runs.append(_Run())
            self.section = None

    # --- the line loop ---

    def feed(self, raw_line: str) -> None:
        if len(raw_line) > _MAX_LINE:
            self.long_lines += 1
            raw_line = raw_line[:_MAX_LINE]
        line = strip_control(raw_line).rstrip()
        if not line.strip():
            return
        if self._table_line(line):
            return
        m = _LINE.match(line)
        assert m is not None  # the pattern matches any string
        at = self._time(m.group("ts"))
        if at is not None:
            self.current_time = at
        level = (m.group("level") or "").lower()
        msg = m.group("msg").strip()
        if not msg:
            return
        errorish = level in ("error", "fatal", "sanity") or bool(_ERRORISH.search(msg))
        if self.pending_errors and not errorish:
            # nwipe_perror() lines name no device; the line right after them does. Nothing claimed these.
            self.unattributed.extend(self.pending_errors)
            self.pending_errors.clear()
        self._header_lines(msg)
        self._version(msg)
        if msg.startswith("system-") and self._dmi(msg):
            return
        if self._options(msg):
            return
        if self._drive_lines(msg, at, level, errorish):
            self.nwipe_lines += 1
            return
        self._global_lines(msg, at)

    def _table_line(self, line: str) -> bool:
        """Summary tables: headers, separators and rows (no timestamps). True when the line was one of them."""
        if "Summary" in line and _ERROR_SUMMARY.search(line):
            self.section = "errors"
            self.run.summary_seen = True
            self.nwipe_lines += 1
            return True
        if "Drive Status" in line and _DRIVE_STATUS.search(line):
            self.section = "status"
            self.run.summary_seen = True
            self.nwipe_lines += 1
            return True
        if self.section is None:
            return False
        if _STARS.match(line):
            self.section = None
            return True
        stripped = line.strip()
        if stripped.startswith("---") or "Device |" in stripped or "Device|" in stripped:
            return True
        if self.section == "errors":
            m = _ERROR_ROW.match(line)
            if m:
                drive = self._row_drive(m.group("dev"))
                if drive is not None:
                    counts = [int(m.group(g) or 0) for g in ("p", "v", "f")]
                    drive.table_errors = sum(counts)
                    drive.table_verify_errors = counts[1]
                return True
        elif self.section == "status":
            m = _STATUS_ROW.match(line)
            if m:
                drive = self._row_drive(m.group("dev"))
                if drive is not None:
                    drive.status_row = _status_word(m.group("status"))
                    drive.throughput = _throughput(m.group("tp"))
                    drive.duration = m.group("dur")
                    drive.row_ident = m.group("ident").strip() or None
                return True
            t = _TOTAL.search(line)
            if t:
                ts = re.match(r"^\s*\[([^\]\n]{0,40})\]", line)
                self._total(t, self._time(ts.group(1) if ts else None))
                return True
        # Anything else inside a table section ends it (a damaged or cut table).
        self.section = None
        return False

    def _row_drive(self, name: str) -> _Drive | None:
        """The drive a summary row names: nwipe prints the device without /dev/, cut to its last 8 characters."""
        name = name.strip()
        if not name or len(name) > 64:
            return None
        drives = self.run.drives
        exact = [d for d in drives.values() if d.device.rsplit("/", 1)[-1] == name]
        if len(exact) == 1:
            return exact[0]
        suffix = [d for d in drives.values() if d.device.rsplit("/", 1)[-1].endswith(name)]
        if len(suffix) == 1:
            return suffix[0]
        if exact or suffix:
            return None  # ambiguous: better no status than the wrong drive's
        if not re.fullmatch(r"[A-Za-z0-9_+.:\-]+", name):
            return None
        return self._drive(f"/dev/{name}")

    def _header_lines(self, msg: str) -> None:
        """Lines that open a run; a second run in the same file starts a new set of drives."""
        low = msg[:40].lower()
        if not ("program" in low or "entropy" in low or "nwipe" in low or "shredos" in low):
            return
        opens_run = (_OPTIONS_HEADER, _ENTROPY)
        if any(p.search(msg) for p in opens_run) or _VERSION_NWIPE.match(msg) or _VERSION_SHREDOS.match(msg):
            self._new_run_if_needed()
            self.nwipe_lines += 1

    def _dmi(self, msg: str) -> bool:
        m = _DMI.match(msg)
        if not m:
            return False
        value = _cap(m.group("value").strip())
        if value and value.lower() not in _DMI_PLACEHOLDERS:
            self.system[m.group("key").lower().removeprefix("system-").replace("-", "_")] = value
        return True

    def _version(self, msg: str) -> None:
        low = msg.lower()
        if not ("nwipe" in low or "shredos" in low or "version" in low):
            return
        for pattern in (_VERSION_SHREDOS, _VERSION_NWIPE, _VERSION_BARE):
            m = pattern.search(msg)
            if m:
                self.version = m.group("v")
                self.nwipe_lines += 1
                return

    def _options(self, msg: str) -> bool:
        if "=" not in msg and "blank pass" not in msg:
            return False
        if _NOBLANK.search(msg):
            self.run.noblank = True
            return True
        m = _OPTION.match(msg)
        if not m:
            return False
        key, value = m.group("key").lower(), m.group("value").strip()
        if key == "method":
            self.run.method = _cap(value)
        elif key == "rounds":
            r = re.match(r"\d{1,6}", value)
            self.run.rounds = int(r.group(0)) if r else None
        elif key == "verify":
            word = re.search(r"\((\w+)", value)
            first = re.match(r"\w+", value)
            token = (word.group(1) if word else first.group(0) if first else "").lower()
            self.run.verification = _VERIFY_WORDS.get(token)
        self.nwipe_lines += 1
        return True

    def _drive_lines(self, msg: str, at: datetime | None, level: str, errorish: bool) -> bool:
        """Lines about one drive. True when the line was recognised."""
        low = msg.lower()
        m = _FOUND.match(msg) if low.startswith("found") else None
        if m:
            found = _parse_found(m.group("rest"))
            self.found[m.group("dev")] = found
            existing = self.run.drives.get(m.group("dev"))
            if existing is not None and existing.found.model is None:
                existing.found = found
            return True
        m = _HAS_SERIAL.match(msg) if "serial number" in low else None
        if m:
            drive = self._drive(m.group("dev"))
            _apply_serial(drive.found, m.group("sn"))
            self._touch(drive, at)
            return True
        m = (_SECT.match(msg) or _OLD_SIZE.match(msg)) if "sect/blk/dev" in low or "is size" in low else None
        if m:
            drive = self._drive(m.group("dev"))
            drive.exact_size = _byte_count(m.group("size")) or drive.exact_size
            self._touch(drive, at)
            return True
        m = _INVOKE.search(msg) if "invoking method" in low else None
        if m:
            drive = self._drive(m.group("dev"))
            drive.method = _cap(m.group("method"))
            drive.invoked_at = drive.invoked_at or at
            self._touch(drive, at)
            return True
        m = (_ROUND_START.search(msg) or _PASS_START.search(msg)) if "starting " in low else None
        if m:
            drive = self._drive(m.group("dev"))
            drive.rounds = _small_int(m.group("n")) or drive.rounds
            self._touch(drive, at)
            return True
        m = _WRITTEN.search(msg) if "bytes written" in low else None
        if m:
            drive = self._drive(m.group("dev"))
            drive.bytes_written += _byte_count(m.group("n")) or 0
            drive.wrote = True
            self._touch(drive, at)
            return True
        m = _ROUND_DONE.search(msg) if "finished" in low else None
        if m:
            drive = self._drive(m.group("dev"))
            if m.group("i") == m.group("n"):
                drive.rounds_done = True
            self._touch(drive, at)
            return True
        m = _BLANKING.search(msg) if "blanking device" in low else None
        if m:
            drive = self._drive(m.group("dev"))
            drive.blanking = True
            self._touch(drive, at)
            return True
        failure, success = "[failure]" in low, "[success]" in low
        m = _VERIFY_FAIL.search(msg) if failure else None
        if m:
            drive = self._drive(m.group("dev"))
            drive.verify_fail = True
            drive.completed = True
            self._error(drive, msg, level)
            self._touch(drive, at)
            return True
        m = _BLANK_FAIL.search(msg) if failure else None
        if m:
            drive = self._drive(m.group("dev"))
            drive.completed = True
            self._error(drive, msg, level)
            self._touch(drive, at)
            return True
        m = _VERIFIED_OK.search(msg) if success else None
        if m:
            drive = self._drive(m.group("dev"))
            drive.verify_ok = True
            if re.search(r"Zeroed|full of ones|FRP", msg, re.IGNORECASE):
                drive.completed = True  # the verify-only methods and OPS-II end here
            self._touch(drive, at)
            return True
        m = (_BLANKED_OK.search(msg) if success else None) or (
            _FIRMWARE_DONE.search(msg) if "completed successfully" in low else None
        )
        if m:
            drive = self._drive(m.group("dev"))
            drive.completed = True
            self._touch(drive, at)
            return True
        m = _VERIFIED_PASS.search(msg) if "verified pass" in low else None
        if m:
            drive = self._drive(m.group("dev"))
            drive.verified_pass = True
            self._touch(drive, at)
            return True
        m = (_VERIFY_ERRS.search(msg) or _WIPE_ERRS.search(msg)) if "errors on" in low else None
        if m:
            drive = self._drive(m.group("dev"))
            n = _small_int(m.group("n")) or 0
            drive.counted_errors += n
            if _VERIFY_ERRS.search(msg) and n:
                drive.verify_fail = True
            self._error(drive, msg, level or "error")
            self._touch(drive, at)
            return True
        m = _EXITED_ERR.search(msg) if "exited with errors" in low else None
        if m:
            drive = self.run.drives.get(m.group("dev"))
            if drive is not None:
                drive.exited_with_errors = True
                self._error(drive, msg, level)
            return True
        m = _HIDDEN.search(msg) if "hidden sectors" in low else None
        if m:
            self.hidden.add(m.group("dev"))
            return True
        m = _NO_HIDDEN.search(msg) if "no hidden sectors" in low else None
        if m:
            self.no_hidden.add(m.group("dev"))
            return True
        if errorish:
            drive = self._known(msg)
            if drive is None:
                self.pending_errors.append(msg)
                del self.pending_errors[:-5]
                return False
            self._error(drive, msg, level)
            if not _POST_RUN.search(msg):
                self._touch(drive, at)
            return True
        drive = self._known(msg) if "/dev/" in msg else None
        if drive is not None and not _POST_RUN.search(msg):
            self._touch(drive, at)
        return False

    def _error(self, drive: _Drive, msg: str, level: str) -> None:
        """Keep an error message for ``drive``, with the device-less error lines just before it."""
        for pending in self.pending_errors:
            _append(drive.messages, pending)
        self.pending_errors.clear()
        if not _EXITED_ERR.search(msg):
            drive.failed_line = drive.failed_line or level in ("error", "fatal", "sanity") or "[FAILURE]" in msg
        _append(drive.messages, msg)

    def _global_lines(self, msg: str, at: datetime | None) -> None:
        low = msg.lower()
        if not ("nwipe" in low or "total throughput" in low):
            return
        if _ABORT_BEFORE_START.search(msg):
            return
        if _USER_ABORT.search(msg):
            self.run.user_abort = True
            self.nwipe_lines += 1
        elif _ALL_DONE.search(msg):
            self.run.all_done = True
            self.nwipe_lines += 1
        elif (t := _TOTAL.search(msg)) is not None:
            self._total(t, at)

    def _total(self, m: re.Match[str], at: datetime | None) -> None:
        run = self.run
        run.summary_seen = True
        run.summary_at = at or self.current_time
        run.method = run.method or _cap(m.group("method"))
        run.rounds = run.rounds or _small_int(m.group("rounds"))
        run.verification = run.verification or _VERIFY_CODES.get(m.group("verify").upper())
        run.noblank = run.noblank or m.group("blank").upper() == "NB"
        self.nwipe_lines += 1


def _append(messages: list[str], msg: str) -> None:
    capped = _cap(msg)
    if capped and capped not in messages and len(messages) < _MAX_MESSAGES:
        messages.append(capped)


#: Byte counts are stored in signed 64-bit columns.
_MAX_BYTES = 2**63 - 1


def _byte_count(text: str | None) -> int | None:
    """A positive byte count that fits in 64 bits; anything else (corrupt digits) is no count."""
    if not text or not text.isdigit() or len(text) > 19 or int(text) > _MAX_BYTES:  # 19 nines do not fit
        return None
    return int(text) or None


def _small_int(text: str | None) -> int | None:
    if not text or not text.isdigit() or len(text) > 9:
        return None
    return int(text)


def _status_word(text: str) -> str:
    upper = text.upper()
    for needle, status in _STATUS_WORDS:
        if needle in upper:
            return status
    return "unknown"


def _throughput(text: str) -> str | None:
    m = _THROUGHPUT.search(text or "")
    if not m:
        return _cap(text)
    return f"{m.group('num')} {m.group('unit').upper()}/s"


def _size_bytes(text: str) -> int | None:
    m = _SIZE.match(text)
    if not m:
        return None
    number = float(m.group("num").replace(",", "."))
    unit = m.group("unit").lower()
    unit = "b" if unit.startswith("byte") else unit
    return int(number * _UNITS.get(unit, 1))


def _apply_serial(found: _Found, raw: str) -> None:
    text = raw.strip()
    if not text or (text.startswith("(") and text.endswith(")")):  # "(no ATA pass thru)"
        return
    if _MASKED.match(text):
        found.serial, found.serial_masked = None, True
        return
    if not all(" " <= ch < "\x7f" for ch in text):
        # nwipe before 0.36 could print raw identify-buffer bytes as the serial (fixed in 0.36, #527).
        found.serial, found.serial_garbled = None, True
        return
    found.serial = _cap(text)


def _parse_found(rest: str) -> _Found:
    """The part of a ``Found`` line after the device: [bus,] model, size, S/N=serial."""
    found = _Found()
    serial_raw = ""
    sn = _SN_TAIL.search(rest)
    if sn:
        serial_raw = sn.group("sn")
        rest = rest[: sn.start()]
    fields = rest.split(",")
    padded_bus = False
    if fields:
        raw_bus = fields[0]
        bus = _BUS.match(raw_bus.strip())
        if bus:
            fields = fields[1:]
            found.bus = bus.group("bus").upper()
            is_ssd = bool(bus.group("ssd"))
            # From 0.35 the bus is padded to eight characters so that "-SSD" has room: trailing spaces mean
            # "this version knew about SSDs and this one is not".
            padded_bus = is_ssd or raw_bus.rstrip(" ") != raw_bus
            found.media_hint = _media_hint(found.bus, is_ssd, padded_bus)
    if fields and _SIZE.match(fields[-1]):
        found.size_bytes = _size_bytes(fields[-1])
        fields = fields[:-1]
    found.model = _cap(",".join(fields))
    _apply_serial(found, serial_raw)
    return found


def _media_hint(bus: str, is_ssd: bool, ssd_aware: bool) -> str | None:
    if bus == "NVME":
        return "nvme"
    if is_ssd:
        return "ssd"
    if bus == "USB":
        return "usb_flash"  # a hint: a USB-bridged hard disk reads the same before 0.35
    if bus == "MMC":
        return "memory_card"
    if bus in ("ATA", "SAS", "SCSI", "IDE") and ssd_aware:
        return "hdd"
    return None


# --- assembling the result ---------------------------------------------------------------------------


def _ident_split(ident: str | None) -> tuple[str | None, str | None]:
    """The summary's ``model/serial`` column (model cut to 17 characters; the model may contain '/')."""
    if not ident:
        return None, None
    model, _, serial = ident.rpartition("/")
    return (model or None), (serial.strip() or None)


def _finish(p: _Parser, zone_name: str, data: bytes, replaced: bool) -> NwipeLog:
    warnings: list[str] = []
    drives: list[NwipeDrive] = []
    runs = [r for r in p.runs if r.drives]
    derived: set[str] = set()
    for index, run in enumerate(runs, start=1):
        run_index = index if len(runs) > 1 else None
        for drive in run.drives.values():
            if not _was_wiped(drive):
                continue
            record, from_lines = _drive_record(drive, run, warnings, run_index, p.hidden, p.version, p.no_hidden)
            if from_lines:
                derived.add("cut" if run.summary_seen else "none")
            drives.append(record)
    if not drives:
        found = ", ".join(sorted(p.found))
        raise ImportFileError(
            tr("{filename} is an nwipe log, but no drive was wiped in it (drives found: {found}): "
               "nwipe was probably closed before a wipe started", filename=p.filename, found=found)
            if found else
            tr("{filename} is an nwipe log, but no drive was wiped in it (drives found: none): "
               "nwipe was probably closed before a wipe started", filename=p.filename),
            problems=[tr("no wipe started")],
        )
    if "cut" in derived:
        warnings.insert(0, tr("the erasure summary table is cut off: some statuses taken from log lines"))
    if "none" in derived:
        warnings.insert(0, tr("no erasure summary table: statuses taken from log lines"))
    if len(runs) > 1:
        warnings.append(tr("the file holds {n} nwipe runs; each run's drives are listed separately", n=len(runs)))
    if any(d.serial_masked for d in drives):
        warnings.append(tr("serial numbers are masked (nwipe -q): match the drives by another means"))
    for pending in (p.unattributed + p.pending_errors)[:10]:
        warnings.append(tr("error not tied to a drive: {error}", error=_cap(pending)))
    if p.long_lines:
        warnings.append(tr("{n} overlong line(s) were cut to {limit} characters", n=p.long_lines, limit=_MAX_LINE))
    if replaced:
        warnings.append(tr("the file holds bytes that are not UTF-8 text: they were replaced"))
    return NwipeLog(
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        nwipe_version=p.version,
        drives=tuple(drives),
        serials_masked=any(d.serial_masked for d in drives),
        tz=zone_name,
        warnings=tuple(dict.fromkeys(warnings))[:_MAX_MESSAGES],
        system=dict(p.system),
    )


def _was_wiped(drive: _Drive) -> bool:
    return bool(
        drive.method or drive.wrote or drive.rounds or drive.status_row or drive.completed
        or drive.exact_size is not None or drive.table_errors is not None or drive.messages
    )


def _drive_record(
    drive: _Drive, run: _Run, warnings: list[str], run_index: int | None, hidden: set[str], version: str | None,
    no_hidden: set[str] = frozenset(),
) -> tuple[NwipeDrive, bool]:
    """The public record of one drive; also says whether its status came from lines rather than a table.

    ``run_index`` numbers the nwipe run when the file holds several, so warnings say which run they mean.
    """
    device = drive.device if run_index is None else tr("{device} (run {run})", device=drive.device, run=run_index)
    found = drive.found
    row_model, row_serial = _ident_split(drive.row_ident)
    model = found.model or _cap(row_model)
    serial, masked = found.serial, found.serial_masked
    if serial is None and not masked and not found.serial_garbled and row_serial:
        holder = _Found()
        _apply_serial(holder, row_serial)
        serial, masked = holder.serial, holder.serial_masked
        found_garbled = holder.serial_garbled
    else:
        found_garbled = found.serial_garbled
    if found_garbled and serial is None:
        warnings.append(tr("the serial number of {device} in the log is unreadable (garbled by nwipe < 0.36)",
                           device=drive.device))
    if drive.device in hidden:
        warnings.append(tr("nwipe reported hidden sectors (HPA/DCO) on {device}: they may not have been wiped",
                           device=drive.device))

    # Errors: nwipe's own table when there is one, else what the lines say.
    if drive.table_errors is not None:
        errors = drive.table_errors
    else:
        errors = drive.counted_errors or sum(1 for m in drive.messages if not _EXITED_ERR.search(m))
        if errors == 0 and drive.exited_with_errors:
            errors = 1

    if drive.verify_fail or (drive.table_verify_errors or 0) > 0:
        verified: bool | None = False
    elif drive.verify_ok or (drive.verified_pass and (drive.finished(run) or drive.status_row == "erased")):
        verified = True
    else:
        verified = None

    from_lines = False
    if drive.status_row is not None:
        status = drive.status_row
    elif run.summary_seen and (run.summary_at is not None or run.all_done or run.user_abort):
        status = "unknown"
        warnings.append(tr("{device} has no line in the summary table: its status is unknown", device=device))
    else:
        status = _status_from_lines(drive, run, errors, verified)
        from_lines = True
        if status == "unknown":
            if drive.blanking and _older_than(version, (0, 28)):
                warnings.append(tr("the log ends before the wipe of {device} finished (truncated?) (nwipe before 0.28 "
                                   "logs nothing after 'Blanking device')", device=device))
            else:
                warnings.append(tr("the log ends before the wipe of {device} finished (truncated?)", device=device))

    started = drive.invoked_at or drive.first_at
    if status == "unknown" and drive.status_row is None:
        ended = None
    else:
        ended = drive.last_at
        if ended is None or (status == "aborted" and run.summary_at and run.summary_at > ended):
            ended = run.summary_at or ended  # nwipe stops an aborted drive's clock at the summary

    record = NwipeDrive(
        device=_cap(drive.device) or drive.device[:MAX_FIELD],
        model=model,
        serial=serial,
        serial_masked=masked,
        bus=found.bus,
        media_hint=found.media_hint,
        size_bytes=drive.exact_size if drive.exact_size is not None else found.size_bytes,
        method=drive.method or run.method,
        rounds=drive.rounds or run.rounds,
        verification=run.verification,
        # A sum past 64 bits comes from corrupt lines, not from a drive: no count rather than a wrong one.
        bytes_written=drive.bytes_written if drive.wrote and drive.bytes_written <= _MAX_BYTES else None,
        verified=verified,
        errors=errors,
        error_messages=tuple(drive.messages),
        status=status,
        started_at=started,
        ended_at=ended,
        throughput=drive.throughput,
        duration=drive.duration,
        hidden_areas="present" if drive.device in hidden else ("none_found" if drive.device in no_hidden else None),
    )
    return record, from_lines


def _older_than(version: str | None, than: tuple[int, int]) -> bool:
    """True for an unknown version or one below ``than``."""
    if version is None:
        return True
    parts = tuple(int(p) for p in version.split(".")[:2])
    return parts < than


def _status_from_lines(drive: _Drive, run: _Run, errors: int, verified: bool | None) -> str:
    """A status for logs without a summary table (nwipe before 0.30, or a table that was cut off)."""
    if errors or drive.failed_line or drive.exited_with_errors or verified is False:
        return "failed"
    if drive.finished(run) or (run.all_done and drive.wrote):
        return "erased"
    if run.user_abort:
        return "aborted"
    return "unknown"


# --- entry point -------------------------------------------------------------------------------------


def parse_nwipe_log(data: bytes, *, tz: str | None = None, filename: str = "log") -> NwipeLog:
    """Parse an nwipe or ShredOS log file's bytes.

    ``tz`` is the IANA zone of the machine that ran nwipe (its timestamps carry none); by default this
    computer's zone. Raises :class:`ImportFileError` for an empty file, a file that is not an nwipe log, a
    log in which no drive was wiped, or an unknown zone; a log that was cut off still parses, with the
    unfinished drives' status ``unknown`` and a warning.
    """
    zone, zone_name = resolve_zone(tz, whose=tr("the machine that ran nwipe (its log times carry no zone)"))
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"parse_nwipe_log() takes the file's bytes, not {type(data).__name__}")
    data = bytes(data)
    if not data.strip():
        raise ImportFileError(tr("{filename} is empty: there is no nwipe log in it", filename=filename),
                              problems=[tr("empty file")])
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise ImportFileError(
                tr("{filename} is {what}, not an nwipe log: import the text log nwipe wrote with --logfile "
                   "(ShredOS saves it as nwipe_log_<date>.txt), not its PDF report", filename=filename, what=what),
                problems=[tr("not a text file: {what}", what=what)],
            )
    sample = data[:65536]
    binary = sum(1 for b in sample if b < 9 or 13 < b < 32 or b == 127)
    if binary > len(sample) // 10:
        raise ImportFileError(
            tr("{filename} is a binary file, not an nwipe log", filename=filename),
            problems=[tr("not a text file: many control bytes")],
        )
    text = data.decode("utf-8", errors="replace")
    parser = _Parser(zone, filename)
    for line in text.splitlines():
        parser.feed(line)
    if parser.nwipe_lines == 0 or (not any(r.drives for r in parser.runs) and not parser.found):
        raise ImportFileError(
            tr("{filename} is not an nwipe log: none of its lines looks like nwipe's "
               "('[2024/05/10 14:30:00]  notice: Found /dev/sda, …', 'Invoking method …', a Drive Status table)",
               filename=filename),
            problems=[tr("no nwipe lines")],
        )
    return _finish(parser, zone_name, data, replaced="\ufffd" in text)
