# ifacelint — the front door. `make help` lists the targets.
GO      ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)

.PHONY: help build test lint docs

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

build: ## build bin/ifacelint
	$(GO) build -ldflags "$(LDFLAGS)" -o bin/ifacelint ./cmd/ifacelint

test: ## run every test: Go, Rego (through go test) and the end-to-end scripts
	$(GO) test ./...

lint: ## gofmt and go vet
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

docs: ## regenerate docs/rules.md from the rules' METADATA
	$(GO) run ./cmd/ifacelint rules -f markdown > docs/rules.md.tmp && mv docs/rules.md.tmp docs/rules.md
