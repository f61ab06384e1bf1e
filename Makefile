# ifacelint — the front door. `make help` lists the targets.
GO      ?= go
# The version stamped into the binary: the release tag (v1.2.3), a tag and
# the commits since (v1.2.3-4-gabc1234), or v0.0.0-dev.COMMIT without a tag.
VERSION ?= $(shell git describe --tags --match 'v[0-9]*' --dirty 2>/dev/null || \
             echo v0.0.0-dev.$$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown))
LDFLAGS := -X main.version=$(VERSION)

.PHONY: help build test lint docs

help: ## list the targets
	@grep -E '^[a-z/.-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-22s %s\n", $$1, $$2}'

build: ## build bin/ifacelint
	$(GO) build -ldflags "$(LDFLAGS)" -o bin/ifacelint ./cmd/ifacelint

# Two tiers (CONTRIBUTING.md). `make test` needs only Go (no cgo, no other
# program): Go unit tests, Rego tests through go test, the end-to-end
# scripts and attack cases, fuzz seeds; the tests that need pre-commit,
# Chromium, Node or Graphviz skip with an install hint. `make check` is what
# CI runs: lint, the fast tier, then test-full (the race detector on the
# packages that run code concurrently, and the tool tests), fuzz smoke runs
# and the release archives.
test: ## run every test that needs only Go: unit, Rego, end-to-end scripts, attacks, fuzz seeds (minutes)
	CGO_ENABLED=0 $(GO) test -timeout 20m ./...

# The race tier. A data race needs two goroutines, so only the packages
# that run code concurrently, or share state between goroutines, run under
# the race detector: every package whose non-test files start a goroutine or
# import sync must be here (internal/layers' TestRaceList fails otherwise),
# and a package may be here for its tests' sake, with the reason. The other
# packages' code runs on one goroutine; `make test` has run them.
#
# internal/app: a session runs the walk, the engine's compilation and the
# count of documents outside the inventory roots beside each other; the
# run's clock, the hard stop and the progress line fire from timers.
RACE_PKGS += ./internal/app
# internal/lint: the walk and the loading as futures, documents evaluated
# in parallel, the schema compiled while the walk runs.
RACE_PKGS += ./internal/lint
# internal/policy: the engine compiled as a future, the policies loaded in
# parallel, the memory guard's sampler, evaluations cancelled from outside.
RACE_PKGS += ./internal/policy
# internal/builtins: the built-ins registered once (sync.OnceFunc) before
# any goroutine parses Rego.
RACE_PKGS += ./internal/builtins
# internal/cache: one store written by every evaluating goroutine (mutexes,
# atomic counters).
RACE_PKGS += ./internal/cache
# internal/safefile: the pending outputs, which the hard stop aborts from
# another goroutine (mutexes).
RACE_PKGS += ./internal/safefile
# internal/schema: the validator and its string-decision cache, shared by
# the evaluating goroutines (sync.Once, sync.Map, atomics).
RACE_PKGS += ./internal/schema
# internal/openapi: one reader of descriptions shared by the evaluating
# goroutines (mutex, sync.Once).
RACE_PKGS += ./internal/openapi
# internal/vcs: the tracked files, listed once for every goroutine that asks
# (sync.Once).
RACE_PKGS += ./internal/vcs
# internal/config: the config's schema, compiled once for every load
# (sync.OnceValues).
RACE_PKGS += ./internal/config
# internal/textsafe: the guard on stdout and stderr, written by the command
# and by the progress line (mutex).
RACE_PKGS += ./internal/textsafe
# internal/frameworks: the catalogues, indexed once for every goroutine
# (sync.OnceValue).
RACE_PKGS += ./internal/frameworks
# pkg/lint: for its tests, which run whole lint sessions in parallel in one
# process, as a program using the library may (the command runs one).
RACE_PKGS += ./pkg/lint
# cmd/ifacelint's attack cases where a limit stops work from another
# goroutine (budget-: time and memory limits, the hard stop) or that go
# through the cache (cache-), end to end in race-enabled subprocesses; an
# attack fails on "DATA RACE" in their output. The other cases run the same
# pipeline, which the packages above test in-process.
RACE_ATTACKS := ^TestAttacks$$/^(budget|cache)-

