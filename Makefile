# kuguan: two commands. `make run` serves the demo on http://127.0.0.1:8000; `make test` checks everything.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: setup fonts run test lint bench eval clean lock

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.lock
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

# A Chinese font for the forecast charts: Debian's fonts-noto-cjk, installed where we may (root with apt-get);
# elsewhere the charts still render, with boxes for Chinese text (the chart font tests then skip, visibly).
fonts:
	@fc-list 2>/dev/null | grep -qi "noto sans cjk\|wqy" \
	  || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
	       && { apt-get install -y -q fonts-noto-cjk >/dev/null 2>&1 \
	            || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q fonts-noto-cjk >/dev/null 2>&1; }; }; } \
	  || echo "make: no Chinese font for the charts (install Debian's fonts-noto-cjk); Chinese will show as boxes"

setup: $(STAMP) fonts

run: setup
	mkdir -p var
	$(BIN)/python app.py migrate
	$(BIN)/python app.py demo-seed
	$(BIN)/python app.py serve

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python benchmarks/run_all.py

eval: setup
	$(BIN)/python ../shared/eval/run_scenarios.py --catalog ../shared/eval/public --scenarios ../shared/eval/public/scenarios.jsonl -v

# regenerate the lock file from pyproject.toml (pins every transitive dependency)
lock:
	rm -rf /tmp/kuguan-lock && $(PY) -m venv /tmp/kuguan-lock
	/tmp/kuguan-lock/bin/pip install -q --upgrade pip
	/tmp/kuguan-lock/bin/pip install -q ".[dev]"
	/tmp/kuguan-lock/bin/pip freeze --exclude kuguan > requirements.lock

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache
