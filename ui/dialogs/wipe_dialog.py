"""Dialogs of the sanitization page: record a wipe, record a physical destruction, import a wipe log.

Every dialog talks to ``services.sanitization`` only, on the task pool (:func:`ui.workers.run_task`).
A refusal from the service (a claim the medium cannot support, a time in the future …) is shown inside
the dialog, which stays open so that the person can correct it. Imports first run as a dry run that shows
what would be recorded and created; only then can the person import for real (all or nothing). Several
nwipe logs can be imported at once: the dry run checks each, the review groups what it found per file,
and the import writes each file in a transaction of its own, reporting per file what came in and what
did not, and why.

The labels of the sanitization vocabularies (``itam.sanitization.rules``) live here too, in the
translation context ``Sanitization``; the page's table uses them.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDateTime,
    QEvent,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from itam.errors import ConfigurationError, ImportFileError, ItamError
from itam.fields import categories
from itam.sanitization.rules import (
    CATEGORIES,
    CLASSIFICATIONS,
    DESTINATIONS,
    HIDDEN_AREAS,
    RESULTS,
    TECHNIQUES,
    VERIFICATIONS,
    rules,
)
from itam.services import Services
from itam.services.sanitization import (
    DESTRUCTION_METHODS,
    ImportOutcome,
    SanitizationView,
    WipeEntry,
)
from itam.services.views import AssetDetail, MediumView
from ui import i18n
from ui.dialogs.asset_dialog import MEDIA_TYPE_LABELS
from ui.i18n import core_lines, core_text
from ui.workers import TaskHandle, call_plain, run_task

log = logging.getLogger(__name__)

_CONTEXT = "Sanitization"
#: Colour of inline errors (the discovery page's dark red).
ERROR_COLOUR = "#c62828"
OK_COLOUR = "#2e7d32"
WARN_COLOUR = "#a86a00"
#: Milliseconds after the last change of an import option before the dry run runs again.
RECHECK_DELAY_MS = 400

# --- vocabularies ------------------------------------------------------------------------------------
CATEGORY_LABELS = {
    "clear": QT_TRANSLATE_NOOP("Sanitization", "Clear"),
    "purge": QT_TRANSLATE_NOOP("Sanitization", "Purge"),
    "destroy": QT_TRANSLATE_NOOP("Sanitization", "Destroy"),
}
TECHNIQUE_LABELS = {
    "overwrite": QT_TRANSLATE_NOOP("Sanitization", "Overwrite"),
    "block_erase": QT_TRANSLATE_NOOP("Sanitization", "Block erase"),
    "crypto_erase": QT_TRANSLATE_NOOP("Sanitization", "Cryptographic erase"),
    "ata_secure_erase": QT_TRANSLATE_NOOP("Sanitization", "ATA Secure Erase"),
    "ata_enhanced_secure_erase": QT_TRANSLATE_NOOP("Sanitization", "ATA Enhanced Secure Erase"),
    "nvme_format": QT_TRANSLATE_NOOP("Sanitization", "NVMe Format"),
    "nvme_sanitize": QT_TRANSLATE_NOOP("Sanitization", "NVMe Sanitize"),
    "scsi_sanitize": QT_TRANSLATE_NOOP("Sanitization", "SCSI Sanitize"),
    "degauss": QT_TRANSLATE_NOOP("Sanitization", "Degauss"),
    "shred": QT_TRANSLATE_NOOP("Sanitization", "Shred"),
    "disintegrate": QT_TRANSLATE_NOOP("Sanitization", "Disintegrate"),
    "pulverize": QT_TRANSLATE_NOOP("Sanitization", "Pulverize"),
    "incinerate": QT_TRANSLATE_NOOP("Sanitization", "Incinerate"),
    "melt": QT_TRANSLATE_NOOP("Sanitization", "Melt"),
    "factory_reset": QT_TRANSLATE_NOOP("Sanitization", "Factory reset"),
    "factory_reset_crypto_erase": QT_TRANSLATE_NOOP("Sanitization", "Factory reset with crypto erase"),
    "other": QT_TRANSLATE_NOOP("Sanitization", "Other"),
}
RESULT_LABELS = {
    "pass": QT_TRANSLATE_NOOP("Sanitization", "Pass"),
    "pass_with_warnings": QT_TRANSLATE_NOOP("Sanitization", "Pass with warnings"),
    "fail": QT_TRANSLATE_NOOP("Sanitization", "Fail"),
    "aborted": QT_TRANSLATE_NOOP("Sanitization", "Aborted"),
}
VERIFICATION_LABELS = {
    "none": QT_TRANSLATE_NOOP("Sanitization", "None"),
    "sampling": QT_TRANSLATE_NOOP("Sanitization", "Sampling"),
    "full": QT_TRANSLATE_NOOP("Sanitization", "Full read-back"),
}
VERIFICATION_RESULT_LABELS = {
    "pass": QT_TRANSLATE_NOOP("Sanitization", "Passed"),
    "fail": QT_TRANSLATE_NOOP("Sanitization", "Failed"),
}
HIDDEN_AREA_LABELS = {
    "removed": QT_TRANSLATE_NOOP("Sanitization", "Removed (HPA/DCO reset)"),
    "none_found": QT_TRANSLATE_NOOP("Sanitization", "None found"),
    "present": QT_TRANSLATE_NOOP("Sanitization", "Present, not reset"),
    "not_checked": QT_TRANSLATE_NOOP("Sanitization", "Not checked"),
    "not_applicable": QT_TRANSLATE_NOOP("Sanitization", "Not applicable"),
}
CLASSIFICATION_LABELS = {
    "public": QT_TRANSLATE_NOOP("Sanitization", "Public"),
    "internal": QT_TRANSLATE_NOOP("Sanitization", "Internal"),
    "confidential": QT_TRANSLATE_NOOP("Sanitization", "Confidential"),
    "secret": QT_TRANSLATE_NOOP("Sanitization", "Secret"),
}
DESTINATION_LABELS = {
    "internal_reuse": QT_TRANSLATE_NOOP("Sanitization", "Internal reuse"),
    "external_reuse": QT_TRANSLATE_NOOP("Sanitization", "External reuse"),
    "recycling": QT_TRANSLATE_NOOP("Sanitization", "Recycling"),
    "manufacturer": QT_TRANSLATE_NOOP("Sanitization", "Back to the manufacturer"),
    "destroyed": QT_TRANSLATE_NOOP("Sanitization", "Destroyed"),
    "other": QT_TRANSLATE_NOOP("Sanitization", "Other"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def vocabulary_text(labels: dict[str, str], key: str | None) -> str:
    """A vocabulary key in the current language ("" for None; the key itself when it is unknown)."""
    if not key:
        return ""
    label = labels.get(key)
    return _tr(label) if label else key.replace("_", " ")


def media_type_text(key: str | None) -> str:
    if not key:
        return ""
    label = MEDIA_TYPE_LABELS.get(key)
    return QCoreApplication.translate("AssetDialog", label) if label else key


def error_text(error: BaseException) -> str:
    """What to tell the person: an ItamError's message (with every problem of a file), never a traceback."""
    if isinstance(error, ItamError):
        text = core_text(error)
        problems = getattr(error, "problems", None)
        if problems:
            text += "\n\n" + "\n".join(f"• {core_text(p)}" for p in problems)
        return text
    return QCoreApplication.translate("Sanitization", "An internal error occurred ({kind}). The details are in the log.").format(
        kind=type(error).__name__
    )


# --- time zones --------------------------------------------------------------------------------------
def local_zone_name() -> str:
    """The IANA name of this computer's time zone ("UTC" when it cannot be told)."""
    try:
        import tzlocal

        name = tzlocal.get_localzone_name()
        if name:
            ZoneInfo(name)
            return name
    except Exception:  # noqa: BLE001 - any failure of the guess means: use UTC
        return "UTC"
    return "UTC"