# The tool tests (internal/tooltest): the tests that drive a program beyond
# Go, run without the race detector, and only they: PACKAGE:TEST,TEST,...
# Every test in a test file that imports internal/tooltest or
# internal/mermaidcheck (and every test of internal/mermaidcheck) must be
# listed under its package, and every test listed must exist (internal/
# layers' TestToolList).
#
# cmd/ifacelint: the pre-commit hook (pre-commit), the editor schema over
# LSP (Node, yaml-language-server), the graph's Mermaid read back (Chromium,
# mermaid).
TOOL_TESTS += ./cmd/ifacelint:TestPreCommit,TestPreCommitInit,TestPreCommitHookDefinitions,TestPreCommitFilesMatchWalk,TestEditorValidatesInventory,TestGraphMermaidParses
# internal/audit: the HTML report in headless Chromium.
TOOL_TESTS += ./internal/audit:TestHTMLInBrowser,TestFrameworkHTMLInBrowser,TestHostileHTMLInBrowser,TestBrowserHarnessCatchesLeaks
# internal/graph: DOT through Graphviz's dot, Mermaid through mermaid.
TOOL_TESTS += ./internal/graph:TestDOTGraphviz,TestGraphvizRejectsBrokenDOT,TestMermaidParses,TestDOTGraphvizLarge
# internal/mermaidcheck: the harness itself (Chromium, mermaid).
TOOL_TESTS += ./internal/mermaidcheck:TestParse

.PHONY: test-full test-race test-tools check
test-full: test-race test-tools ## the race detector on the packages that run code concurrently, then the tool tests (needs cgo, pre-commit, chromium, node, graphviz)

test-race: ## the race tier: RACE_PKGS and the RACE_ATTACKS cases under -race (needs cgo)
	CGO_ENABLED=1 $(GO) test -race -timeout 30m $(RACE_PKGS)
	CGO_ENABLED=1 $(GO) test -race -timeout 30m -run '$(RACE_ATTACKS)' ./cmd/ifacelint

test-tools: ## the tests that need pre-commit, Chromium, Node or Graphviz (TOOL_TESTS); a missing program fails
	@set -e; for t in $(TOOL_TESTS); do \
	  pkg=$${t%%:*}; run="^($$(echo "$${t#*:}" | tr , '|'))\$$"; \
	  echo "IFACELINT_TOOL_TESTS=1 CGO_ENABLED=0 $(GO) test -timeout 20m -run '$$run' $$pkg"; \
	  IFACELINT_TOOL_TESTS=1 CGO_ENABLED=0 $(GO) test -timeout 20m -run "$$run" $$pkg; \
	done

check: lint lint-ci test test-full fuzz-smoke dist-check ## everything CI runs (.ci/run)

lint: bin/opa bin/capabilities.json ## gofmt, go vet, opa fmt over policies/, opa check --strict over policies/ and examples/policies/
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) vet -tags ifacelint_tools ./internal/inventorygen/cmd/... ./internal/policy/cmd/... ./internal/scaffold/cmd/...
	@$(OPA) fmt --list --fail policies || { echo "opa fmt would change the files above: run $(OPA) fmt --write policies"; exit 1; }
	$(OPA) check --strict --capabilities bin/capabilities.json policies examples/policies

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
	$(GO) run ./cmd/ifacelint capabilities > $@.tmp && mv $@.tmp $@

# docs/rules.md is the generated reference, then a hand-written part from
# its marker line on (HANDWRITTEN), which the regeneration keeps.
HANDWRITTEN := <!-- Hand-written from here on: `make docs` keeps this part. -->
docs: ## regenerate docs/rules.md from the rules' METADATA (its hand-written part is kept)
	$(GO) run ./cmd/ifacelint rules -f markdown > docs/rules.md.tmp
	@if grep -qF -- '$(HANDWRITTEN)' docs/rules.md; then \
		printf '\n' >> docs/rules.md.tmp; \
		sed -n '\|^$(HANDWRITTEN)$$|,$$p' docs/rules.md >> docs/rules.md.tmp; \
	fi
	mv docs/rules.md.tmp docs/rules.md

