# Pamong's front door. `make run` and `make test` are all a newcomer needs; `make help`
# lists the rest. Builds go to a target directory outside the clone so CI runs reuse them.

SHELL := /bin/bash
export CARGO_TARGET_DIR ?= $(HOME)/.cache/pamong-target
export CARGO_TERM_COLOR ?= auto

.DEFAULT_GOAL := help
.PHONY: help run test test-fast lint fmt e2e api fuzz release build watch clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

run: ## Install what is missing, build, migrate + seed data/pamong.db, serve on :3000
	@scripts/run.sh

test: ## Every check: fmt, clippy (ssr + hydrate), tests on SQLite and PostgreSQL, end2end, API
	@scripts/test.sh all

test-fast: ## fmt, clippy and the SQLite tests (no PostgreSQL, no browser)
	@scripts/test.sh fast

lint: ## fmt check and clippy for the server (ssr) and the browser (hydrate, wasm32)
	@scripts/test.sh lint

fmt: ## Format the code
	cargo fmt --all

e2e: ## Browser tests in chromium at 360x800 and 1280x800 (screenshots in end2end/test-results)
	@scripts/test.sh e2e

api: ## The REST API against its OpenAPI document with schemathesis (installs it from PyPI)
	@scripts/test.sh api

fuzz: ## Every fuzz target for 10 minutes (FUZZ_SECONDS=…); not in CI, installs cargo-fuzz
	@scripts/fuzz.sh

build: ## Debug build of the site and the server
	@scripts/build.sh debug

release: ## Release build (wasm-opt -Oz) and the wasm size figures
	@scripts/build.sh release

watch: ## Rebuild and reload on change with cargo-leptos (installs it once, ~15 min)
	@scripts/watch.sh

clean: ## Remove the build cache and the local database
	rm -rf "$(CARGO_TARGET_DIR)" data
