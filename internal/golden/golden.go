// Package golden compares test output with golden files under a package's
// testdata/ directory. For tests only; `go test ./pkg/X -update` rewrites
// the files of package X. A difference prints a line diff, not both files;
// under CI (CI set) -update is refused, so a CI run can never bless its own
// output.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// Check compares got with testdata/name, after rewriting the file first
// when -update is set.
func Check(t testing.TB, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s: -update is refused under CI: rewrite golden files on a developer machine and review the diff", path)
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (rewrite it with go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (rewrite it with go test -update):\n%s", path, Diff(string(want), string(got)))
	}
}

// maxDiffLines bounds what Diff prints.
const maxDiffLines = 60

// Diff returns a line diff of want and got ("-" want, "+" got), with two
// lines of context around each change and at most maxDiffLines lines. Past
// a size where the longest common subsequence would be costly, it shows
// the first differing line of each.
func Diff(want, got string) string {
	a, b := strings.SplitAfter(want, "\n"), strings.SplitAfter(got, "\n")
	if len(a)*len(b) > 25_000_000 {
		for i := 0; i < min(len(a), len(b)); i++ {
			if a[i] != b[i] {
				return fmt.Sprintf("line %d:\n-%s+%s", i+1, a[i], b[i])
			}
		}
		return fmt.Sprintf("want %d lines, got %d", len(a), len(b))
	}
	// lcs[i][j]: the longest common subsequence of a[i:] and b[j:].
	lcs := make([][]int32, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int32, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	type op struct {
		kind byte // ' ', '-', '+'
		line string
		at   int // line number in want (for ' ' and '-') or got
	}
	var ops []op
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			ops = append(ops, op{' ', a[i], i + 1})
			i, j = i+1, j+1
		case j < len(b) && (i == len(a) || lcs[i][j+1] >= lcs[i+1][j]):
			ops = append(ops, op{'+', b[j], j + 1})
			j++
		default:
			ops = append(ops, op{'-', a[i], i + 1})
			i++
		}
	}
	const context = 2
	var out strings.Builder
	shown, lines := -1, 0
	for k := range ops {
		if ops[k].kind == ' ' {
			continue
		}
		for c := max(shown+1, k-context); c <= min(len(ops)-1, k+context); c++ {
			if c > shown+1 && shown >= 0 && lines > 0 {
				out.WriteString("…\n")
			}
			if lines == maxDiffLines {
				out.WriteString("… (diff cut)\n")
				return out.String()
			}
			line := strings.TrimSuffix(ops[c].line, "\n")
			fmt.Fprintf(&out, "%c%5d %s\n", ops[c].kind, ops[c].at, line)
			shown, lines = c, lines+1
		}
	}
	return out.String()
}
