package lint_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/ifacelint/ifacelint/internal/inventorygen/fixture"
	"github.com/ifacelint/ifacelint/internal/lint"
)

// TestReadTwiceSameFindings: the engine may read a file
// twice (an index pass, then an evaluation pass) only if the results are
// the same as with one pass. A run evaluates most documents before the
// index is complete, and defers those whose evaluation reads it. Lint a
// generated inventory (every rule planted, duplicate ids and third-party
// references across files, ThirdParty documents after the Interfaces that
// name them) with every document deferred (the one-pass result), and
// normally, keeping every deferred file, none, and some; and with targets.
func TestReadTwiceSameFindings(t *testing.T) {
	dir, _ := fixture.Inventory(t, 300)
	run := func(hold int, targets ...string) *lint.Result {
		t.Helper()
		opts := fixture.LintOptions(t)
		opts.Inventory = []string{dir}
		opts.Targets = targets
		opts.HoldFiles = hold
		res, err := lint.Run(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	lint.SetDeferAll(true)
	all := run(1 << 30)
	lint.SetDeferAll(false)
	if len(all.Findings) < 50 {
		t.Fatalf("only %d findings: the inventory should plant every rule", len(all.Findings))
	}
	for _, hold := range []int{1 << 30, -1, 1, 40} {
		if got := run(hold); !reflect.DeepEqual(got, all) {
			t.Errorf("holding %d files: %d findings, %d files, %d documents; holding all: %d, %d, %d",
				hold, len(got.Findings), got.Files, got.Documents, len(all.Findings), all.Files, all.Documents)
		}
	}

	// Targets: the same findings as the whole run has for those files.
	var targets []string
	want := map[string]bool{}
	for _, f := range all.Findings {
		if len(targets) < 5 && !want[f.File] && f.Rule == "inventory/unique-id" || len(targets) < 10 && !want[f.File] && strings.HasPrefix(f.Rule, "third-party/") {
			targets = append(targets, f.File)
			want[f.File] = true
		}
	}
	if len(targets) == 0 {
		t.Fatal("no file with a cross-document finding")
	}
	var wantFindings []lint.Finding
	for _, f := range all.Findings {
		if want[f.File] {
			wantFindings = append(wantFindings, f)
		}
	}
	for _, hold := range []int{-1, 1 << 30} {
		if got := run(hold, targets...); !reflect.DeepEqual(got.Findings, wantFindings) {
			t.Errorf("holding %d, targets %q: %d findings, want %d", hold, targets, len(got.Findings), len(wantFindings))
		}
	}
}
