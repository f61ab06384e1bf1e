# ifacelint — the front door. `make help` lists the targets.
GO      ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)

.PHONY: help build test lint docs

help: ## list the targets
	@grep -E '^[a-z/.-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-22s %s\n", $$1, $$2}'

build: ## build bin/ifacelint
	$(GO) build -ldflags "$(LDFLAGS)" -o bin/ifacelint ./cmd/ifacelint

test: ## run every test with the race detector: Go, Rego (through go test), end-to-end scripts, fuzz seeds
	$(GO) test -race ./...

lint: bin/opa bin/capabilities.json ## gofmt, go vet, and opa fmt and opa check --strict over policies/
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	@$(OPA) fmt --list --fail policies || { echo "opa fmt would change the files above: run $(OPA) fmt --write policies"; exit 1; }
	$(OPA) check --strict --capabilities bin/capabilities.json policies

# The Rego tooling: OPA's own CLI at exactly the version go.mod requires, so
# `opa fmt` and `opa check` agree with the engine, and bin/capabilities.json,
# what the engine compiles with: OPA's built-ins minus the forbidden ones,
# plus the ifacelint.* built-ins stock opa does not know (also read by Regal,
# .regal/config.yaml).
OPA_VERSION = $(shell $(GO) list -m -f '{{.Version}}' github.com/open-policy-agent/opa)
OPA         := bin/opa

.PHONY: FORCE
FORCE:

bin/opa: FORCE ## install into bin/ the OPA CLI of the version in go.mod (kept while it is that version)
	@want=$(OPA_VERSION); \
	  if [ "v$$($@ version 2>/dev/null | sed -n 's/^Version: //p')" != "$$want" ]; then \
	    echo "installing OPA $$want into bin/"; \
	    GOBIN=$(CURDIR)/bin $(GO) install github.com/open-policy-agent/opa@$$want; \
	  fi

bin/capabilities.json: FORCE ## write the capabilities the engine compiles policies with
	@mkdir -p bin
	$(GO) run ./internal/capabilities > $@.tmp && mv $@.tmp $@

docs: ## regenerate docs/rules.md from the rules' METADATA
	$(GO) run ./cmd/ifacelint rules -f markdown > docs/rules.md.tmp && mv docs/rules.md.tmp docs/rules.md

# Fuzzing: `go test -fuzz` takes one target of one package at a time. Seeds
# are in each package's testdata/fuzz/<Target>/ and run with every `make
# test`; a crasher found here is written there too, and becomes a seed.
FUZZTIME         ?= 60s
FUZZ_SMOKE_TIME  ?= 15s
FUZZMINIMIZETIME ?= 60s
FUZZ_TARGETS     := ./pkg/inventory:FuzzParse ./pkg/schema:FuzzValidate ./pkg/lint:FuzzRun

.PHONY: fuzz fuzz-smoke
fuzz: ## run each fuzz target for FUZZTIME (default 60s)
	@set -e; for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; name=$${t##*:}; \
	  echo "== $$name ($$pkg) for $(FUZZTIME)"; \
	  $(GO) test $$pkg -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZETIME); \
	done

fuzz-smoke: ## run each fuzz target briefly (CI: FUZZ_SMOKE_TIME, default 15s)
	@$(MAKE) --no-print-directory fuzz FUZZTIME=$(FUZZ_SMOKE_TIME) FUZZMINIMIZETIME=5s

# Benchmarks (docs/performance.md). The end-to-end half generates
# inventories into BENCH_DIR (reused while the generator is unchanged) and
# times the built binary on them; the stage half runs the Go benchmarks of
# every stage and keeps their output for benchstat.
BENCH_DIR    ?= /tmp/ifacelint-bench
BENCH_SIZES  ?= 1,1000,10000
BENCH_RUNS   ?= 5
BENCH_STAGES ?= BenchmarkWalk|BenchmarkParse|BenchmarkRetained|BenchmarkValidate|BenchmarkCompile|BenchmarkNewEngine|BenchmarkEval$$|BenchmarkInput|BenchmarkSetInventory|BenchmarkReport|BenchmarkRun|BenchmarkIndexRetained

.PHONY: bench
bench: build ## lint generated inventories (BENCH_SIZES) end to end, then the per-stage Go benchmarks
	$(GO) run ./pkg/inventorygen/cmd/bench -bin bin/ifacelint -dir $(BENCH_DIR) -sizes $(BENCH_SIZES) -runs $(BENCH_RUNS)
	@mkdir -p $(BENCH_DIR)
	IFACELINT_BENCH_DIR=$(BENCH_DIR) IFACELINT_BENCH_RUN_SIZES=1000 \
	  $(GO) test ./pkg/inventory ./pkg/schema ./pkg/policy ./pkg/report ./pkg/lint \
	  -run '^$$' -bench '$(BENCH_STAGES)' -benchmem -count 1 | tee $(BENCH_DIR)/stages.txt