def zone_of(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def format_in_zone(at: datetime | None, zone: str | None) -> str:
    """A stored (naive UTC) time as the wall clock of the zone it was recorded in, with the zone's name."""
    if at is None:
        return ""
    aware = at.replace(tzinfo=UTC) if at.tzinfo is None else at
    if zone:
        try:
            return f"{aware.astimezone(ZoneInfo(zone)):%Y-%m-%d %H:%M} {zone}"
        except (ZoneInfoNotFoundError, ValueError):
            return f"{aware:%Y-%m-%d %H:%M} UTC ({zone})"
    return f"{aware:%Y-%m-%d %H:%M} UTC"


_ZONES: list[str] | None = None


def zone_names() -> list[str]:
    global _ZONES
    if _ZONES is None:
        _ZONES = sorted(z for z in available_timezones() if "/" in z or z == "UTC")
    return _ZONES


class TimeZoneCombo(QComboBox):
    """An editable list of IANA time zones (type to complete); starts on this computer's zone."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.local = local_zone_name()
        names = zone_names()
        if self.local not in names:
            names = [self.local, *names]
        self.addItems(names)
        completer = QCompleter(names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(completer)
        self.setCurrentText(self.local)
        self.setMinimumContentsLength(18)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

    def zone(self) -> str:
        return self.currentText().strip()

    def is_valid(self) -> bool:
        name = self.zone()
        if not name:
            return False
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            return False
        return True


def _aware(edit: QDateTimeEdit, zone: str) -> datetime:
    """The wall-clock time of an edit, in the chosen zone."""
    naive = edit.dateTime().toPython().replace(second=0, microsecond=0)
    return naive.replace(tzinfo=zone_of(zone))


def _date_time_edit(parent: QWidget, name: str) -> QDateTimeEdit:
    edit = QDateTimeEdit(QDateTime.currentDateTime(), parent)
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    return edit


def _error_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setStyleSheet(f"color: {ERROR_COLOUR};")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def _combo(parent: QWidget, name: str, keys: tuple[str | None, ...]) -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName(name)
    for key in keys:
        combo.addItem("", key)
    return combo


def _fill(combo: QComboBox, labels: dict[str, str], empty: str = "—") -> None:
    for i in range(combo.count()):
        key = combo.itemData(i)
        combo.setItemText(i, vocabulary_text(labels, key) if key else empty)


def _select(combo: QComboBox, key: Any) -> None:
    index = combo.findData(key)
    if index >= 0:
        combo.setCurrentIndex(index)


def medium_text(m: MediumView) -> str:
    what = " ".join(x for x in (m.manufacturer, m.model) if x)
    parts = [media_type_text(m.media_type)]
    if what:
        parts.append(what)
    parts.append(m.serial or QCoreApplication.translate("Sanitization", "no serial"))
    if m.capacity_gb:
        parts.append(f"{m.capacity_gb:g} GB")
    text = " · ".join(parts)
    if m.removed:
        text += " " + QCoreApplication.translate("Sanitization", "(removed)")
    if m.sanitized:
        text += " ✓"
    return text


# --- recording a wipe --------------------------------------------------------------------------------
class WipeDialog(QDialog):
    """Record how one storage medium of an asset was sanitized (one record, one history entry)."""

    #: The record was written (its SanitizationView).
    recorded = Signal(object)
    #: The asset named in the dialog was read (AssetDetail), or could not be (None).
    asset_loaded = Signal(object)

    def __init__(self, services: Services, parent: QWidget | None = None, *, asset_ref: str | None = None):
        super().__init__(parent)
        self.services = services
        self.setObjectName("WipeDialog")
        self.detail: AssetDetail | None = None
        self._lookup: TaskHandle | None = None
        self._saving: TaskHandle | None = None

        layout = QVBoxLayout(self)
        grid = QGridLayout()
        grid.addWidget(self._build_medium_box(), 0, 0)
        grid.addWidget(self._build_method_box(), 1, 0)
        grid.addWidget(self._build_verification_box(), 0, 1)
        grid.addWidget(self._build_people_box(), 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        self.notes_label = QLabel(self)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setObjectName("notes_edit")
        self.notes_edit.setFixedHeight(self.fontMetrics().height() * 3 + 12)
        self.notes_label.setBuddy(self.notes_edit)
        layout.addWidget(self.notes_label)
        layout.addWidget(self.notes_edit)
        self.hint_label = QLabel(self)
        self.hint_label.setObjectName("reach_hint_label")
        self.hint_label.setWordWrap(True)
        layout.addWidget(self.hint_label)
        self.error_label = _error_label(self, "error_label")
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.retranslate()
        self._update_sampling()
        self._update_hint()
        self._update_buttons()
        self.resize(900, 560)
        if asset_ref:
            self.asset_edit.setText(asset_ref)
            self.find_asset()

    # --- building -----------------------------------------------------------------------------------
    def _build_medium_box(self) -> QGroupBox:
        box = QGroupBox(self)
        self.medium_box = box
        form = QFormLayout(box)
        row = QHBoxLayout()
        self.asset_edit = QLineEdit(box)
        self.asset_edit.setObjectName("asset_edit")
        self.asset_edit.setClearButtonEnabled(True)
        self.asset_edit.returnPressed.connect(self.find_asset)
        self.asset_edit.textEdited.connect(self.on_asset_edit_textEdited)
        self.find_button = QPushButton(box)
        self.find_button.setObjectName("find_button")
        self.find_button.setAutoDefault(False)
        self.find_button.clicked.connect(self.find_asset)
        row.addWidget(self.asset_edit, 1)
        row.addWidget(self.find_button)
        self.asset_label = QLabel(box)
        self.asset_row_label = QLabel(box)
        self.asset_row_label.setBuddy(self.asset_edit)
        form.addRow(self.asset_row_label, row)
        self.asset_info_label = QLabel(box)
        self.asset_info_label.setObjectName("asset_info_label")
        self.asset_info_label.setWordWrap(True)
        form.addRow("", self.asset_info_label)
        self.medium_label = QLabel(box)
        self.medium_combo = QComboBox(box)
        self.medium_combo.setObjectName("medium_combo")
        self.medium_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.medium_combo.setMinimumContentsLength(24)
        self.medium_combo.currentIndexChanged.connect(self.on_choice_changed)
        self.medium_label.setBuddy(self.medium_combo)
        form.addRow(self.medium_label, self.medium_combo)
        self.classification_label = QLabel(box)
        self.classification_combo = _combo(box, "classification_combo", (None, *CLASSIFICATIONS))
        self.classification_combo.currentIndexChanged.connect(self.on_choice_changed)
        self.classification_label.setBuddy(self.classification_combo)
        form.addRow(self.classification_label, self.classification_combo)
        self.destination_label = QLabel(box)
        self.destination_combo = _combo(box, "destination_combo", (None, *DESTINATIONS))
        self.destination_label.setBuddy(self.destination_combo)
        form.addRow(self.destination_label, self.destination_combo)
        return box

    def _build_method_box(self) -> QGroupBox:
        box = QGroupBox(self)
        self.method_box = box
        form = QFormLayout(box)
        self.category_label = QLabel(box)
        self.category_combo = _combo(box, "category_combo", CATEGORIES)
        self.category_combo.currentIndexChanged.connect(self.on_choice_changed)
        self.category_label.setBuddy(self.category_combo)
        form.addRow(self.category_label, self.category_combo)
        self.technique_label = QLabel(box)
        self.technique_combo = _combo(box, "technique_combo", TECHNIQUES)
        self.technique_combo.currentIndexChanged.connect(self.on_technique_changed)
        self.technique_label.setBuddy(self.technique_combo)
        form.addRow(self.technique_label, self.technique_combo)
        self.tool_label_label = QLabel(box)
        self.tool_label_edit = QLineEdit(box)
        self.tool_label_edit.setObjectName("tool_label_edit")
        self.tool_label_label.setBuddy(self.tool_label_edit)
        form.addRow(self.tool_label_label, self.tool_label_edit)
        self.standard_label = QLabel(box)
        self.standard_combo = QComboBox(box)
        self.standard_combo.setObjectName("standard_combo")
        self.standard_combo.setEditable(True)
        try:
            r = rules()
            self.standard_combo.addItems(list(r.standards))
            self.standard_combo.setCurrentText(r.standard)
        except ConfigurationError:
            pass
        self.standard_label.setBuddy(self.standard_combo)
        form.addRow(self.standard_label, self.standard_combo)
        self.passes_label = QLabel(box)
        self.passes_spin = QSpinBox(box)
        self.passes_spin.setObjectName("passes_spin")
        self.passes_spin.setRange(0, 100)
        self.passes_spin.setValue(1)
        self.passes_label.setBuddy(self.passes_spin)
        form.addRow(self.passes_label, self.passes_spin)
        return box

    def _build_verification_box(self) -> QGroupBox:
        box = QGroupBox(self)
        self.verification_box = box
        form = QFormLayout(box)
        self.result_label = QLabel(box)
        self.result_combo = _combo(box, "result_combo", RESULTS)
        self.result_label.setBuddy(self.result_combo)
        form.addRow(self.result_label, self.result_combo)
        self.verification_label = QLabel(box)
        row = QHBoxLayout()
        self.verification_combo = _combo(box, "verification_combo", VERIFICATIONS)
        self.verification_combo.currentIndexChanged.connect(self.on_verification_changed)
        self.pct_spin = QDoubleSpinBox(box)
        self.pct_spin.setObjectName("verification_pct_spin")
        self.pct_spin.setRange(0.1, 100.0)
        self.pct_spin.setDecimals(1)
        self.pct_spin.setSuffix(" %")
        try:
            self.pct_spin.setValue(rules().min_sampling_pct)
        except ConfigurationError:
            self.pct_spin.setValue(10.0)
        row.addWidget(self.verification_combo, 1)
        row.addWidget(self.pct_spin)
        self.verification_label.setBuddy(self.verification_combo)
        form.addRow(self.verification_label, row)
        self.verification_result_label = QLabel(box)
        self.verification_result_combo = _combo(box, "verification_result_combo", (None, "pass", "fail"))
        self.verification_result_label.setBuddy(self.verification_result_combo)
        form.addRow(self.verification_result_label, self.verification_result_combo)
        self.hidden_label = QLabel(box)
        self.hidden_combo = _combo(box, "hidden_areas_combo", (None, *HIDDEN_AREAS))
        self.hidden_label.setBuddy(self.hidden_combo)
        form.addRow(self.hidden_label, self.hidden_combo)
        return box

    def _build_people_box(self) -> QGroupBox:
        box = QGroupBox(self)
        self.people_box = box
        form = QFormLayout(box)
        self.operator_label = QLabel(box)
        self.operator_edit = QLineEdit(box)
        self.operator_edit.setObjectName("operator_edit")
        self.operator_edit.setText(self.services.ctx.actor.name)
        self.operator_label.setBuddy(self.operator_edit)
        form.addRow(self.operator_label, self.operator_edit)
        self.verifier_label = QLabel(box)
        self.verifier_edit = QLineEdit(box)
        self.verifier_edit.setObjectName("verifier_edit")
        self.verifier_label.setBuddy(self.verifier_edit)
        form.addRow(self.verifier_label, self.verifier_edit)
        self.start_check = QCheckBox(box)
        self.start_check.setObjectName("start_check")
        self.start_edit = _date_time_edit(box, "start_edit")
        self.start_edit.setEnabled(False)
        self.start_check.toggled.connect(self.start_edit.setEnabled)
        form.addRow(self.start_check, self.start_edit)
        self.end_label = QLabel(box)
        self.end_edit = _date_time_edit(box, "end_edit")
        self.end_label.setBuddy(self.end_edit)
        form.addRow(self.end_label, self.end_edit)
        self.zone_label = QLabel(box)
        self.zone_combo = TimeZoneCombo(box)
        self.zone_combo.setObjectName("zone_combo")
        self.zone_label.setBuddy(self.zone_combo)
        form.addRow(self.zone_label, self.zone_combo)
        return box

    # --- texts --------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Record a wipe"))
        self.medium_box.setTitle(self.tr("Asset and medium"))
        self.method_box.setTitle(self.tr("Method"))
        self.verification_box.setTitle(self.tr("Result and verification"))
        self.people_box.setTitle(self.tr("Who and when"))
        self.asset_row_label.setText(self.tr("&Asset:"))
        self.asset_edit.setPlaceholderText(self.tr("Asset tag or serial number, then Enter"))
        self.find_button.setText(self.tr("&Find"))
        self.medium_label.setText(self.tr("&Medium:"))
        self.classification_label.setText(self.tr("Data c&lassification:"))
        _fill(self.classification_combo, CLASSIFICATION_LABELS, self.tr("Not stated"))
        self.destination_label.setText(self.tr("&Destination:"))
        _fill(self.destination_combo, DESTINATION_LABELS, self.tr("Not stated"))
        self.category_label.setText(self.tr("&Category:"))
        _fill(self.category_combo, CATEGORY_LABELS)
        self.technique_label.setText(self.tr("&Technique:"))
        _fill(self.technique_combo, TECHNIQUE_LABELS)
        self.tool_label_label.setText(self.tr("Tool's &label:"))
        self.tool_label_edit.setPlaceholderText(self.tr("as the tool names it, e.g. DoD 5220.22-M, PRNG Stream"))
        self.standard_label.setText(self.tr("&Standard:"))
        self.passes_label.setText(self.tr("&Passes:"))
        self.result_label.setText(self.tr("&Result:"))
        _fill(self.result_combo, RESULT_LABELS)
        self.verification_label.setText(self.tr("&Verification:"))
        _fill(self.verification_combo, VERIFICATION_LABELS)
        self.pct_spin.setToolTip(self.tr("Share of the medium that was read back"))
        self.verification_result_label.setText(self.tr("Verification res&ult:"))
        _fill(self.verification_result_combo, VERIFICATION_RESULT_LABELS, self.tr("Unknown"))
        self.hidden_label.setText(self.tr("&Hidden areas:"))
        _fill(self.hidden_combo, HIDDEN_AREA_LABELS, self.tr("Not stated"))
        self.operator_label.setText(self.tr("&Operator:"))
        self.verifier_label.setText(self.tr("V&erifier:"))
        self.verifier_edit.setPlaceholderText(self.tr("who checked the result"))
        self.start_check.setText(self.tr("&Started:"))
        self.end_label.setText(self.tr("E&nded:"))
        self.zone_label.setText(self.tr("Time &zone:"))
        self.notes_label.setText(self.tr("N&otes:"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Record"))
        self._show_asset_info()
        self._update_hint()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # Enter in the asset box looks the asset up; it must not also press Record.
        if self.asset_edit.hasFocus() and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    # --- the asset ----------------------------------------------------------------------------------
    @Slot(str)
    def on_asset_edit_textEdited(self, _text: str) -> None:  # noqa: N802
        self.detail = None
        self.medium_combo.clear()
        self._show_asset_info()
        self._update_buttons()

    @Slot()
    def find_asset(self) -> None:
        """Read the asset named in the box (on a worker) and offer its storage media."""
        ref = self.asset_edit.text().strip()
        if not ref:
            return
        if self._lookup is not None:
            self._lookup.cancel()
        self.asset_info_label.setText(self.tr("Looking up {ref}…").format(ref=ref))
        self._lookup = run_task(
            call_plain(self.services.assets.get), ref, with_history=False,
            on_result=self.on_asset_read, on_error=self.on_asset_failed, context=self, name="wipe dialog: asset",
        )

    def on_asset_read(self, detail: AssetDetail) -> None:
        self._lookup = None
        self.detail = detail
        self.medium_combo.blockSignals(True)
        self.medium_combo.clear()
        media = sorted(detail.media, key=lambda m: (m.removed, m.sanitized, m.id))
        for m in media:
            self.medium_combo.addItem(medium_text(m), m.id)
        self.medium_combo.blockSignals(False)
        self.medium_combo.setCurrentIndex(0 if media else -1)
        self.error_label.hide()
        self._show_asset_info()
        self._update_hint()
        self._update_buttons()
        self.asset_loaded.emit(detail)

    def on_asset_failed(self, error: BaseException) -> None:
        self._lookup = None
        self.detail = None
        self.medium_combo.clear()
        self.asset_info_label.setText("")
        self._show_error(error_text(error))
        self._update_buttons()
        self.asset_loaded.emit(None)

    def _show_asset_info(self) -> None:
        d = self.detail
        if d is None:
            self.asset_info_label.setText("")
            return
        what = " ".join(x for x in (d.fields.get("manufacturer"), d.fields.get("model")) if x)
        text = " — ".join(x for x in (d.label, what, i18n.status_name(d.status)) if x)
        if not d.media:
            text += "\n" + self.tr("This asset has no storage media recorded: add them on the asset first.")
        self.asset_info_label.setText(text)

    def current_medium(self) -> MediumView | None:
        if self.detail is None:
            return None
        medium_id = self.medium_combo.currentData()
        return next((m for m in self.detail.media if m.id == medium_id), None)

    # --- hints --------------------------------------------------------------------------------------
    @Slot(int)
    def on_technique_changed(self, _index: int) -> None:
        # Offer the highest category the technique reaches on this medium; a person may claim less.
        medium = self.current_medium()
        if medium is not None:
            try:
                reach = rules().reach(medium.media_type, self.technique_combo.currentData())
            except ConfigurationError:
                reach = None
            if reach:
                _select(self.category_combo, reach)
        self._update_hint()

    @Slot(int)
    def on_choice_changed(self, _index: int) -> None:
        self._update_hint()

    @Slot(int)
    def on_verification_changed(self, _index: int) -> None:
        self._update_sampling()

    def _update_sampling(self) -> None:
        sampling = self.verification_combo.currentData() == "sampling"
        self.pct_spin.setVisible(sampling)
        none = self.verification_combo.currentData() == "none"
        self.verification_result_combo.setEnabled(not none)

    def _update_hint(self) -> None:
        medium = self.current_medium()
        technique = self.technique_combo.currentData()
        if medium is None or not technique:
            self.hint_label.setText("")
            return
        try:
            r = rules()
            reach = r.reach(medium.media_type, technique)
            required = r.policy.get(self.classification_combo.currentData() or "", "clear")
        except ConfigurationError:
            self.hint_label.setText("")
            return
        what = media_type_text(medium.media_type)
        how = vocabulary_text(TECHNIQUE_LABELS, technique)
        if reach is None:
            text = self.tr("{technique} cannot sanitize this medium ({media}).").format(technique=how, media=what)
            colour = ERROR_COLOUR
        else:
            text = self.tr("On this medium ({media}), {technique} reaches {category}.").format(
                media=what, technique=how, category=vocabulary_text(CATEGORY_LABELS, reach))
            colour = OK_COLOUR
            if self.classification_combo.currentData():
                text += " " + self.tr("The data's classification requires at least {category}.").format(
                    category=vocabulary_text(CATEGORY_LABELS, required))
                if CATEGORIES.index(self.category_combo.currentData()) < CATEGORIES.index(required):
                    colour = WARN_COLOUR
        self.hint_label.setText(text)
        self.hint_label.setStyleSheet(f"color: {colour};")

    def _update_buttons(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.current_medium() is not None and self._saving is None)

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    # --- recording ----------------------------------------------------------------------------------
    def entry(self) -> WipeEntry:
        """The record as the dialog's fields state it."""
        zone = self.zone_combo.zone()
        verification = self.verification_combo.currentData()
        return WipeEntry(
            category=self.category_combo.currentData(),
            technique=self.technique_combo.currentData(),
            result=self.result_combo.currentData(),
            ended_at=_aware(self.end_edit, zone),
            started_at=_aware(self.start_edit, zone) if self.start_check.isChecked() else None,
            time_zone=zone,
            tool_label=self.tool_label_edit.text().strip() or None,
            standard=self.standard_combo.currentText().strip() or None,
            passes=self.passes_spin.value() or None,
            verification=verification,
            verification_pct=self.pct_spin.value() if verification == "sampling" else None,
            verification_result=self.verification_result_combo.currentData() if verification != "none" else None,
            hidden_areas=self.hidden_combo.currentData(),
            operator=self.operator_edit.text().strip() or None,
            verifier=self.verifier_edit.text().strip() or None,
            classification=self.classification_combo.currentData(),
            destination=self.destination_combo.currentData(),
            notes=self.notes_edit.toPlainText().strip() or None,
        )

    @Slot()
    def on_buttons_accepted(self) -> None:
        self.record()

    def record(self) -> bool:
        """Write the record on a worker; the dialog closes when it is written, else shows why not."""
        medium = self.current_medium()
        if self._saving is not None:
            return False
        if self.detail is None or medium is None:
            self._show_error(self.tr("Choose the asset and the medium that was sanitized."))
            return False
        if not self.zone_combo.is_valid():
            self._show_error(self.tr("'{zone}' is not a time zone: choose one from the list.").format(zone=self.zone_combo.zone()))
            return False
        self.error_label.hide()
        self._saving = run_task(
            call_plain(self.services.sanitization.record), f"#{self.detail.id}", medium.id, self.entry(),
            on_result=self.on_recorded, on_error=self.on_record_failed, context=self, name="record wipe",
        )
        self._update_buttons()
        return True

    def on_recorded(self, view: SanitizationView) -> None:
        self._saving = None
        self.recorded.emit(view)
        self.accept()

    def on_record_failed(self, error: BaseException) -> None:
        self._saving = None
        self._show_error(error_text(error))
        self._update_buttons()

    def reject(self) -> None:
        if self._lookup is not None:
            self._lookup.cancel()
        super().reject()


# --- recording a destruction ---------------------------------------------------------------------------
class DestructionDialog(QDialog):
    """Record one physical destruction run over every medium of the listed assets."""

    recorded = Signal(object)  # list[SanitizationView]

    def __init__(self, services: Services, parent: QWidget | None = None, *, assets: list[str] | None = None):
        super().__init__(parent)
        self.services = services
        self.setObjectName("DestructionDialog")
        self._saving: TaskHandle | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.assets_label = QLabel(self)
        self.assets_edit = QPlainTextEdit(self)
        self.assets_edit.setObjectName("assets_edit")
        self.assets_edit.setFixedHeight(self.fontMetrics().height() * 6 + 12)
        if assets:
            self.assets_edit.setPlainText("\n".join(assets))
        self.assets_label.setBuddy(self.assets_edit)
        form.addRow(self.assets_label, self.assets_edit)
        self.method_label = QLabel(self)
        self.method_combo = _combo(self, "method_combo", DESTRUCTION_METHODS)
        self.method_label.setBuddy(self.method_combo)
        form.addRow(self.method_label, self.method_combo)
        self.equipment_label = QLabel(self)
        self.equipment_edit = QLineEdit(self)
        self.equipment_edit.setObjectName("equipment_edit")
        self.equipment_label.setBuddy(self.equipment_edit)
        form.addRow(self.equipment_label, self.equipment_edit)
        self.particle_label = QLabel(self)
        self.particle_spin = QDoubleSpinBox(self)
        self.particle_spin.setObjectName("particle_spin")
        self.particle_spin.setRange(0.0, 999.0)
        self.particle_spin.setDecimals(1)
        self.particle_spin.setSuffix(" mm")
        self.particle_label.setBuddy(self.particle_spin)
        form.addRow(self.particle_label, self.particle_spin)
        self.operator_label = QLabel(self)
        self.operator_edit = QLineEdit(self)
        self.operator_edit.setObjectName("operator_edit")
        self.operator_edit.setText(services.ctx.actor.name)
        self.operator_label.setBuddy(self.operator_edit)
        form.addRow(self.operator_label, self.operator_edit)
        self.witness_label = QLabel(self)
        self.witness_edit = QLineEdit(self)
        self.witness_edit.setObjectName("witness_edit")
        self.witness_label.setBuddy(self.witness_edit)
        form.addRow(self.witness_label, self.witness_edit)
        self.place_label = QLabel(self)
        self.place_edit = QLineEdit(self)
        self.place_edit.setObjectName("place_edit")
        self.place_label.setBuddy(self.place_edit)
        form.addRow(self.place_label, self.place_edit)
        self.time_label = QLabel(self)
        row = QHBoxLayout()
        self.time_edit = _date_time_edit(self, "time_edit")
        self.zone_combo = TimeZoneCombo(self)
        self.zone_combo.setObjectName("zone_combo")
        row.addWidget(self.time_edit)
        row.addWidget(self.zone_combo, 1)
        self.time_label.setBuddy(self.time_edit)
        form.addRow(self.time_label, row)
        self.notes_label = QLabel(self)
        self.notes_edit = QLineEdit(self)
        self.notes_edit.setObjectName("notes_edit")
        self.notes_label.setBuddy(self.notes_edit)
        form.addRow(self.notes_label, self.notes_edit)
        layout.addLayout(form)
        layout.addStretch(1)
        self.error_label = _error_label(self, "error_label")
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.resize(560, 480)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Record a destruction"))
        self.assets_label.setText(self.tr("&Assets:"))
        self.assets_edit.setPlaceholderText(self.tr("Asset tags or serial numbers, one per line"))
        self.assets_edit.setToolTip(self.tr("Every storage medium still in these assets is recorded as destroyed"))
        self.method_label.setText(self.tr("&Method:"))
        _fill(self.method_combo, TECHNIQUE_LABELS)
        self.equipment_label.setText(self.tr("&Equipment:"))
        self.equipment_edit.setPlaceholderText(self.tr("e.g. shredder make and model"))
        self.particle_label.setText(self.tr("&Particle size:"))
        self.particle_spin.setSpecialValueText(self.tr("Not stated"))
        self.operator_label.setText(self.tr("&Operator:"))
        self.witness_label.setText(self.tr("&Witness:"))
        self.place_label.setText(self.tr("P&lace:"))
        self.time_label.setText(self.tr("&Time:"))
        self.notes_label.setText(self.tr("N&otes:"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Record"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def asset_refs(self) -> list[str]:
        return [line.strip() for line in self.assets_edit.toPlainText().splitlines() if line.strip()]

    @Slot()
    def on_buttons_accepted(self) -> None:
        self.record()

    def record(self) -> bool:
        if self._saving is not None:
            return False
        refs = self.asset_refs()
        if not refs:
            self.error_label.setText(self.tr("Name at least one asset, one per line."))
            self.error_label.show()
            return False
        if not self.zone_combo.is_valid():
            self.error_label.setText(self.tr("'{zone}' is not a time zone: choose one from the list.").format(zone=self.zone_combo.zone()))
            self.error_label.show()
            return False
        self.error_label.hide()
        zone = self.zone_combo.zone()
        particle = self.particle_spin.value() or None
        self._saving = run_task(
            call_plain(self.services.sanitization.record_destruction), refs,
            method=self.method_combo.currentData(), operator=self.operator_edit.text().strip(),
            performed_at=_aware(self.time_edit, zone), time_zone=zone,
            equipment=self.equipment_edit.text().strip() or None, particle_size_mm=particle,
            witness=self.witness_edit.text().strip() or None, place=self.place_edit.text().strip() or None,
            notes=self.notes_edit.text().strip() or None,
            on_result=self.on_recorded, on_error=self.on_record_failed, context=self, name="record destruction",
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        return True

    def on_recorded(self, views: list[SanitizationView]) -> None:
        self._saving = None
        self.recorded.emit(views)
        self.accept()

    def on_record_failed(self, error: BaseException) -> None:
        self._saving = None
        self.error_label.setText(error_text(error))
        self.error_label.show()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)


# --- importing wipe logs --------------------------------------------------------------------------------
#: What the import's worker returns when the person cancelled before anything was written.
CANCELLED = "cancelled"


@dataclass(frozen=True)
class ImportOptions:
    tz: str | None
    asset_ref: str | None
    new_asset_category: str | None
    operator: str | None = None
    verifier: str | None = None
    classification: str | None = None


def import_work(
    services: Services, kind: str, path: str, options: ImportOptions, dry_run: bool, stop: threading.Event | None = None,
    *, progress: Callable[[int, int], None], is_cancelled: Callable[[], bool],
) -> ImportOutcome | str:
    """Worker thread: read the file and import it (or try it, for a dry run). Nothing is written once
    ``stop`` is set before the write starts; a started import always finishes (it is all or nothing)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ImportFileError(
            QCoreApplication.translate("Sanitization", "Cannot read {file}: {reason}").format(file=path, reason=exc.strerror or exc)
        ) from exc
    if is_cancelled() or (stop is not None and stop.is_set()):
        return CANCELLED
    name = Path(path).name
    common = {"filename": name, "tz": options.tz, "asset_ref": options.asset_ref,
              "new_asset_category": options.new_asset_category, "dry_run": dry_run}
    if kind == "nwipe":
        return services.sanitization.import_nwipe(
            data, operator=options.operator, verifier=options.verifier, classification=options.classification, **common)
    return services.sanitization.import_csv(data, **common)


@dataclass
class FileResult:
    """What the dry run or the import made of one file of several: its outcome, or why it failed."""

    path: str
    outcome: ImportOutcome | None = None
    error: BaseException | None = None

    @property
    def name(self) -> str:
        return Path(self.path).name

    @property
    def importable(self) -> bool:
        """The dry run found something new to record."""
        o = self.outcome
        return o is not None and not o.already_imported and bool(o.records)


def failure_of(error: BaseException) -> tuple[str, list[str]]:
    """Why nothing was imported: the message, and each problem of the file on its own line."""
    problems = [core_text(p) for p in getattr(error, "problems", None) or []]
    if isinstance(error, ItamError) and problems:
        return core_text(error), problems
    return error_text(error), []


def import_files_work(
    services: Services, kind: str, paths: list[str], options: ImportOptions, dry_run: bool,
    stop: threading.Event | None = None, *, progress: Callable[[int, int], None], is_cancelled: Callable[[], bool],
) -> list[FileResult]:
    """Worker thread: :func:`import_work` for each file in turn, each in its own transaction.

    A file that fails does not stop the others; its error is kept with it. Cancelling stops between two
    files (a file being written finishes whole); the files not reached are not in the result.
    """
    results: list[FileResult] = []
    progress(0, len(paths))
    for i, path in enumerate(paths):
        if is_cancelled() or (stop is not None and stop.is_set()):
            break
        try:
            outcome = import_work(services, kind, path, options, dry_run, stop, progress=progress, is_cancelled=is_cancelled)
        except Exception as exc:  # noqa: BLE001 - kept with its file; a bug is logged here, the others go on
            if not isinstance(exc, ItamError):
                log.error("Importing %s failed", Path(path).name, exc_info=exc)
            results.append(FileResult(path, error=exc))
        else:
            if outcome == CANCELLED:
                break
            results.append(FileResult(path, outcome=outcome))  # type: ignore[arg-type]
        progress(i + 1, len(paths))
    return results


class ImportWipeDialog(QDialog):
    """Import an nwipe log or a wipe CSV, or several nwipe logs: a dry run shows what would happen, then
    Import writes it.

    With several files the review tree has a branch per file, ticked when its dry run found something to
    record; files that failed it are unticked and skipped. Import then writes each ticked file in its own
    transaction and the dialog stays open with the report: what each file recorded, or why it did not.
    """

    #: A dry run finished: its ImportOutcome, or None when it failed (the reason is shown); with several
    #: files, the list of FileResult.
    checked = Signal(object)
    #: The import was written (its ImportOutcome); one file only.
    imported = Signal(object)
    #: Several files were imported (the list of FileResult, one per ticked file reached).
    files_imported = Signal(object)

    KINDS = ("nwipe", "csv")

    def __init__(self, services: Services, kind: str, path: str | Sequence[str], parent: QWidget | None = None):
        super().__init__(parent)
        if kind not in self.KINDS:
            raise ValueError(kind)
        self.services = services
        self.kind = kind
        self.paths = [path] if isinstance(path, str) else list(dict.fromkeys(path))
        if not self.paths:
            raise ValueError("no file to import")
        self.path = self.paths[0]
        #: Several files: each is checked, shown and imported on its own.
        self.multiple = len(self.paths) > 1
        self.setObjectName("ImportWipeDialog")
        self.outcome: ImportOutcome | None = None
        self.failure: str | None = None
        #: Every problem of the file the last check or import found (ImportFileError.problems).
        self.problems: list[str] = []
        #: Several files: the last dry run's result per file, then what the import did per file.
        self.results: list[FileResult] | None = None
        self.import_results: list[FileResult] | None = None
        #: Several files: the paths ticked for import.
        self.ticked: set[str] = set()
        self._unticked_by_hand: set[str] = set()
        #: Several files: those the import was started for (the ticked ones).
        self._attempted: list[str] = []
        self._file_items: dict[str, QTreeWidgetItem] = {}
        self._checked_options: ImportOptions | None = None
        self._check_task: TaskHandle | None = None
        self._import_task: TaskHandle | None = None
        self._stop = threading.Event()

        layout = QVBoxLayout(self)
        self.file_label = QLabel(self)
        self.file_label.setObjectName("file_label")
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        self.file_label.setWordWrap(True)
        layout.addWidget(self.file_label)

        options = QGroupBox(self)
        self.options_box = options
        form = QFormLayout(options)
        self.zone_label = QLabel(options)
        self.zone_combo = TimeZoneCombo(options)
        self.zone_combo.setObjectName("zone_combo")
        self.zone_combo.currentTextChanged.connect(self.on_option_changed)
        self.zone_label.setBuddy(self.zone_combo)
        form.addRow(self.zone_label, self.zone_combo)

        self.unknown_label = QLabel(options)
        unknown = QVBoxLayout()
        self.stop_radio = QRadioButton(options)
        self.stop_radio.setObjectName("stop_radio")
        self.stop_radio.setChecked(True)
        target_row = QHBoxLayout()
        self.target_radio = QRadioButton(options)
        self.target_radio.setObjectName("target_radio")
        self.target_edit = QLineEdit(options)
        self.target_edit.setObjectName("target_edit")
        self.target_edit.textChanged.connect(self.on_target_edit_textChanged)
        target_row.addWidget(self.target_radio)
        target_row.addWidget(self.target_edit, 1)
        create_row = QHBoxLayout()
        self.create_radio = QRadioButton(options)
        self.create_radio.setObjectName("create_radio")
        self.create_category_combo = QComboBox(options)
        self.create_category_combo.setObjectName("create_category_combo")
        for key, cat in categories().items():
            if cat.data_bearing:
                self.create_category_combo.addItem("", key)
        _select(self.create_category_combo, "storage")
        self.create_category_combo.currentIndexChanged.connect(self.on_option_changed)
        create_row.addWidget(self.create_radio)
        create_row.addWidget(self.create_category_combo, 1)
        self.unknown_group = QButtonGroup(self)
        for radio in (self.stop_radio, self.target_radio, self.create_radio):
            self.unknown_group.addButton(radio)
        self.unknown_group.buttonToggled.connect(self.on_unknown_group_toggled)
        unknown.addWidget(self.stop_radio)
        unknown.addLayout(target_row)
        unknown.addLayout(create_row)
        form.addRow(self.unknown_label, unknown)

        self.operator_label = QLabel(options)
        self.operator_edit = QLineEdit(options)
        self.operator_edit.setObjectName("operator_edit")
        self.operator_edit.textChanged.connect(self.on_option_changed)
        self.verifier_label = QLabel(options)
        self.verifier_edit = QLineEdit(options)
        self.verifier_edit.setObjectName("verifier_edit")
        self.verifier_edit.textChanged.connect(self.on_option_changed)
        self.classification_label = QLabel(options)
        self.classification_combo = _combo(options, "classification_combo", (None, *CLASSIFICATIONS))
        self.classification_combo.currentIndexChanged.connect(self.on_option_changed)
        self.operator_label.setBuddy(self.operator_edit)
        self.verifier_label.setBuddy(self.verifier_edit)
        self.classification_label.setBuddy(self.classification_combo)
        if kind == "nwipe":
            # nwipe logs name neither the people nor the data's classification; a CSV has columns for them.
            form.addRow(self.operator_label, self.operator_edit)
            form.addRow(self.verifier_label, self.verifier_edit)
            form.addRow(self.classification_label, self.classification_combo)
        else:
            for widget in (self.operator_label, self.operator_edit, self.verifier_label, self.verifier_edit,
                           self.classification_label, self.classification_combo):
                widget.hide()
        layout.addWidget(options)

        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("summary_label")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.summary_label)
        self.preview_tree = QTreeWidget(self)
        self.preview_tree.setObjectName("preview_tree")
        self.preview_tree.setColumnCount(5)
        self.preview_tree.setRootIsDecorated(True)
        self.preview_tree.setUniformRowHeights(True)
        self.preview_tree.setAlternatingRowColors(True)
        self.preview_tree.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.preview_tree.itemChanged.connect(self.on_preview_tree_itemChanged)
        layout.addWidget(self.preview_tree, 1)
        self.error_label = _error_label(self, "error_label")
        layout.addWidget(self.error_label)

        bottom = QHBoxLayout()
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("progress_bar")
        self.progress_bar.setRange(0, 0)
        self.progress_bar.setMaximumWidth(220)
        self.progress_bar.hide()
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("cancel_button")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.on_cancel_button_clicked)
        self.cancel_button.hide()
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("import_button")
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        bottom.addWidget(self.progress_bar)
        bottom.addWidget(self.cancel_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

        self.recheck_timer = QTimer(self)
        self.recheck_timer.setSingleShot(True)
        self.recheck_timer.setInterval(RECHECK_DELAY_MS)
        self.recheck_timer.timeout.connect(self.check)

        self.retranslate()
        self._update_buttons()
        self.resize(820, 600)

    # --- texts --------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        if self.multiple:
            self.setWindowTitle(self.tr("Import nwipe logs") if self.kind == "nwipe" else self.tr("Import wipe CSVs"))
            self.file_label.setText(self.tr("{n} files: {names}").format(
                n=len(self.paths), names=", ".join(Path(p).name for p in self.paths)))
            self.file_label.setToolTip("\n".join(self.paths))
        elif self.kind == "nwipe":
            self.setWindowTitle(self.tr("Import an nwipe log"))
        else:
            self.setWindowTitle(self.tr("Import a wipe CSV"))
        if not self.multiple:
            self.file_label.setText(self.tr("File: {file}").format(file=self.path))
        self.options_box.setTitle(self.tr("Options"))
        self.zone_label.setText(self.tr("Time &zone of the log:"))
        self.zone_combo.setToolTip(self.tr("The zone of the computer that wrote the log (its times carry none)"))
        self.unknown_label.setText(self.tr("Drives not in the inventory:"))
        self.stop_radio.setText(self.tr("&Stop and list them"))
        self.target_radio.setText(self.tr("Put them on &asset:"))
        self.target_edit.setPlaceholderText(self.tr("asset tag or serial number"))
        self.create_radio.setText(self.tr("&Create an asset per unknown drive, category:"))
        for i in range(self.create_category_combo.count()):
            self.create_category_combo.setItemText(i, i18n.category_name(self.create_category_combo.itemData(i)))
        self.operator_label.setText(self.tr("&Operator:"))
        self.operator_edit.setPlaceholderText(self.tr("who ran the wipe (not in the log)"))
        self.verifier_label.setText(self.tr("&Verifier:"))
        self.classification_label.setText(self.tr("Data c&lassification:"))
        _fill(self.classification_combo, CLASSIFICATION_LABELS, self.tr("Not stated"))
        self.preview_tree.setHeaderLabels(
            [self.tr("Drive"), self.tr("Asset"), self.tr("Technique"), self.tr("Result"), self.tr("Counts")])
        self.import_button.setText(self.tr("&Import"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._show_outcome()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # Enter in a text box must not import: importing is a deliberate click after reading the preview.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and isinstance(QApplication.focusWidget(), QLineEdit):
            event.accept()
            return
        super().keyPressEvent(event)

    # --- options ------------------------------------------------------------------------------------
    def options(self) -> ImportOptions:
        asset_ref = self.target_edit.text().strip() or None if self.target_radio.isChecked() else None
        category = self.create_category_combo.currentData() if self.create_radio.isChecked() else None
        zone = self.zone_combo.zone() or None
        if self.kind == "nwipe":
            return ImportOptions(zone, asset_ref, category, self.operator_edit.text().strip() or None,
                                 self.verifier_edit.text().strip() or None, self.classification_combo.currentData())
        return ImportOptions(zone, asset_ref, category)

    @Slot(str)
    def on_target_edit_textChanged(self, text: str) -> None:  # noqa: N802
        if text.strip() and not self.target_radio.isChecked():
            self.target_radio.setChecked(True)  # typing an asset means: use it
        else:
            self.on_option_changed()

    def on_option_changed(self, *_args: Any) -> None:
        self._update_buttons()
        self.recheck_timer.start()

    def on_unknown_group_toggled(self, *_args: Any) -> None:
        self.on_option_changed()

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().showEvent(event)
        if (self._checked_options is None and self._check_task is None and self.outcome is None and self.failure is None
                and self.results is None):
            self.check()

    # --- the dry run --------------------------------------------------------------------------------
    @Slot()
    def check(self) -> None:
        """Run the import as a dry run (on a worker): what would be recorded and created, and the warnings."""
        self.recheck_timer.stop()
        if self._import_task is not None or self.import_results is not None:
            return
        if self._check_task is not None:
            self._check_task.cancel()
        if not self.zone_combo.is_valid():
            self.outcome = None
            self.results = None
            self.failure = self.tr("'{zone}' is not a time zone: choose one from the list.").format(zone=self.zone_combo.zone())
            self.problems = []
            self._checked_options = None
            self._show_outcome()
            self._update_buttons()
            return
        options = self.options()
        if self.multiple:
            self._check_task = run_task(
                import_files_work, self.services, self.kind, self.paths, options, True,
                on_result=lambda results: self.on_files_checked(options, results), on_error=self.on_check_failed,
                on_progress=self.on_progress, context=self, name="wipe import dry run",
            )
            self._start_progress(len(self.paths))
            self.summary_label.setText(self.tr("Checking {n} files…").format(n=len(self.paths)))
            self._update_buttons()
            return
        self._check_task = run_task(
            import_work, self.services, self.kind, self.path, options, True,
            on_result=lambda outcome: self.on_checked(options, outcome), on_error=self.on_check_failed,
            context=self, name="wipe import dry run",
        )
        self.summary_label.setText(self.tr("Checking the file…"))
        self._update_buttons()

    def on_checked(self, options: ImportOptions, outcome: ImportOutcome | str) -> None:
        self._check_task = None
        if outcome == CANCELLED:
            return
        self.outcome = outcome  # type: ignore[assignment]
        self.failure = None
        self.problems = []
        self._checked_options = options
        self._show_outcome()
        self._update_buttons()
        self.checked.emit(outcome)

    def on_files_checked(self, options: ImportOptions, results: list[FileResult]) -> None:
        """The dry run of several files: tick those it found something to record in."""
        self._check_task = None
        self.results = results
        self.failure = None
        self.problems = []
        self._checked_options = options
        self.ticked = {r.path for r in results if r.importable and r.path not in self._unticked_by_hand}
        self._show_outcome()
        self._update_buttons()
        self.checked.emit(results)

    def on_progress(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)

    def _start_progress(self, total: int) -> None:
        self.progress_bar.setFormat(self.tr("%v of %m files"))
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(0)

    def on_check_failed(self, error: BaseException) -> None:
        self._check_task = None
        self.outcome = None
        self.results = None
        self._take_failure(error)
        self._checked_options = None
        self._show_outcome()
        self._update_buttons()
        self.checked.emit(None)

    def _take_failure(self, error: BaseException) -> None:
        """The reason nothing can be imported: the message, and each problem of the file on its own line."""
        self.failure, self.problems = failure_of(error)

    def _show_outcome(self) -> None:
        tree = self.preview_tree
        tree.blockSignals(True)  # building the tree is no tick by the person
        try:
            tree.clear()
            self._file_items = {}
            if self.multiple and self.failure is None:
                self.error_label.hide()
                if self.import_results is not None:
                    self._show_import_report()
                else:
                    self._show_files()
                self._fit_columns()
                return
            self._show_single()
        finally:
            tree.blockSignals(False)

    def _fit_columns(self) -> None:
        tree = self.preview_tree
        for col in range(tree.columnCount() - 1):
            tree.resizeColumnToContents(col)
            tree.setColumnWidth(col, max(min(tree.columnWidth(col), 260), 70))

    def _show_single(self) -> None:
        tree = self.preview_tree
        if self.failure is not None:
            self.summary_label.setText(self.tr("Nothing can be imported as the options stand:"))
            self.error_label.setText(self.failure)
            self.error_label.show()
            if self.problems:
                # Every problem of the file, one line each (a file may have hundreds: the tree scrolls).
                group = QTreeWidgetItem([self.tr("Problems ({n})").format(n=len(self.problems))])
                tree.addTopLevelItem(group)
                group.setFirstColumnSpanned(True)
                for problem in self.problems:
                    child = QTreeWidgetItem([problem])
                    child.setToolTip(0, problem)
                    child.setForeground(0, QColor(ERROR_COLOUR))
                    group.addChild(child)
                    child.setFirstColumnSpanned(True)
                tree.expandAll()
            return
        self.error_label.hide()
        outcome = self.outcome
        if outcome is None:
            self.summary_label.setText("")
            return
        if outcome.already_imported:
            self.summary_label.setText(
                self.tr("This file was imported before (SHA-256 {sha}…): importing it again records nothing.").format(
                    sha=outcome.evidence_sha256[:12]))
        else:
            self.summary_label.setText(
                self.tr("Importing would record {records} wipes, add {media} storage media and create {assets} assets.").format(
                    records=len(outcome.records), media=len(outcome.media_created), assets=len(outcome.assets_created)))
        for group in self._outcome_groups(outcome, created=False, every_group=True):
            tree.addTopLevelItem(group)
            group.setFirstColumnSpanned(True)
            self._span_lines(group)
        tree.expandAll()
        self._fit_columns()

    def _record_items(self, outcome: ImportOutcome) -> list[QTreeWidgetItem]:
        masked = self.tr("(masked serial)")
        items = []
        for r in outcome.records:
            counts = r.verified and r.meets_policy
            item = QTreeWidgetItem([
                f"{media_type_text(r.media_type)} {r.medium_serial or masked}",
                r.asset_tag or f"#{r.asset_id}",
                vocabulary_text(TECHNIQUE_LABELS, r.technique) + (f" ({r.tool_label})" if r.tool_label else ""),
                vocabulary_text(RESULT_LABELS, r.result),
                "✓" if counts else "✗ " + core_lines(r.warnings, "; "),
            ])
            item.setForeground(4, Qt.GlobalColor.darkGreen if counts else Qt.GlobalColor.red)
            item.setToolTip(4, core_lines(r.warnings))
            items.append(item)
        return items

    def _outcome_groups(self, outcome: ImportOutcome, *, created: bool, every_group: bool) -> list[QTreeWidgetItem]:
        """Records, storage media, assets and warnings of an outcome as groups (the empty ones only when
        ``every_group``); ``created`` words them as done rather than to do."""
        records = QTreeWidgetItem([self.tr("Records ({n})").format(n=len(outcome.records))])
        records.addChildren(self._record_items(outcome))
        groups = [records]
        titles = (
            (self.tr("Storage media added ({n})") if created else self.tr("Storage media to add ({n})"), outcome.media_created),
            (self.tr("Assets created ({n})") if created else self.tr("Assets to create ({n})"), outcome.assets_created),
            (self.tr("Warnings ({n})"), outcome.warnings),
        )
        for title, values in titles:
            if not values and not every_group:
                continue
            group = QTreeWidgetItem([title.format(n=len(values))])
            group.setData(0, Qt.ItemDataRole.UserRole, "lines")
            for value in map(core_text, values):
                child = QTreeWidgetItem([value])
                child.setToolTip(0, value)
                group.addChild(child)
            groups.append(group)
        return groups

    @staticmethod
    def _span_lines(group: QTreeWidgetItem) -> None:
        """Let the one-line children of a group span the columns (only works once they are in the tree)."""
        if group.data(0, Qt.ItemDataRole.UserRole) == "lines":
            for i in range(group.childCount()):
                group.child(i).setFirstColumnSpanned(True)

    def _failure_items(self, error: BaseException) -> list[QTreeWidgetItem]:
        """Why a file cannot be imported: the message and, as a group, each problem of the file."""
        text, problems = failure_of(error)
        message = QTreeWidgetItem([text])
        message.setForeground(0, QColor(ERROR_COLOUR))
        message.setToolTip(0, text)
        items = [message]
        if problems:
            group = QTreeWidgetItem([self.tr("Problems ({n})").format(n=len(problems))])
            group.setData(0, Qt.ItemDataRole.UserRole, "lines")
            for problem in problems:
                child = QTreeWidgetItem([problem])
                child.setToolTip(0, problem)
                child.setForeground(0, QColor(ERROR_COLOUR))
                group.addChild(child)
            items.append(group)
        return items

    def _add_file(self, result: FileResult, title: str, colour: str | None,
                  children: list[QTreeWidgetItem], checkable: bool) -> QTreeWidgetItem:
        item = QTreeWidgetItem([title])
        item.setToolTip(0, result.path)
        if colour:
            item.setForeground(0, QColor(colour))
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        if checkable:
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked if result.path in self.ticked else Qt.CheckState.Unchecked)
        item.setData(0, Qt.ItemDataRole.UserRole, result.path)
        item.addChildren(children)
        self.preview_tree.addTopLevelItem(item)
        item.setFirstColumnSpanned(True)
        for child in children:
            if child.childCount() or child.data(0, Qt.ItemDataRole.UserRole) == "lines":
                child.setFirstColumnSpanned(True)
                self._span_lines(child)
            elif child.columnCount() <= 1:
                child.setFirstColumnSpanned(True)
        self._file_items[result.path] = item
        return item

    def _show_files(self) -> None:
        """Several files after the dry run: a ticked branch per file that can be imported."""
        results = self.results
        if results is None:
            if not self.busy:
                self.summary_label.setText("")
            return
        good = [r for r in results if r.importable]
        if good:
            self.summary_label.setText(self.tr(
                "{ok} of {n} files can be imported: {records} wipes, {media} storage media to add, {assets} assets to "
                "create. Files that cannot be imported are unticked and skipped.").format(
                ok=len(good), n=len(results), records=sum(len(r.outcome.records) for r in good),
                media=sum(len(r.outcome.media_created) for r in good),
                assets=sum(len(r.outcome.assets_created) for r in good)))
        else:
            self.summary_label.setText(self.tr("None of the {n} files can be imported as the options stand.").format(
                n=len(results)))
        for r in results:
            o = r.outcome
            if o is None:
                self._add_file(r, self.tr("✗ {file}: cannot be imported").format(file=r.name), ERROR_COLOUR,
                               self._failure_items(r.error), True)
            elif o.already_imported:
                self._add_file(r, self.tr("{file}: imported before (SHA-256 {sha}…), nothing new to record").format(
                    file=r.name, sha=o.evidence_sha256[:12]), None, [], True)
            elif not o.records:
                self._add_file(r, self.tr("{file}: nothing to record").format(file=r.name), None,
                               self._outcome_groups(o, created=False, every_group=False), True)
            else:
                self._add_file(r, self.tr("{file}: {records} wipes, {warnings} warnings").format(
                    file=r.name, records=len(o.records), warnings=len(o.warnings)), None,
                    self._outcome_groups(o, created=False, every_group=False), True)
        self.preview_tree.expandAll()

    def _show_import_report(self) -> None:
        """Several files after the import: what each one recorded, or why it did not."""
        results = {r.path: r for r in self.import_results or []}
        checks = {r.path: r for r in self.results or []}
        done = [r for r in results.values() if r.outcome is not None]
        lines: list[tuple[FileResult, str, str | None, list[QTreeWidgetItem]]] = []
        failed = skipped = not_reached = 0
        for path in self.paths:
            name = Path(path).name
            r = results.get(path)
            check = checks.get(path)
            if r is not None and r.outcome is not None and not r.outcome.already_imported:
                lines.append((r, self.tr("✓ {file}: {n} wipes recorded").format(file=name, n=len(r.outcome.records)),
                              OK_COLOUR, self._outcome_groups(r.outcome, created=True, every_group=False)))
            elif r is not None and r.outcome is not None:
                skipped += 1
                lines.append((r, self.tr("– {file}: imported before, nothing new recorded").format(file=name), None, []))
            elif r is not None:
                failed += 1
                lines.append((r, self.tr("✗ {file}: not imported").format(file=name), ERROR_COLOUR,
                              self._failure_items(r.error)))
            elif path in self._attempted:
                not_reached += 1
                lines.append((FileResult(path), self.tr("– {file}: not imported (cancelled)").format(file=name), None, []))
            elif check is not None and check.error is not None:
                failed += 1
                lines.append((check, self.tr("✗ {file}: not imported, it failed the check").format(file=name),
                              ERROR_COLOUR, self._failure_items(check.error)))
            elif check is not None and check.outcome is not None and check.outcome.already_imported:
                skipped += 1
                lines.append((check, self.tr("– {file}: imported before, nothing new recorded").format(file=name),
                              None, []))
            else:
                skipped += 1
                lines.append((FileResult(path), self.tr("– {file}: skipped (not ticked)").format(file=name), None, []))
        text = self.tr(
            "Imported {ok} of {n} files: {records} wipes recorded, {media} storage media added, {assets} assets "
            "created.").format(
            ok=len([r for r in done if not r.outcome.already_imported]), n=len(self.paths),
            records=sum(len(r.outcome.records) for r in done), media=sum(len(r.outcome.media_created) for r in done),
            assets=sum(len(r.outcome.assets_created) for r in done))
        if failed:
            text += " " + self.tr("{n} files were not imported (see why below).").format(n=failed)
        if skipped:
            text += " " + self.tr("{n} files were skipped.").format(n=skipped)
        if not_reached:
            text += " " + self.tr("Cancelled: {n} files were not reached.").format(n=not_reached)
        self.summary_label.setText(text)
        for result, title, colour, children in lines:
            self._add_file(result, title, colour, children, False)
        self.preview_tree.expandAll()

    @Slot(QTreeWidgetItem, int)
    def on_preview_tree_itemChanged(self, item: QTreeWidgetItem, column: int) -> None:  # noqa: N802
        path = item.data(0, Qt.ItemDataRole.UserRole)
        if column != 0 or path not in self._file_items or self._file_items[path] is not item:
            return
        if item.checkState(0) == Qt.CheckState.Checked:
            self.ticked.add(path)
            self._unticked_by_hand.discard(path)
        else:
            self.ticked.discard(path)
            self._unticked_by_hand.add(path)
        self._update_buttons()

    def set_ticked(self, path: str, ticked: bool) -> None:
        """Tick or untick a file of several (as a click on its box would)."""
        item = self._file_items.get(path)
        if item is not None:
            item.setCheckState(0, Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    # --- importing ----------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._check_task is not None or self._import_task is not None

    def can_import(self) -> bool:
        if self.multiple:
            return (not self.busy and self.results is not None and self.import_results is None and bool(self.ticked)
                    and self._checked_options == self.options())
        o = self.outcome
        return (
            not self.busy and o is not None and not o.already_imported and bool(o.records)
            and self._checked_options == self.options()
        )

    def _update_buttons(self) -> None:
        self.import_button.setEnabled(self.can_import())
        running = self.busy
        self.progress_bar.setVisible(running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running and not self._stop.is_set())
        self.options_box.setEnabled(self._import_task is None and self.import_results is None)

    @Slot()
    def on_buttons_accepted(self) -> None:
        self.import_now()

    def import_now(self) -> bool:
        """Import what the dry run showed (on a worker)."""
        if not self.can_import():
            return False
        self._stop.clear()
        if self.multiple:
            paths = [p for p in self.paths if p in self.ticked]
            self._attempted = paths
            self._import_task = run_task(
                import_files_work, self.services, self.kind, paths, self._checked_options, False, self._stop,
                on_result=self.on_files_imported, on_error=self.on_import_failed, on_progress=self.on_progress,
                context=self, name="wipe import",
            )
            self._start_progress(len(paths))
            self.summary_label.setText(self.tr("Importing {n} files…").format(n=len(paths)))
            self._update_buttons()
            return True
        self._import_task = run_task(
            import_work, self.services, self.kind, self.path, self._checked_options, False, self._stop,
            on_result=self.on_imported, on_error=self.on_import_failed, context=self, name="wipe import",
        )
        self.summary_label.setText(self.tr("Importing…"))
        self._update_buttons()
        return True

    def on_imported(self, outcome: ImportOutcome | str) -> None:
        self._import_task = None
        if outcome == CANCELLED:
            self.summary_label.setText(self.tr("Cancelled: nothing was imported."))
            self._update_buttons()
            return
        self.outcome = outcome  # type: ignore[assignment]
        self.imported.emit(outcome)
        self.accept()

    def on_files_imported(self, results: list[FileResult]) -> None:
        """Several files were imported, each on its own: the dialog stays open with the report."""
        self._import_task = None
        self.import_results = results
        self._show_outcome()
        self._update_buttons()
        if any(r.outcome is not None for r in results):
            self.files_imported.emit(results)

    def on_import_failed(self, error: BaseException) -> None:
        self._import_task = None
        self.outcome = None
        self.results = None
        self._checked_options = None
        self._take_failure(error)
        self._show_outcome()
        self._update_buttons()

    @Slot()
    def on_cancel_button_clicked(self) -> None:
        self.cancel()

    def cancel(self) -> None:
        """Stop the dry run, or the import if it has not begun to write (a started import is all or nothing)."""
        if self._check_task is not None:
            self._check_task.cancel()
            self._check_task = None
            self.summary_label.setText(self.tr("Check cancelled."))
        if self._import_task is not None:
            self._stop.set()
            if self.multiple:
                self.summary_label.setText(self.tr("Cancelling… the file being imported finishes whole."))
            else:
                self.summary_label.setText(self.tr("Cancelling… an import that has begun to write finishes whole."))
        self._update_buttons()

    def reject(self) -> None:
        if self._import_task is not None:
            # Closing while the import runs would hide its outcome: cancel first.
            self.cancel()
            return
        if self._check_task is not None:
            self._check_task.cancel()
            self._check_task = None
        self.recheck_timer.stop()
        super().reject()
