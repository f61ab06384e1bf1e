package layers

import (
	"bufio"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The Makefile's test tiers (CONTRIBUTING.md): `make test-full` runs the
// race detector only on RACE_PKGS, and the tool tests only as TOOL_TESTS
// lists them. These tests keep the lists from rotting: a package that
// starts to run code concurrently, or a new tool test, fails them until it
// is listed.

type testPkg struct {
	ImportPath   string
	Dir          string
	GoFiles      []string
	TestGoFiles  []string
	XTestGoFiles []string
	Imports      []string
}

// TestRaceList: every package whose non-test files start a goroutine, use
// a channel or import sync (or sync/atomic) is on RACE_PKGS, and every
// entry of RACE_PKGS is a package of the module.
func TestRaceList(t *testing.T) {
	t.Parallel()
	listed := makeList(t, "RACE_PKGS")
	if len(listed) == 0 {
		t.Fatal("the Makefile has no RACE_PKGS += lines")
	}
	pkgs := listTestPkgs(t)
	known := map[string]bool{}
	for _, p := range pkgs {
		name := strings.TrimPrefix(p.ImportPath, module)
		known[name] = true
		why := concurrency(t, p)
		if why != "" && !slices.Contains(listed, name) {
			t.Errorf("%s %s, but is not on the Makefile's RACE_PKGS: add it (RACE_PKGS += ./%s) with a comment saying why", name, why, name)
		}
	}
	for _, name := range listed {
		if !known[name] {
			t.Errorf("RACE_PKGS lists %s, which is no package of the module", name)
		}
	}
}

// concurrency says why the non-test files of p run code concurrently (a go
// statement, a channel, sync), or "" when they do not.
func concurrency(t *testing.T, p testPkg) string {
	t.Helper()
	fset := token.NewFileSet()
	for _, f := range p.GoFiles {
		path := filepath.Join(p.Dir, f)
		file, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range file.Imports {
			switch v := strings.Trim(imp.Path.Value, `"`); {
			case v == "sync", v == "sync/atomic", strings.HasPrefix(v, "golang.org/x/sync/"):
				return "imports " + v + " (" + f + ")"
			}
		}
		why := ""
		ast.Inspect(file, func(n ast.Node) bool {
			switch n.(type) {
			case *ast.GoStmt:
				why = fmt.Sprintf("starts a goroutine (%s:%d)", f, fset.Position(n.Pos()).Line)
			case *ast.ChanType:
				why = fmt.Sprintf("uses a channel (%s:%d)", f, fset.Position(n.Pos()).Line)
			}
			return why == ""
		})
		if why != "" {
			return why
		}
	}
	return ""
}

// TestToolList: every test in a test file that imports internal/tooltest
// or internal/mermaidcheck, and every test of a package that imports
// internal/tooltest itself, is listed under its package in the Makefile's
// TOOL_TESTS, and every test listed there exists.
func TestToolList(t *testing.T) {
	t.Parallel()
	listed := map[string][]string{}
	for _, entry := range makeList(t, "TOOL_TESTS") {
		pkg, tests, ok := strings.Cut(entry, ":")
		if !ok || tests == "" {
			t.Fatalf("TOOL_TESTS entry %q: want ./PACKAGE:TEST,TEST,...", entry)
		}
		listed[pkg] = append(listed[pkg], strings.Split(tests, ",")...)
	}
	if len(listed) == 0 {
		t.Fatal("the Makefile has no TOOL_TESTS += lines")
	}
	tooltest, mermaidcheck := module+"internal/tooltest", module+"internal/mermaidcheck"
	seen := map[string]bool{}
	for _, p := range listTestPkgs(t) {
		name := strings.TrimPrefix(p.ImportPath, module)
		seen[name] = true
		harness := slices.Contains(p.Imports, tooltest) && name != "internal/tooltest"
		fset := token.NewFileSet()
		var all, tool []string
		for _, f := range slices.Concat(p.TestGoFiles, p.XTestGoFiles) {
			file, err := parser.ParseFile(fset, filepath.Join(p.Dir, f), nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			needs := harness
			for _, imp := range file.Imports {
				if v := strings.Trim(imp.Path.Value, `"`); v == tooltest || v == mermaidcheck {
					needs = true
				}
			}
			for _, d := range file.Decls {
				fn, ok := d.(*ast.FuncDecl)
				if !ok || fn.Recv != nil || !isTest(fn.Name.Name) {
					continue
				}
				all = append(all, fn.Name.Name)
				if needs {
					tool = append(tool, fn.Name.Name)
					if !slices.Contains(listed[name], fn.Name.Name) {
						t.Errorf("%s: %s (%s) needs a program beyond Go, but the Makefile's TOOL_TESTS does not list it under ./%s: make test-full would never run it", name, fn.Name.Name, f, name)
					}
				}
			}
		}
		for _, test := range listed[name] {
			if !slices.Contains(all, test) {
				t.Errorf("TOOL_TESTS lists %s in %s, which has no such test", test, name)
			} else if !slices.Contains(tool, test) {
				t.Errorf("TOOL_TESTS lists %s in %s, which needs no program beyond Go: make test runs it", test, name)
			}
		}
	}
	for name := range listed {
		if !seen[name] {
			t.Errorf("TOOL_TESTS names %s, which is no package of the module", name)
		}
	}
}

func isTest(name string) bool {
	rest, ok := strings.CutPrefix(name, "Test")
	return ok && rest != "" && rest != "Main" && !(rest[0] >= 'a' && rest[0] <= 'z')
}

// makeList reads the Makefile's `VAR += ./path...` lines: the values, the
// ./ taken off.
func makeList(t *testing.T, variable string) []string {
	t.Helper()
	f, err := os.Open("../../Makefile")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), variable+" += ")
		if !ok {
			continue
		}
		for _, v := range strings.Fields(rest) {
			out = append(out, strings.TrimPrefix(v, "./"))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// listTestPkgs lists the module's packages with their test files.
func listTestPkgs(t *testing.T) []testPkg {
	t.Helper()
	cmd := exec.Command("go", "list", "-json=ImportPath,Dir,GoFiles,TestGoFiles,XTestGoFiles,Imports", "../../...")
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	var pkgs []testPkg
	for {
		var p testPkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) < 10 {
		t.Fatalf("go list found %d packages", len(pkgs))
	}
	return pkgs
}