# The built-in rules (CONTRIBUTING.md, "Adding a built-in rule"): one folder
# per rule, policies/<category>/<name>/. The catalogue lock is their
# contract, regenerated from the METADATA and committed, so that a change of
# severity, kinds, controls, mappings or parameter defaults is a diff to
# review (TestCatalogueMatchesLock fails while it is stale).
LOCK := policies/catalogue.lock.json

.PHONY: rule lock test-rego
rule: ## create policies/<category>/<name>/ for a new built-in rule, every field TODO: make rule NAME=category/name
	@test -n '$(NAME)' || { echo 'usage: make rule NAME=<category>/<name>, such as transport/mtls-required'; exit 2; }
	@$(GO) run -tags ifacelint_tools ./internal/scaffold/cmd/rule -dir policies '$(NAME)'

lock: ## regenerate policies/catalogue.lock.json (every built-in rule's contract) from the rules' METADATA
	@$(GO) run -tags ifacelint_tools ./internal/policy/cmd/lock > $(LOCK).tmp || { rm -f $(LOCK).tmp; exit 1; }
	@mv $(LOCK).tmp $(LOCK)
	@git diff --stat -- $(LOCK) 2>/dev/null || true

test-rego: ## run only the built-in rules' Rego unit tests (seconds)
	CGO_ENABLED=0 $(GO) test ./policies -run '^TestRego$$' -count 1 -v

# Fuzzing: `go test -fuzz` takes one target of one package at a time. Seeds
# are in each package's testdata/fuzz/<Target>/ and run with every `make
# test`; a crasher found here is written there too, and becomes a seed.
#
# CI's smoke run counts executions (Nx) instead of timing them: with a
# duration, Go's fuzzing coordinator (up to go1.26, golang/go#75804) can
# report "context deadline exceeded" as a failure when the time runs out
# while a worker is busy, with no failing input; a count has no deadline.
FUZZTIME         ?= 60s
FUZZ_SMOKE_TIME  ?= 10000x
FUZZMINIMIZETIME ?= 60s
FUZZ_TARGETS     := ./pkg/inventory:FuzzParse ./internal/schema:FuzzValidate ./internal/lint:FuzzRun ./internal/openapi:FuzzLoad

.PHONY: fuzz fuzz-smoke
fuzz: ## run each fuzz target for FUZZTIME (default 60s)
	@set -e; for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; name=$${t##*:}; \
	  echo "== $$name ($$pkg) for $(FUZZTIME)"; \
	  $(GO) test $$pkg -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZETIME); \
	done

fuzz-smoke: ## run each fuzz target briefly (CI: FUZZ_SMOKE_TIME, default 10,000 executions)
	@$(MAKE) --no-print-directory fuzz FUZZTIME=$(FUZZ_SMOKE_TIME) FUZZMINIMIZETIME=100x

# Benchmarks (docs/performance.md). The end-to-end half generates
# inventories into BENCH_DIR (reused while the generator is unchanged) and
# times the built binary on them; the stage half runs the Go benchmarks of
# every stage and keeps their output for benchstat.
BENCH_DIR    ?= /tmp/ifacelint-bench
BENCH_SIZES  ?= 1,1000,10000
BENCH_RUNS   ?= 5
BENCH_HEAVY  ?= 10000
BENCH_STAGES ?= BenchmarkWalk|BenchmarkParse|BenchmarkRetained|BenchmarkValidate|BenchmarkCompile|BenchmarkNewEngine|BenchmarkEval$$|BenchmarkInput|BenchmarkSetInventory|BenchmarkReport|BenchmarkRender|BenchmarkRun|BenchmarkIndexRetained

.PHONY: bench
bench: build ## lint generated inventories (BENCH_SIZES) end to end, then the per-stage Go benchmarks
	$(GO) run -tags ifacelint_tools ./internal/inventorygen/cmd/bench -bin bin/ifacelint -dir $(BENCH_DIR) -sizes $(BENCH_SIZES) -heavy '$(BENCH_HEAVY)' -runs $(BENCH_RUNS)
	@mkdir -p $(BENCH_DIR)
	IFACELINT_BENCH_DIR=$(BENCH_DIR) IFACELINT_BENCH_RUN_SIZES=1000 \
	  $(GO) test ./pkg/inventory ./internal/schema ./internal/policy ./internal/format ./internal/lint \
	  -run '^$$' -bench '$(BENCH_STAGES)' -benchmem -count 1 | tee $(BENCH_DIR)/stages.txt

