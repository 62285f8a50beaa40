# storyline: two commands on a fresh machine.
#   make run    create .venv, install, run the whole pipeline on the bundled sample
#   make test   install the dev tools and run the test suite
# Only Python 3.11+, make and access to the package registries are needed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
INPUT  ?= examples/corpus
OUT    ?= out
DB     ?= $(OUT)/storyline.db
PYTEST_ARGS ?=

.PHONY: run test install install-dev lint typecheck bench models models-trf clean help

help:
	@echo "make run [INPUT=folder/] | make test | make bench | make models | make models-trf | make lint | make clean"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools wheel

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	@mkdir -p $(OUT)
	$(BIN)/storyline run $(INPUT) --db $(DB); status=$$?; \
	  if [ $$status -ne 0 ] && [ $$status -ne 3 ]; then exit $$status; fi
	$(BIN)/storyline export --db $(DB) --format jsonl --output $(OUT)/articles.jsonl
	$(BIN)/storyline stories --db $(DB) --level storyline
	$(BIN)/storyline stories --db $(DB)
	@echo "Briefings (Markdown and HTML, every point cites its sources):"
	@$(BIN)/storyline briefs --db $(DB) --output $(OUT)/briefs | sed 's/^/  /'
	@echo ""
	@echo "Results:  $(DB) (SQLite) and $(OUT)/articles.jsonl (one JSON record per article)"
	@echo "Explore:  $(BIN)/storyline articles --db $(DB) --query truce"
	@echo "          $(BIN)/storyline show ID --db $(DB) --format text"
	@echo "          $(BIN)/storyline entities --db $(DB)     quotes, events, positions, conflicts likewise"
	@echo "          $(BIN)/storyline brief STORY_ID --db $(DB) --format md|html|json"
	@echo "          $(BIN)/storyline rejects --db $(DB)"
	@echo "          $(BIN)/storyline serve --db $(DB)          (web UI on http://127.0.0.1:8000)"
	@echo "Your own: make run INPUT=path/to/folder/   (txt, html, json, jsonl, warc, rss/atom, URLs)"

test: install-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check storyline tests bench
	$(BIN)/mypy

bench: install-dev
	$(BIN)/python -m bench.run_all

models: install-dev
	$(BIN)/python -m storyline.nlp.training

# the optional higher-accuracy pipeline (storyline/nlp/model-trf, nlp.model = storyline-en-trf):
# prepares the corpora, then fine-tunes MiniLM twice at once (about 80 minutes on 2 cores)
models-trf: install-dev
	$(BIN)/python -m storyline.nlp.training --only data
	$(BIN)/python -m storyline.nlp.training.trf

clean:
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache
