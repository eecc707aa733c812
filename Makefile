# The README's commands. `make run` codes the bundled sample corpus and serves the dashboard;
# `make test` runs the whole suite (model, browser and Spark tests included).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DB     := out/eventwire.duckdb
HOST   ?= 127.0.0.1
PORT   ?= 8000
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup system-deps run test lint bench eval constraints clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)

# Debian packages the tests drive for real: GDAL's ogrinfo reads our GeoJSON, Chromium loads
# the dashboard, Java runs Spark. Installed only when missing.
system-deps:
	@missing=""; \
	command -v ogrinfo >/dev/null 2>&1 || missing="$$missing gdal-bin"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	if [ -n "$$missing" ]; then \
	  echo "installing$$missing ..."; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

run: setup
	@mkdir -p out
	$(BIN)/eventwire run samples --db $(DB)
	$(BIN)/eventwire summary --db $(DB)
	@echo "dashboard: http://$(HOST):$(PORT)/  (Ctrl-C to stop)"
	$(BIN)/eventwire serve --db $(DB) --host $(HOST) --port $(PORT)

test: setup system-deps
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

bench: setup
	$(BIN)/python bench/throughput.py --docs 200

eval: setup
	$(BIN)/eventwire eval events ../shared/devsets/events/conflibert_cameo_class.jsonl --split test
	$(BIN)/eventwire eval events ../shared/devsets/events/up_petr2_gsr_validation.jsonl
	$(BIN)/eventwire eval events tests/data/dates_casualties_gold.jsonl
	$(BIN)/eventwire eval places ../shared/devsets/geo/trnews.jsonl --gold-spans
	$(BIN)/eventwire eval places ../shared/devsets/geo/geovirus.jsonl --gold-spans

constraints: setup
	{ echo "# Pinned versions used by make setup (pip -c); regenerate with: make constraints"; \
	  $(BIN)/python -m pip freeze --exclude-editable | grep -v '^eventwire'; } > constraints.txt

clean:
	rm -rf $(VENV) out .pytest_cache
