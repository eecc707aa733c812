# The README's commands. `make run` codes the bundled sample corpus; `make test` runs the suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DB     := out/eventwire.duckdb
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup system-deps run test lint bench eval clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)

# Debian packages the tests use as real readers of our output (GDAL's ogrinfo).
system-deps:
	@command -v ogrinfo >/dev/null 2>&1 || { \
	  echo "installing gdal-bin (ogrinfo) ..."; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq gdal-bin >/dev/null; }

run: setup
	@mkdir -p out
	$(BIN)/eventwire run samples --db $(DB)
	$(BIN)/eventwire summary --db $(DB)

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

clean:
	rm -rf $(VENV) out .pytest_cache
