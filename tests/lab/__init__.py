"""The network-namespace lab: fake devices for discovery tests and benchmarks (see netlab.py), and real SNMP
agents and SSH servers for the credentialed-audit tests (see audit_lab.py).

Fixtures ``lab``, ``lab50`` and ``audit_lab`` live in tests/lab/plugin.py; enable them with
``pytest_plugins = ["tests.lab.plugin"]`` in tests/conftest.py.
"""
