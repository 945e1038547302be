# chatclose — see README.md. The two commands that matter: make demo, make test.

SHELL := /bin/bash
GO ?= go
FUZZTIME ?= 10m
ADDR ?= 127.0.0.1:8080
COVERDIR := $(CURDIR)/.cover

.PHONY: all build dist test test-style test-types test-size test-native test-js test-e2e test-engines test-widgets bench demo fuzz clean

all: build

## build: the deployable bundle in web/dist/ (chatclose.js and its source map, chatclose.wasm,
## wasm_exec.js, a .gz and a .br copy of each, integrity.json), by the Go build tool
## web/cmd/build: no tool but go. Brotli copies are kept in ~/.cache/chatclose/brotli by content.
build:
	$(GO) run ./web/cmd/build

## dist: the release in dist/: chatclose-VERSION/ (the bundle, LICENSE, INSTALL.md), its
## tar.gz, and the npm package chatclose-VERSION.tgz (npm pack, offline)
dist:
	@scripts/need-npm.sh
	$(GO) run ./web/cmd/build -dist dist

## test: every tier — style, the TypeScript declarations, native tests, GOOS=js tests under
## Node, browser tests (Chromium), the engine tier (Chromium, Firefox, WebKit), and the size gate last
test: build test-style test-types test-native test-js test-e2e test-engines test-size

test-style:
	@scripts/check-style.sh

# The npm package's TypeScript declarations (web/types/chatclose.d.ts): web/types/usage.ts must
# compile against them with the pinned TypeScript compiler (npm dev dependency, installed into
# web/types/node_modules on first use).
test-types:
	@scripts/test-types.sh

# Native tests of every package but the browser tests, with the race detector; handler/
# must stay at or above 90% statement coverage. go test runs each fuzz target over its seed
# corpus (handler/testdata/fuzz/) as ordinary tests.
test-native:
	@mkdir -p $(COVERDIR)
	$(GO) test -race -count=1 $$($(GO) list ./... | grep -v -e /web/e2e -e /web/engines -e /web/bundle)
	$(GO) test -count=1 -coverprofile=$(COVERDIR)/handler.out ./handler >/dev/null
	@scripts/check-coverage.sh $(COVERDIR)/handler.out 90

# The size gate: the bundle, built afresh, within its brotli budgets (wasm 700 KB, loader
# 3 KB), every file with matching .gz and .br copies, no heavy package in the wasm, and a
# second build from an empty brotli cache byte for byte the same.
test-size:
	$(GO) test -count=1 ./web/bundle/

test-js:
	@scripts/test-js.sh -count=1 -cover ./bus/... ./wasm/...

test-e2e:
	@scripts/need-chromium.sh
	@scripts/need-npm.sh
	@scripts/need-axe.sh
	$(GO) test -count=1 -timeout 8m ./web/e2e/...

# The engine tier: the core browser scenarios on Chromium, Firefox ESR and WebKitGTK (web/engines),
# then one line per engine: its version, its time and the notice's latency. ENGINES=firefox,webkit
# picks engines.
test-engines:
	@scripts/need-engines.sh
	@summary=$$(mktemp); trap 'rm -f "$$summary"' EXIT; \
	ENGINES_SUMMARY=$$summary $(GO) test -count=1 -timeout 6m ./web/engines/; rc=$$?; \
	cat "$$summary"; exit $$rc

## test-widgets: the browser suite against the real Genesys Widgets builds in GENESYS_WIDGETS
## (folders separated by ':'), beside the stand-in; prints the compatibility table and writes
## it to web/e2e/COMPATIBILITY.md. Not part of test: CI has no Genesys build.
test-widgets:
	@scripts/test-widgets.sh

## bench: the browser benchmark (headless Chromium); writes BENCHMARKS.md. Not part of test.
bench:
	@scripts/bench.sh

## demo: build, then serve the sandbox on 127.0.0.1 and print its URL; with GENESYS_WIDGETS=FOLDER
## it serves that real Widgets build instead of the stand-in
demo: build
	$(GO) run ./web/cmd/sandbox -addr $(ADDR)

## fuzz: run each of the handler's fuzz targets for FUZZTIME (default 10m each)
# Targets are listed from the package, so a new FuzzXxx is picked up. -fuzzminimizetime is
# short because minimizing every new interesting input for the default 60 s stalls the run.
# Go 1.26 can end a timed run with a bare "context deadline exceeded" and no failing input
# (go.dev/issue/75804); that counts as a pass only when no new input was written to
# testdata/fuzz/. The plain seed corpus in testdata/fuzz/ runs in every go test (make test).
FUZZMINIMIZETIME ?= 5s
fuzz:
	@set -uo pipefail; log=$$(mktemp); trap 'rm -f "$$log"' EXIT; \
	targets=$$($(GO) test -list '^Fuzz' ./handler | grep '^Fuzz'); \
	for t in $$targets; do \
	  before=$$(ls handler/testdata/fuzz/$$t 2>/dev/null | wc -l); \
	  echo "fuzz: $$t for $(FUZZTIME)"; \
	  $(GO) test -run '^$$' -fuzz "^$$t\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZETIME) ./handler 2>&1 | tee "$$log"; \
	  rc=$${PIPESTATUS[0]}; \
	  after=$$(ls handler/testdata/fuzz/$$t 2>/dev/null | wc -l); \
	  if [ $$rc -ne 0 ]; then \
	    if [ "$$after" -eq "$$before" ] && grep -q '^    context deadline exceeded$$' "$$log" && ! grep -q 'Failing input' "$$log"; then \
	      echo "fuzz: $$t: go.dev/issue/75804 at the end of the run, no failing input: counted as a pass"; \
	    else \
	      echo "fuzz: $$t FAILED (see above; a new failing input is written to handler/testdata/fuzz/$$t/)"; exit 1; \
	    fi; \
	  fi; \
	  execs=$$(grep -o 'execs: [0-9]*' "$$log" | tail -1 | cut -d' ' -f2); \
	  echo "fuzz: $$t: $${execs:-0} executions"; \
	done

clean:
	rm -rf web/dist dist $(COVERDIR)
