# make run   – set everything up and start the desktop application (embedded SQLite database)
# make test  – set everything up and run the whole test suite
.PHONY: run test venv sysdeps-run sysdeps-test bench screenshots translations clean

VENV_STAMP := .venv/.installed

$(VENV_STAMP): pyproject.toml scripts/python-venv.sh
	./scripts/python-venv.sh
	touch $@

venv: $(VENV_STAMP)

sysdeps-run:
	./scripts/system-deps.sh run

sysdeps-test:
	./scripts/system-deps.sh test

run: sysdeps-run venv
	.venv/bin/python main.py

test: sysdeps-test venv
	QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest

bench: venv
	.venv/bin/python bench/bench_import.py
	.venv/bin/python bench/bench_listing.py
	.venv/bin/python bench/bench_audit.py
	.venv/bin/python bench/bench_certificates.py
	.venv/bin/python bench/bench_certificate_service.py
	.venv/bin/python bench/bench_metrics.py
	.venv/bin/python bench/bench_csr_workbook.py
	.venv/bin/python bench/bench_concurrency_sqlite.py
	.venv/bin/python bench/bench_audit_hosts.py
	QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_inventory_gui.py

screenshots: sysdeps-run venv
	QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py --out docs/screenshots

translations: venv
	.venv/bin/pyside6-lrelease resources/translations/itam_zh_CN.ts -qm resources/translations/itam_zh_CN.qm

clean:
	rm -rf .venv build *.egg-info .pytest_cache bench/out
