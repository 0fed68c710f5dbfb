"""The first-run welcome: an empty inventory, the demo fleet, or a spreadsheet import.

Shown at start-up while the database holds no assets, unless the person ticked "Don't show this again"
(:func:`should_show_welcome`). The long jobs (the demo fleet, an import) run on the task pool with a
progress bar and a Cancel button; the dialog never runs a nested event loop of its own except the
file chooser. What the person chose is in :attr:`WelcomeDialog.choice` once it has closed, and the
caller (``ui.app``) opens the matching page.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCommandLinkButton,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from itam.errors import ItamError
from itam.services import Services
from itam.services.assets import AssetQuery
from ui import i18n
from ui.dialogs.import_dialog import apply_import_work, importable, plan_import_work, plan_summary
from ui.dialogs.wipe_dialog import ERROR_COLOUR, OK_COLOUR, error_text
from ui.settings import Settings
from ui.workers import run_task

#: Settings key used when :class:`Settings` has no ``welcome_done`` property.
WELCOME_DONE_KEY = "ui/welcome_done"
DEFAULT_DEMO_COUNT = 300
MAX_DEMO_COUNT = 5000
#: Row problems listed in the import preview (the rest are counted).

#: Choices, as :attr:`WelcomeDialog.choice` names them.
EMPTY, DEMO, IMPORT = "empty", "demo", "import"


# --- settings ------------------------------------------------------------------------------------------
def welcome_done(settings: Settings) -> bool:
    if hasattr(type(settings), "welcome_done"):
        return bool(settings.welcome_done)
    return bool(settings._qs.value(WELCOME_DONE_KEY, False, type=bool))


def set_welcome_done(settings: Settings, value: bool) -> None:
    if hasattr(type(settings), "welcome_done"):
        settings.welcome_done = bool(value)
    else:
        settings._set(WELCOME_DONE_KEY, bool(value))


def should_show_welcome(services: Services, settings: Settings) -> bool:
    """The database holds no assets and the person has not asked never to see the welcome again."""
    if welcome_done(settings):
        return False
    try:
        return services.assets.count(AssetQuery()) == 0
    except ItamError:
        return False  # the main window says what is wrong with the database


# --- workers (they run on the task pool: no widgets here) -------------------------------------------------
def demo_work(services: Services, count: int, stop: threading.Event, *, progress: Any, is_cancelled: Any) -> Any:
    """Worker thread: the demo fleet. ``stop`` (not the task's own cancel) ends it, so the partial summary arrives."""
    from itam.services.demo import generate_demo

    return generate_demo(services, count=count, progress=progress, is_cancelled=stop.is_set)


class WelcomeDialog(QDialog):
    """First-run choices. ``import_handler``, when given, is the inventory page's own import (run after the
    dialog closed); without it the dialog previews and imports the file through ``services.transfer``."""

    #: The demo fleet was written (its DemoSummary; ``cancelled`` says whether it stopped early).
    demo_finished = Signal(object)
    #: A spreadsheet was imported (its ImportResult).
    import_finished = Signal(object)
    #: The dry run of the chosen spreadsheet is shown (its ImportPlan).
    import_planned = Signal(object)
    #: A job failed; the message is shown in the dialog.
    failed = Signal(str)

    def __init__(self, services: Services, settings: Settings, parent: QWidget | None = None,
                 import_handler: Callable[[], Any] | None = None):
        super().__init__(parent)
        self.services = services
        self.settings = settings
        self.import_handler = import_handler
        self.setObjectName("WelcomeDialog")
        self.setModal(True)
        #: What the person chose (EMPTY, DEMO, IMPORT), or None when the dialog was just closed.
        self.choice: str | None = None
        #: The last DemoSummary / ImportPlan / ImportResult.
        self.demo_summary: Any = None
        self.partial_demo = 0  # demo assets written before a cancelled demo stopped
        self.import_plan: Any = None
        self.import_result: Any = None
        self._job: str | None = None  # "demo", "plan", "import" while one runs
        self._stop = threading.Event()
        self._build()
        self.retranslate()
        self._set_busy(None)

    # --- building -------------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setSpacing(10)

        top = QHBoxLayout()
        self.title_label = QLabel(self)
        self.title_label.setObjectName("title_label")
        font = QFont(self.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title_label.setFont(font)
        top.addWidget(self.title_label, 1)
        self.language_label = QLabel(self)
        self.language_combo = QComboBox(self)
        self.language_combo.setObjectName("language_combo")
        for code, native_name in i18n.LANGUAGES.items():
            self.language_combo.addItem(native_name, code)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(i18n.current_language())))
        self.language_label.setBuddy(self.language_combo)
        self.language_combo.currentIndexChanged.connect(self.on_language_combo_currentIndexChanged)
        top.addWidget(self.language_label)
        top.addWidget(self.language_combo)
        layout.addLayout(top)

        self.intro_label = QLabel(self)
        self.intro_label.setObjectName("intro_label")
        self.intro_label.setWordWrap(True)
        layout.addWidget(self.intro_label)

        self.empty_button = self._choice_button("empty_button", self.on_empty_button_clicked)
        self.demo_button = self._choice_button("demo_button", self.on_demo_button_clicked)
        self.import_button = self._choice_button("import_button", self.on_import_button_clicked)
        for button in (self.empty_button, self.demo_button, self.import_button):
            layout.addWidget(button)

        # How many demo assets (shown once "Load the demo fleet" was chosen).
        self.demo_box = QFrame(self)
        self.demo_box.setObjectName("demo_box")
        demo_row = QHBoxLayout(self.demo_box)
        demo_row.setContentsMargins(0, 0, 0, 0)
        self.count_label = QLabel(self.demo_box)
        self.count_spin = QSpinBox(self.demo_box)
        self.count_spin.setObjectName("count_spin")
        self.count_spin.setRange(1, MAX_DEMO_COUNT)
        self.count_spin.setSingleStep(50)
        self.count_spin.setValue(DEFAULT_DEMO_COUNT)
        self.count_label.setBuddy(self.count_spin)
        self.start_demo_button = QPushButton(self.demo_box)
        self.start_demo_button.setObjectName("start_demo_button")
        self.start_demo_button.clicked.connect(self.on_start_demo_button_clicked)
        demo_row.addWidget(self.count_label)
        demo_row.addWidget(self.count_spin)
        demo_row.addWidget(self.start_demo_button)
        demo_row.addStretch(1)
        self.demo_box.hide()
        layout.addWidget(self.demo_box)

        # Progress of the running job.
        progress_row = QHBoxLayout()
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("progress_bar")
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("cancel_button")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel)
        progress_row.addWidget(self.progress_bar, 1)
        progress_row.addWidget(self.cancel_button)
        layout.addLayout(progress_row)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("status_label")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.hide()
        layout.addWidget(self.status_label)

        # The import preview's confirmation.
        import_row = QHBoxLayout()
        import_row.addStretch(1)
        self.confirm_import_button = QPushButton(self)
        self.confirm_import_button.setObjectName("confirm_import_button")
        self.confirm_import_button.clicked.connect(self.on_confirm_import_button_clicked)
        import_row.addWidget(self.confirm_import_button)
        layout.addLayout(import_row)

        layout.addStretch(1)
        bottom = QHBoxLayout()
        self.dont_show_check = QCheckBox(self)
        self.dont_show_check.setObjectName("dont_show_check")
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("close_button")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        bottom.addWidget(self.dont_show_check)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)
        self.setMinimumWidth(560)

    def _choice_button(self, name: str, slot: Callable[[], None]) -> QCommandLinkButton:
        button = QCommandLinkButton(self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    # --- texts ----------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Welcome to itam"))
        self.title_label.setText(self.tr("Welcome to itam"))
        self.language_label.setText(self.tr("Language:"))
        self.intro_label.setText(self.tr(
            "itam keeps a true inventory of your organisation's IT assets and follows each one from purchase "
            "through use, redeployment, resale or donation to recycling: it finds devices on the network, "
            "records data sanitization, tracks ITAD batches and chain of custody, issues signed certificates "
            "and measures how circular your fleet is. The database is empty. How would you like to start?"
        ) if not self.partial_demo else self.tr(
            "itam keeps a true inventory of your organisation's IT assets and follows each one from purchase "
            "through use, redeployment, resale or donation to recycling. The database now holds the demo assets "
            "written before the demo was cancelled."
        ))
        if self.partial_demo:
            self.empty_button.setText(self.tr("&Continue with the {n} demo assets written").format(n=self.partial_demo))
            self.empty_button.setDescription(self.tr(
                "They are consistent, with their history; add more by hand, by scanning or by importing."))
        else:
            self.empty_button.setText(self.tr("Start with an &empty inventory"))
            self.empty_button.setDescription(self.tr(
                "Add assets by hand, or scan your network on the Discovery page and accept what it finds."))
        self.demo_button.setText(self.tr("Load the &demo fleet"))
        self.demo_button.setDescription(self.tr(
            "A made-up fleet with its history, wipes, batches and certificates, to explore every page. "
            "Demo data goes only into an empty database."))
        self.import_button.setText(self.tr("&Import a spreadsheet…"))
        self.import_button.setDescription(self.tr(
            "Bring your assets in from a CSV or Excel file (Snipe-IT exports too); you see what would change first."))
        self.count_label.setText(self.tr("Nu&mber of demo assets:"))
        self.start_demo_button.setText(self.tr("&Load"))
        self.cancel_button.setText(self.tr("&Cancel"))
        self.dont_show_check.setText(self.tr("Do&n't show this again"))
        self.close_button.setText(self.tr("Close"))
        self._fit()  # a language's texts may need more lines
        if self.import_plan is not None and self._job is None and self.import_result is None:
            self._show_plan(self.import_plan)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _say(self, text: str, colour: str | None = None) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet(f"color: {colour};" if colour else "")
        self.status_label.setVisible(bool(text))
        self._fit()

    def _fit(self) -> None:
        """Grow (never shrink) to show every visible part whole, at the current width (word-wrapped texts)."""
        layout = self.layout()
        layout.activate()
        width = self.width()
        needed = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else self.sizeHint().height()
        if needed > self.height():
            self.resize(width, needed)

    def _fail(self, error: BaseException | str) -> None:
        message = error if isinstance(error, str) else error_text(error)
        self._say(message, ERROR_COLOUR)
        self.failed.emit(message)

    # --- state ----------------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._job is not None

    def _set_busy(self, job: str | None) -> None:
        self._job = job
        idle = job is None
        for widget in (self.empty_button, self.demo_button, self.import_button, self.language_combo,
                       self.count_spin, self.start_demo_button, self.close_button):
            widget.setEnabled(idle)
        self.progress_bar.setVisible(not idle)
        self.cancel_button.setVisible(not idle)
        self.cancel_button.setEnabled(not idle)
        if idle:
            self.progress_bar.reset()
            self.confirm_import_button.setVisible(self.import_plan is not None and self.import_result is None
                                                  and self._importable(self.import_plan))
        else:
            self.progress_bar.setRange(0, 0)  # busy until the first progress figure arrives
            self.confirm_import_button.hide()
        if not idle:
            self.demo_box.setVisible(job == "demo")
        self._fit()

    @Slot(int, int)
    def on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))

    @Slot()
    def cancel(self) -> None:
        """Stop the running job at its next check (the demo keeps what it wrote; an import rolls back)."""
        if self._job is None:
            return
        self._stop.set()
        self.cancel_button.setEnabled(False)
        self._say(self.tr("Cancelling…"))

    def done(self, result: int) -> None:  # Qt override
        if self.busy:  # Esc or the window's close button while a job runs: cancel it first
            self.cancel()
            return
        if self.dont_show_check.isChecked():
            set_welcome_done(self.settings, True)
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.busy:
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)

    # --- language -------------------------------------------------------------------------------------
    @Slot(int)
    def on_language_combo_currentIndexChanged(self, index: int) -> None:  # noqa: N802
        code = self.language_combo.itemData(index)
        if not code or code == i18n.current_language():
            return
        i18n.set_language(code)  # posts LanguageChange: this dialog and the main window retranslate
        self.settings.language = i18n.current_language()

    # --- empty ----------------------------------------------------------------------------------------
    @Slot()
    def on_empty_button_clicked(self) -> None:
        self.choice = EMPTY
        self.accept()

    # --- demo -----------------------------------------------------------------------------------------
    @Slot()
    def on_demo_button_clicked(self) -> None:
        self.demo_box.show()
        self._fit()
        self.count_spin.setFocus()
        self.count_spin.selectAll()

    @Slot()
    def on_start_demo_button_clicked(self) -> None:
        self.start_demo(self.count_spin.value())

    def start_demo(self, count: int) -> None:
        """Write ``count`` demo assets on a worker; :attr:`demo_finished` or :attr:`failed` tells the outcome."""
        if self.busy:
            return
        self.count_spin.setValue(count)
        self._stop = threading.Event()
        self._set_busy("demo")
        self._say(self.tr("Writing {count} demo assets with their history…").format(count=count))
        run_task(demo_work, self.services, count, self._stop, on_result=self.on_demo_result,
                 on_error=self.on_job_error, on_progress=self.on_progress, context=self, name="welcome-demo")

    def on_demo_result(self, summary: Any) -> None:
        self.demo_summary = summary
        self._set_busy(None)
        if summary.cancelled:
            self.demo_button.setEnabled(False)  # the demo fills only an empty database
            self.partial_demo = summary.assets
            self.retranslate()
            self._say(self.tr(
                "Cancelled. {assets} demo assets were written before the demo stopped, with their history; they stay "
                "in the database and are consistent. Close this window to work with them (the demo only fills an "
                "empty database: start a new database to load the whole fleet)."
            ).format(assets=summary.assets), ERROR_COLOUR)
            self.demo_finished.emit(summary)
            return
        self._say(self.tr("The demo fleet is ready: {assets} assets, {media} storage media and {entries} history "
                          "entries.").format(assets=summary.assets, media=summary.media,
                                             entries=summary.history_entries), OK_COLOUR)
        self.choice = DEMO
        self.demo_finished.emit(summary)
        self.accept()

    def on_job_error(self, error: BaseException) -> None:
        job = self._job
        self._set_busy(None)
        if job == "import" and self._stop.is_set():
            self._say(self.tr("The import was cancelled; nothing was written."))
            self.failed.emit(self.status_label.text())
            return
        if job == "plan":
            self.import_plan = None
        self._fail(error)

    # --- import ---------------------------------------------------------------------------------------
    @Slot()
    def on_import_button_clicked(self) -> None:
        if self.import_handler is not None:
            # The inventory page's own import: it runs once this dialog has closed (see ui.app).
            self.choice = IMPORT
            self.accept()
            return
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import a spreadsheet"), "",
            self.tr("Spreadsheets (*.csv *.xlsx);;CSV files (*.csv);;Excel workbooks (*.xlsx);;All files (*)"),
        )
        if path:
            self.preview_import(path)

    def preview_import(self, path: str) -> None:
        """Dry run of ``path`` on a worker; the plan is then shown with a button to import."""
        if self.busy:
            return
        self.import_plan = None
        self.import_result = None
        self._stop = threading.Event()
        self.demo_box.hide()
        self._set_busy("plan")
        self._say(self.tr("Reading {file}…").format(file=path))
        run_task(plan_import_work, self.services, path, on_result=self.on_plan_result, on_error=self.on_job_error,
                 on_progress=self.on_progress, context=self, name="welcome-import-plan")

    @staticmethod
    def _importable(plan: Any) -> bool:
        return importable(plan)

    def _show_plan(self, plan: Any) -> None:
        text, button, problems = plan_summary(plan)
        self._say(text, ERROR_COLOUR if problems else None)
        self.confirm_import_button.setText(button)

    def on_plan_result(self, plan: Any) -> None:
        self.import_plan = plan
        self._set_busy(None)
        self._show_plan(plan)
        self.import_planned.emit(plan)

    @Slot()
    def on_confirm_import_button_clicked(self) -> None:
        self.confirm_import()

    def confirm_import(self) -> None:
        """Import the previewed file (only its valid rows when some have problems)."""
        plan = self.import_plan
        if self.busy or not self._importable(plan):
            return
        self._stop = threading.Event()
        self._set_busy("import")
        self._say(self.tr("Importing {file}…").format(file=plan.name))
        run_task(apply_import_work, self.services, plan, bool(plan.problems), self._stop,
                 on_result=self.on_import_result, on_error=self.on_job_error, on_progress=self.on_progress,
                 context=self, name="welcome-import")

    def on_import_result(self, result: Any) -> None:
        self.import_result = result
        self._set_busy(None)
        self._say(self.tr("Imported: {created} new assets, {updated} changed, {skipped} rows skipped.").format(
            created=result.created, updated=result.updated, skipped=result.skipped), OK_COLOUR)
        self.choice = IMPORT
        self.import_finished.emit(result)
        self.accept()
