package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// deterministicFormats are the formats whose output must be byte-identical
// for the same inventory: JSON and SARIF hold no timings and a stable order
// (docs/output.md), and GitLab's fingerprints must be stable across runs.
// (text shows the time taken; junit, github and markdown make no such
// promise, though today they keep it too.)
var deterministicFormats = []string{"json", "sarif", "gitlab"}

// The same inventory gives byte-identical machine output across runs and
// whatever the parallelism: files are loaded and documents evaluated
// concurrently (GOMAXPROCS workers), and none of that may show.
func TestDeterministicOutput(t *testing.T) {
	t.Parallel()
	bin := toolPath(t)
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	inventories := map[string]struct {
		dir  string
		args []string
	}{
		// With its config: cross-document rules, waivers, severities.
		"examples": {filepath.Join(root, "examples"), nil},
		// File-level findings, multi-document files, odd YAML.
		"hostile": {filepath.Join(root, "testdata/hostile"), []string{"."}},
	}
	for name, inv := range inventories {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			out := t.TempDir()
			first := map[string][]byte{}
			for _, procs := range []string{"1", "2", "8", "1", "2", "8"} {
				args := []string{"lint", "--now", "2026-06-01"}
				for _, f := range deterministicFormats {
					args = append(args, "-f", f+"="+filepath.Join(out, f))
				}
				r := runTool(t, bin, inv.dir, []string{"GOMAXPROCS=" + procs}, append(args, inv.args...)...)
				r.checkSafe(t)
				for _, f := range deterministicFormats {
					got, err := os.ReadFile(filepath.Join(out, f))
					if err != nil {
						t.Fatal(err)
					}
					if !bytes.Contains(got, []byte(`"rule"`)) && f == "json" {
						t.Fatalf("%s output holds no finding; the comparison would prove little:\n%s", f, got)
					}
					want, seen := first[f]
					if !seen {
						first[f] = got
						continue
					}
					if !bytes.Equal(got, want) {
						t.Errorf("%s output with GOMAXPROCS=%s differs from the first run:\n%s", f, procs, firstDiff(want, got))
					}
				}
			}
		})
	}
}

// firstDiff shows where two outputs part, with some context.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-200)
	return "first run: …" + string(a[from:min(len(a), i+200)]) + "\nthis run:  …" + string(b[from:min(len(b), i+200)])
}
