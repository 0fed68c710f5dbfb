"""The network-namespace lab: fake devices for discovery tests and benchmarks (see netlab.py).

Fixtures ``lab`` and ``lab50`` live in tests/lab/plugin.py; enable them with
``pytest_plugins = ["tests.lab.plugin"]`` in tests/conftest.py.
"""
