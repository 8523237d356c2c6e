# One task runner (STYLE 13). `make run` and `make test` work on a fresh machine
# that has only Python 3.11+ and the package registries.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
ARGS   ?=

.PHONY: run test lint fmt bench bench-journey bench-transcribe migrations lock vendor clean docs screenshots eval-checker

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Runtime dependencies only, pinned by requirements.lock.
$(VENV)/.run-installed: $(BIN)/python requirements.lock pyproject.toml
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $@

# Runtime plus test and lint tools, pinned by requirements-dev.lock.
$(VENV)/.dev-installed: $(VENV)/.run-installed requirements-dev.lock
	$(BIN)/pip install -q -r requirements-dev.lock
	touch $@

run: $(VENV)/.run-installed  ## install and serve the app at http://127.0.0.1:8000
	$(BIN)/coffeechat serve $(ARGS)

# One test process per core (pytest-xdist), at most four: the suite takes 8 minutes in one
# process on the 2-core CI machine and about 5.5 in two, and CI runs it on two databases.
test: $(VENV)/.dev-installed lint  ## install, lint, and run every test (browser tests included)
	$(BIN)/python -m pytest -n auto --maxprocesses 4

# The linter, and the formatter's check: lines stop drifting (`make fmt` formats).
lint: $(VENV)/.dev-installed
	$(BIN)/ruff check coffeechat tests benchmarks scripts
	$(BIN)/ruff format --check coffeechat tests benchmarks scripts

fmt: $(VENV)/.dev-installed
	$(BIN)/ruff check --fix coffeechat tests benchmarks scripts
	$(BIN)/ruff format coffeechat tests benchmarks scripts

# Seeded workspace, wrk over loopback (every page kept and rendered), the mixed workload
# (team mode on PostgreSQL at $BENCH_DATABASE_URL, default the local server's
# coffeechat_bench database, and personal mode on SQLite; benchmarks/mixed.py), search and
# cold starts; writes docs/PERFORMANCE.md
# (about 30 minutes on a quiet machine), then 1,000 SIGKILL crash cycles (~8 minutes,
# docs/RELIABILITY.md; ARGS=--no-crash skips them). QUICK=1: a ~3-minute run that only
# prints its tables. COFFEECHAT_FUZZ_EXAMPLES=200 adds the long Schemathesis run over the
# API (benchmarks/fuzz_api.py, docs/SECURITY.md; needs the dev tools: make test first).
bench: $(VENV)/.run-installed
	$(BIN)/python -m benchmarks.run $(if $(QUICK),--quick) $(ARGS)
	$(if $(QUICK),,$(MAKE) bench-journey)

# The journey's stateful test (issue 20) for 20,000 steps instead of CI's ~500: random
# journeys through the services, Today checked after every step (~40 CPU-minutes; set
# JOURNEY_EXAMPLES and JOURNEY_STEPS to change it).
JOURNEY_EXAMPLES ?= 200
JOURNEY_STEPS ?= 100
bench-journey: $(VENV)/.dev-installed
	JOURNEY_EXAMPLES=$(JOURNEY_EXAMPLES) JOURNEY_STEPS=$(JOURNEY_STEPS) \
	  $(BIN)/python -m pytest -q -s -p no:randomly tests/conversations/test_journey_stateful.py

# Transcription (issue 22, docs/PERFORMANCE.md): WER on espeak-ng speech, placement under
# the questions, and a meeting of MINUTES (the issue's case: 20) beside a serving Today.
# Needs the dev tools (faster-whisper and the packaged model), espeak-ng and sox.
MINUTES ?= 3
bench-transcribe: $(VENV)/.dev-installed
	$(BIN)/python -m benchmarks.bench_transcribe --minutes $(MINUTES)

# The message checker on its corpus: cross-validated recall on job requests, false alarms
# on good messages (per kind, channel, placement) and each warning's share of good
# messages; fails below the targets of docs/CHECKER.md (about 2 minutes).
eval-checker: $(VENV)/.run-installed
	$(BIN)/python scripts/eval_checker.py

# docs/CLI.md from the commands' own help, and ARCHITECTURE.md's feature table from
# docs/FEATURES.md (a test fails when either is out of date).
docs: $(VENV)/.run-installed
	$(BIN)/python scripts/cli_reference.py
	$(BIN)/python scripts/feature_table.py

# The README's screenshots, from the demo workspace in Debian's Chromium.
screenshots: $(VENV)/.dev-installed
	$(BIN)/python scripts/screenshots.py

migrations: $(VENV)/.dev-installed
	$(BIN)/python manage.py makemigrations

# Re-pin every dependency (needs `uv`: pip install uv).
lock:
	uv pip compile pyproject.toml -o requirements.lock --python-version 3.11
	uv pip compile pyproject.toml --extra dev -o requirements-dev.lock --python-version 3.11

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info test-artifacts
