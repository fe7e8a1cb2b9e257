# Everyday commands. `make` or `make help` lists them; each calls a script in scripts/.
.DEFAULT_GOAL := help
.PHONY: help setup run demo lint format test test-fast deps

help: ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

setup: ## virtualenv with the test packages, npm CSS, and the pre-commit hook
	bash scripts/setup.sh requirements-test.txt
	.venv/bin/pre-commit install

run: ## set up, load the demo content and serve the site on http://127.0.0.1:8000
	bash scripts/run.sh

demo: ## load or update the demo content (safe to run twice)
	.venv/bin/python manage.py load_demo_content

lint: ## ruff, template indentation and the import contracts; needs no services
	bash scripts/lint.sh

format: ## format the code (ruff) and indent the templates (djhtml)
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .
	.venv/bin/djhtml templates

test: ## every check and the whole suite, starting the services it needs
	bash scripts/test.sh

test-fast: ## the same without the browser tests
	bash scripts/test.sh -m "not browser"

deps: ## the picture: which app imports which, and the import cycles
	.venv/bin/python scripts/dependencies.py