# Release archives (README "Install"): one per platform, the version
# stamped into the binary, and a SHA-256 checksum file. Archives are
# reproducible: sorted entries, fixed owner and time (the commit's).
DIST_DIR       ?= dist
DIST_PLATFORMS ?= linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64
DIST_EPOCH     ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: dist dist-check
dist: ## release archives for every platform in DIST_PLATFORMS, with checksums, into DIST_DIR
	@rm -rf $(DIST_DIR) && mkdir -p $(DIST_DIR)
	@set -e; for p in $(DIST_PLATFORMS); do \
	  os=$${p%/*}; arch=$${p#*/}; name=ifacelint_$(VERSION)_$${os}_$${arch}; \
	  exe=ifacelint; [ "$$os" = windows ] && exe=ifacelint.exe; \
	  echo "== $$name"; \
	  mkdir -p $(DIST_DIR)/$$name; \
	  CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -ldflags "-s -w $(LDFLAGS)" \
	    -o $(DIST_DIR)/$$name/$$exe ./cmd/ifacelint; \
	  cp README.md SECURITY.md LICENSE THIRD_PARTY_NOTICES $(DIST_DIR)/$$name/; \
	  touch -d @$(DIST_EPOCH) $(DIST_DIR)/$$name $(DIST_DIR)/$$name/*; \
	  if [ "$$os" = windows ]; then \
	    (cd $(DIST_DIR) && TZ=UTC zip -qX -r $$name.zip $$name); \
	  else \
	    tar -C $(DIST_DIR) --sort=name --owner=0 --group=0 --numeric-owner --mtime=@$(DIST_EPOCH) \
	      -cf - $$name | gzip -n > $(DIST_DIR)/$$name.tar.gz; \
	  fi; \
	  rm -rf $(DIST_DIR)/$$name; \
	done
	@cd $(DIST_DIR) && sha256sum ifacelint_* > checksums.txt && cat checksums.txt

dist-check: dist ## build the archives, verify the checksums, run this platform's binary and check its version
	@cd $(DIST_DIR) && sha256sum -c --quiet checksums.txt
	@set -e; host=$$($(GO) env GOOS)_$$($(GO) env GOARCH); tmp=$$(mktemp -d); \
	  tar -C $$tmp -xzf $(DIST_DIR)/ifacelint_$(VERSION)_$$host.tar.gz; \
	  got=$$($$tmp/ifacelint_$(VERSION)_$$host/ifacelint version); rm -rf $$tmp; \
	  echo "$$host: $$got"; \
	  case "$$got" in *"$(VERSION)"*) ;; *) echo "version $$got, want $(VERSION)"; exit 1;; esac
	@for f in $(DIST_DIR)/*.tar.gz; do for m in /ifacelint /LICENSE /THIRD_PARTY_NOTICES; do \
	  tar -tzf $$f | grep -q "$$m\$$" || { echo "$$f holds no $${m#/}"; exit 1; }; done; done
	@for f in $(DIST_DIR)/*.zip; do for m in /ifacelint.exe /LICENSE /THIRD_PARTY_NOTICES; do \
	  unzip -l $$f | grep -q "$$m\$$" || { echo "$$f holds no $${m#/}"; exit 1; }; done; done

.PHONY: notices
notices: ## regenerate THIRD_PARTY_NOTICES (the licences of every module in the binary) from go.mod
	$(GO) run ./internal/notices/cmd/notices

# CI definitions: the GitHub Action (through this repository's workflow that
# uses it, so every input is checked against action.yml) and the workflow
# example, with actionlint (and shellcheck on run: scripts when installed).
ACTIONLINT_VERSION ?= v1.7.12

bin/actionlint:
	GOBIN=$(CURDIR)/bin $(GO) install github.com/rhysd/actionlint/cmd/actionlint@$(ACTIONLINT_VERSION)

.PHONY: lint-ci
lint-ci: bin/actionlint ## check action.yml, .github/workflows and examples/ci/github-actions.yml with actionlint
	bin/actionlint .github/workflows/*.yml examples/ci/github-actions.yml
