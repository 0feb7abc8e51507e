# casedesk — the two commands a new developer needs are `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO   ?= demo/demo-firm.casedesk

.PHONY: demo test lint bench bench-large clean venv bundle dist-python

venv: $(STAMP)

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is required (python3.11 not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m casedesk.devtools.demo_launcher $(DEMO)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q
	$(BIN)/ruff check .

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py --size medium

bench-large: $(STAMP)
	$(BIN)/python benchmarks/run.py --size large

# The standalone Linux application (PyInstaller onedir) in dist/casedesk/, checked by running
# its self-test from a copy outside the repository in a clean environment; then a tarball.
# Windows and macOS: see packaging/README.md.  Not part of `make test` (it takes minutes).
BUNDLE_TAR = dist/casedesk-$(shell $(BIN)/python -c 'import casedesk; print(casedesk.__version__)')-linux-$(shell uname -m).tar.gz

bundle: $(STAMP)
	@$(BIN)/python -c 'import PyInstaller' 2>/dev/null \
		|| $(BIN)/python -m pip install --quiet 'pyinstaller>=6.10'
	@start=$$(date +%s); \
	$(BIN)/python -m PyInstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/casedesk.spec || exit 1; \
	echo "bundle built in $$(( $$(date +%s) - start )) s: $$(du -sh dist/casedesk | cut -f1)"
	packaging/linux/check_bundle.sh dist/casedesk
	tar -C dist -czf $(BUNDLE_TAR) casedesk
	@echo "download: $(BUNDLE_TAR) ($$(du -h $(BUNDLE_TAR) | cut -f1))"

# The wheel and sdist (carrying resources/ and forms/ as casedesk/_data) in dist/.
dist-python: $(STAMP)
	@$(BIN)/python -c 'import build' 2>/dev/null || $(BIN)/python -m pip install --quiet build
	$(BIN)/python -m build --outdir dist .

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
