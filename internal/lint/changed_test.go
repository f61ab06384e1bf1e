package lint_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ifacelint/ifacelint/internal/inventorygen/fixture"
	"github.com/ifacelint/ifacelint/internal/lint"
)

// TestFileChangedBetweenReads: a file that changes between the index pass
// and the evaluation pass ends the run with an error (exit 2), never a
// result mixing two versions of it.
func TestFileChangedBetweenReads(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.yaml")
	doc := "apiVersion: ifacelint/v1\nkind: Interface\nmetadata:\n  id: a\n  name: A\nspec:\n  type: api\n  direction: inbound\n  exposure: internal\n"
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	// Only deferred documents are read again: defer every one.
	lint.SetDeferAll(true)
	defer lint.SetDeferAll(false)
	for _, hold := range []int{-1, 0} {
		opts := fixture.LintOptions(t)
		opts.Inventory = []string{dir}
		opts.HoldFiles = hold
		lint.SetAfterIndexPass(func() {
			if err := os.WriteFile(path, []byte(doc+"# edited\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		})
		_, err := lint.Run(context.Background(), opts)
		lint.SetAfterIndexPass(nil)
		if hold < 0 {
			if err == nil || !strings.Contains(err.Error(), "a.yaml: the file changed while it was being linted") {
				t.Fatalf("read twice: err = %v, want the file changed", err)
			}
		} else if err != nil {
			t.Fatalf("read once: err = %v; a file kept from the first read is not read again", err)
		}
	}
}
