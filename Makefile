# Taken voor de cursuskit. Alleen Python 3.11 en make zijn nodig; de rest installeert dit bestand.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STEMPEL := $(VENV)/.geinstalleerd
# Gevendorde scripts (npm, niet in git): voor het boek, en MathJax 2 voor de formgrader (make trainer).
VENDOR := _vendor/vendor/html-manager/embed-amd.js _vendor/formgrader/mathjax2/MathJax.js

.PHONY: help venv vendor book reader lab trainer hub test test-snel lint bench schoon

help:
	@echo "make book   - installeer (eerste keer), bouw het cursusboek en zeg welk bestand je opent"
	@echo "make reader - maak de cursusreader: het hele boek als één A4-PDF om te printen"
	@echo "make lab    - open JupyterLab met de deelnemersversies van de opdrachten"
	@echo "make trainer - open JupyterLab als trainer, met de formgrader van nbgrader"
	@echo "make hub    - (als root) JupyterHub voor een cursusgroep: CURSUS=hub/cursus.voorbeeld.yml"
	@echo "make test   - draai alle tests (ook de trage en de browsertests)"
	@echo "make bench  - meet de prestaties en druk een tabel af (BENCH='--wacht --schaal' voor meer)"
	@echo "make lint   - controleer de code met ruff"

$(STEMPEL): requirements.txt hub/requirements-hub.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

venv: $(STEMPEL)

$(VENDOR): scripts/vendor_js.sh
	bash scripts/vendor_js.sh _vendor/vendor _vendor/formgrader

vendor: $(VENDOR)

book: venv vendor
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/jupyter-book build -W -n --keep-going .
	@echo ""
	@echo "Het cursusboek staat klaar. Open in je browser: $(CURDIR)/_build/html/index.html"

reader: book
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python -m samenwerkingscode.boek.reader _build/html _build/cursusreader.pdf

lab: venv
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/regie lab

trainer: venv vendor
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/regie lab --trainer

# De JupyterHub van de cursus op deze machine (als root): omgeving, proxy (npm, lokaal), accounts, starten.
CURSUS ?= hub/cursus.voorbeeld.yml
hub: venv vendor
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python -m hub alles $(CURSUS)

test: venv vendor
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python -m pytest

test-snel: venv
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python -m pytest -m "not traag and not browser"

lint: venv
	$(BIN)/ruff check samenwerkingscode tests bench scripts hub nbgrader_config.py
	$(BIN)/ruff format --check samenwerkingscode tests bench scripts hub nbgrader_config.py

bench: venv vendor
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python -m bench $(BENCH)

schoon:
	rm -rf _build .pytest_cache
