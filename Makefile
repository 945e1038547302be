# chatclose — see README.md. The two commands that matter: make demo, make test.

SHELL := /bin/bash
GO ?= go
FUZZTIME ?= 10m
ADDR ?= 127.0.0.1:8080
COVERDIR := $(CURDIR)/.cover

.PHONY: all build test test-style test-native test-js test-e2e demo fuzz clean

all: build

## build: the deployable bundle in web/dist/ (chatclose.js, chatclose.wasm, wasm_exec.js)
build:
	@scripts/build.sh

## test: every tier — style, native tests, GOOS=js tests under Node, browser tests
test: build test-style test-native test-js test-e2e

test-style:
	@scripts/check-style.sh

# Native tests of every package but the browser tests, with the race detector; handler/
# must stay at or above 90% statement coverage.
test-native:
	@mkdir -p $(COVERDIR)
	$(GO) test -race -count=1 $$($(GO) list ./... | grep -v /web/e2e)
	$(GO) test -count=1 -coverprofile=$(COVERDIR)/handler.out ./handler >/dev/null
	@scripts/check-coverage.sh $(COVERDIR)/handler.out 90

test-js:
	@scripts/test-js.sh -count=1 -cover ./bus/... ./wasm/...

test-e2e:
	@scripts/need-chromium.sh
	$(GO) test -count=1 -timeout 8m ./web/e2e/...

## demo: build, then serve the sandbox on 127.0.0.1 and print its URL
demo: build
	$(GO) run ./web/cmd/sandbox -addr $(ADDR)

## fuzz: run the handler's fuzz targets for FUZZTIME each (default 10m)
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzDecide$$' -fuzztime $(FUZZTIME) ./handler

clean:
	rm -rf web/dist $(COVERDIR)
