"""Credentialed audits: what a device itself says about its make, model, serial, hardware and software.

Qt-free and database-free. The collectors talk to one device each and return plain facts
(:class:`~itam.audit.facts.AuditFacts`) or raise one clear :class:`~itam.errors.AuditError`:

* :func:`itam.audit.snmp.audit_snmp` — SNMP v2c/v3 (switches, printers, appliances, any net-snmp host);
* :func:`itam.audit.ssh.audit_ssh` — SSH to Linux, macOS and FreeBSD;
* :func:`itam.audit.winrm.audit_winrm` — WinRM to Windows.

:mod:`itam.audit.pool` chooses the method and credentials for each scanned host (:func:`~itam.audit.pool.plan_audits`)
and runs many audits in parallel with a timeout per host (:func:`~itam.audit.pool.run_audits`).
:mod:`itam.audit.merge` and :mod:`itam.audit.vault` (the services' side) store the results and keep the secrets.

The submodules import their protocol libraries (pysnmp, paramiko, pywinrm) only when an audit runs.
"""
