"""Audit now: a credentialed audit (SNMP, SSH, WinRM) of one asset, the hosts of a scan, or addresses.

The audit runs on a worker with a progress bar and Cancel; each host's outcome is listed as it is stored
(what was found and what it changed, or why it could not be audited). When the credential vault is not
unlocked by this computer's keyring, the dialog asks for its passphrase.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from itam.services import Services
from ui.dialogs.job_dialog import JobDialog
from ui.dialogs.wipe_dialog import ERROR_COLOUR, OK_COLOUR
from ui.i18n import core_text
from ui.workers import call_plain, run_task

ASSET, ASSETS, SCAN, ADDRESSES = "asset", "assets", "scan", "addresses"


def audit_work(services: Services, mode: str, target: Any, passphrase: str | None, stop: Any, *,
               progress: Any, is_cancelled: Any) -> Any:
    """Worker thread: run and store the audit."""
    kwargs = {"passphrase": passphrase or None, "progress": progress, "is_cancelled": stop.is_set}
    if mode == ASSET:
        return services.host_audit.audit(asset=target, **kwargs)
    if mode == ASSETS:
        return services.host_audit.audit(assets=list(target), **kwargs)
    if mode == SCAN:
        return services.host_audit.audit(scan_id=int(target), **kwargs)
    return services.host_audit.audit(str(target), **kwargs)


class AuditDialog(JobDialog):
    """Run a credentialed audit and show, per host, what was found or why not."""

    #: The audit ran (an AuditRun): assets may have changed.
    audited = Signal(object)
    #: The audit could not start or failed as a whole: the message shown.
    failed = Signal(str)

    def __init__(self, services: Services, mode: str = ADDRESSES, target: Any = None, label: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("audit_dialog")
        self.services = services
        self.mode = mode
        self.target = target
        self.label = label or (str(target) if target is not None else "")
        self.run_result: Any = None

        self.intro_label = QLabel(self)
        self.intro_label.setWordWrap(True)
        form = QFormLayout()
        self.target_label = QLabel(self)
        self.target_edit = QLineEdit(self)
        self.target_edit.setObjectName("target_edit")
        self.target_edit.setText(self.label)
        self.target_edit.setReadOnly(mode != ADDRESSES)
        self.target_edit.textChanged.connect(self._update_buttons)
        self.target_label.setBuddy(self.target_edit)
        form.addRow(self.target_label, self.target_edit)
        self.passphrase_label = QLabel(self)
        self.passphrase_edit = QLineEdit(self)
        self.passphrase_edit.setObjectName("passphrase_edit")
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_label.setBuddy(self.passphrase_edit)
        form.addRow(self.passphrase_label, self.passphrase_edit)
        self.results = QTreeWidget(self)
        self.results.setObjectName("results_tree")
        self.results.setColumnCount(4)
        self.results.setRootIsDecorated(False)
        self.results.setAlternatingRowColors(True)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.results.header().setStretchLastSection(True)
        self.results.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addLayout(form)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status_label)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 420)
        self._needs_passphrase = True
        self.retranslate()
        self._update_buttons()
        run_task(call_plain(self.services.credentials.vault_info), on_result=self._on_vault_info,
                 context=self, name="audit: vault info")

    # --- texts ------------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Audit now"))
        self.intro_label.setText(self.tr(
            "Asks the devices themselves for manufacturer, model, serial number, disks and installed software, "
            "with the stored credentials whose scope covers them (SNMP, SSH or WinRM, chosen by the open ports). "
            "What a person entered is kept: differences appear as conflicts on the Discovery page."))
        self.target_label.setText({ASSET: self.tr("Asset:"), ASSETS: self.tr("Assets:"), SCAN: self.tr("Scan:")}.get(
            self.mode, self.tr("&Addresses:")))
        self.target_edit.setToolTip(self.tr("Addresses and CIDR blocks, separated by spaces or commas"))
        self.passphrase_label.setText(self.tr("Vault &passphrase:"))
        self.passphrase_edit.setToolTip(self.tr(
            "The credential vault's passphrase (this computer's keyring does not hold its key)"))
        self.start_button.setText(self.tr("&Audit"))
        self.results.setHeaderLabels([self.tr("Address"), self.tr("Method"), self.tr("Found"), self.tr("Result")])

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_vault_info(self, info: Any) -> None:
        self._needs_passphrase = not info.in_keyring
        self.passphrase_label.setVisible(self._needs_passphrase)
        self.passphrase_edit.setVisible(self._needs_passphrase)
        if not info.exists:
            self._say(self.tr("No credentials are stored yet: add them in Settings → Credentials."), ERROR_COLOUR)
        self._update_buttons()

    # --- running ----------------------------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        super()._update_buttons()
        self.start_button.setEnabled(not self.running and bool(self.target_edit.text().strip()))
        self.target_edit.setEnabled(not self.running)
        self.passphrase_edit.setEnabled(not self.running)

    @Slot()
    def start(self) -> None:
        if self.running:
            return
        target = self.target if self.mode != ADDRESSES else self.target_edit.text().strip()
        self.results.clear()
        self.run_job(audit_work, self.services, self.mode, target, self.passphrase_edit.text(),
                     busy_text=self.tr("Auditing…"), name="audit hosts")

    def cancelling_text(self) -> str:
        return self.tr("Cancelling: hosts already being audited finish first…")

    def on_done(self, run: Any) -> None:
        self.run_result = run
        for outcome, merged in run.pairs():
            self.results.addTopLevelItem(self._item(outcome, merged))
        for column in (0, 1, 2):
            self.results.resizeColumnToContents(column)
        text = self.tr("{audited} of {total} hosts audited.").format(audited=run.audited, total=len(run.hosts))
        if run.cancelled:
            text += " " + self.tr("Cancelled: the hosts not reached were not audited.")
        if run.unaddressed:
            shown = ", ".join(run.unaddressed[:10]) + ("…" if len(run.unaddressed) > 10 else "")
            text += " " + self.tr("{n} asset(s) have no IP address and were not audited: {assets}.").format(
                n=len(run.unaddressed), assets=shown)
        self._say(text, OK_COLOUR if run.audited and not run.failed else (ERROR_COLOUR if not run.audited else None))
        self.audited.emit(run)

    def _item(self, outcome: Any, merged: Any) -> QTreeWidgetItem:
        facts = outcome.facts
        if facts is None:
            item = QTreeWidgetItem([outcome.address, outcome.method or "—", "", core_text(outcome.error or "")])
            item.setForeground(3, Qt.GlobalColor.red)
            item.setToolTip(3, core_text(outcome.error or ""))
            return item
        found = " ".join(x for x in (facts.manufacturer, facts.model) if x) or "?"
        found += "  " + self.tr("S/N {serial}; {disks} disks; {packages} packages").format(
            serial=facts.serial or "?", disks=len(facts.disks), packages=len(facts.software))
        if merged is None or merged.asset_id is None:
            result = self.tr("No matching asset: kept for the review queue")
        else:
            parts = [self.tr("Asset #{id} (matched by {rule})").format(id=merged.asset_id, rule=merged.rule)]
            if merged.changed:
                parts.append(self.tr("set {fields}").format(fields=", ".join(merged.changed)))
            if merged.conflicts:
                parts.append(self.tr("conflicts: {fields}").format(fields=", ".join(merged.conflicts)))
            if merged.media_added:
                parts.append(self.tr("{n} disks added").format(n=merged.media_added))
            result = "; ".join(parts)
        item = QTreeWidgetItem([outcome.address, outcome.method, found, result])
        warnings = "\n".join(core_text(w) for w in facts.warnings)
        item.setToolTip(2, "\n".join(filter(None, [facts.summary(), warnings])))
        item.setToolTip(3, result)
        return item

    def on_failed(self, error: BaseException) -> None:
        text = core_text(error)
        self._say(text, ERROR_COLOUR)
        self.failed.emit(text)
