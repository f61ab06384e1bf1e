package layers

import (
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/ifacelint/ifacelint/"

// Only internal/policy (the engine) and internal/builtins import OPA
// themselves. opaAllowed are the packages that depend on OPA today through
// them: those that drive the engine. It is a ratchet: a package not listed that
// starts to depend on OPA fails the test, and a listed package that no
// longer does fails it too, so the list only shrinks. A package that only
// describes rules or findings (config, format, audit, graph, waiver) reads
// internal/rules and internal/finding, which do not reach OPA. The run
// (internal/lint) drives the engine through an interface of its own
// (lint.Evaluator) and the types of internal/ruleeval.
var opaAllowed = []string{
	"cmd/ifacelint",
	"internal/app", // through the engine (policy.StartEngine) and lint
	"internal/inventorygen/fixture",
	"internal/builtins",
	"internal/policy",
	"pkg/lint", // runs the engine through internal/app
}

// leaves import nothing of the module but what is listed: what many
// packages need stays cheap to import.
var leaves = map[string][]string{
	"internal/credential": nil,
	"internal/risk":       nil,
	"internal/safefile":   nil,
	"internal/vcs":        {"internal/safefile"},
	"internal/frameworks": nil,
	"internal/tooltest":   nil,
	"internal/golden":     nil,
	"internal/dates":      nil,
	"internal/scaffold":   {"internal/schema"},
	"internal/rules":      {"internal/frameworks"},
	"internal/ruleeval":   nil,
	"internal/textsafe":   {"internal/credential"},
	"internal/finding":    {"internal/rules", "internal/waiver", "pkg/inventory"},
	"internal/change":     {"internal/rules", "pkg/inventory"},
	// The gate compares what the loaders read; it reads and runs nothing.
	"internal/gate": {"internal/baseline", "internal/config", "internal/dates", "internal/finding",
		"internal/rules", "internal/waiver", "pkg/inventory"},
}

type listed struct {
	ImportPath string
	Dir        string
	GoFiles    []string
	Imports    []string
	Deps       []string
}

func TestLayers(t *testing.T) {
	t.Parallel()
	cmd := exec.Command("go", "list", "-json", "../../...")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(out)
	var pkgs []listed
	for {
		var p listed
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
		// go test caches a result by the files the test looks at, and go
		// list's reads are not the test's: look at every source file, so
		// an edit that changes the layering runs the test again.
		for _, f := range p.GoFiles {
			if _, err := os.Stat(filepath.Join(p.Dir, f)); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("go list: %v", err)
	}
	if len(pkgs) < 10 {
		t.Fatalf("go list found %d packages", len(pkgs))
	}
	seen := map[string]bool{}
	for _, p := range pkgs {
		name := strings.TrimPrefix(p.ImportPath, module)
		seen[name] = true
		usesOPA := slices.ContainsFunc(p.Deps, func(d string) bool {
			return strings.HasPrefix(d, "github.com/open-policy-agent/opa/")
		})
		importsOPA := slices.ContainsFunc(p.Imports, func(d string) bool {
			return strings.HasPrefix(d, "github.com/open-policy-agent/opa/")
		})
		if importsOPA && name != "internal/policy" && name != "internal/builtins" {
			t.Errorf("%s imports OPA: only the engine (internal/policy) and the built-ins (internal/builtins) do; others use the engine through internal/policy", name)
		}
		switch allowed := slices.Contains(opaAllowed, name); {
		case usesOPA && !allowed:
			t.Errorf("%s depends on OPA: only the engine and the built-ins may (import a leaf for severities, escaping or dates)", name)
		case !usesOPA && allowed:
			t.Errorf("%s no longer depends on OPA: take it off opaAllowed", name)
		}
		if allowedImports, isLeaf := leaves[name]; isLeaf {
			for _, imp := range p.Imports {
				if rest, ours := strings.CutPrefix(imp, module); ours && !slices.Contains(allowedImports, rest) {
					t.Errorf("%s is a leaf and imports %s", name, rest)
				}
			}
		}
	}
	for _, name := range append(slices.Clone(opaAllowed), keys(leaves)...) {
		if !seen[name] {
			t.Errorf("%s is listed but is no package of the module", name)
		}
	}
}

func keys(m map[string][]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
