package waiver

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Waiver files inside a repository load by relative and absolute globs; a
// directory that is a symlink out of the repository is refused.
func TestLoadFilesInRepository(t *testing.T) {
	repo := t.TempDir()
	outside := t.TempDir()
	write := func(p, text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const file = "waivers:\n  - {kind: Interface, id: api, rule: change/managed, reason: r, approvedBy: a@example.com, expires: 2026-12-01}\n"
	write(filepath.Join(repo, ".git", "HEAD"), "ref: refs/heads/main\n")
	write(filepath.Join(repo, "w", "a.yaml"), file)
	write(filepath.Join(outside, "b.yaml"), file)
	if err := os.Symlink(outside, filepath.Join(repo, "out")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(repo)
	for _, base := range []string{".", repo} {
		f, err := LoadFiles(base, []string{"w/*.yaml"})
		if err != nil {
			t.Fatalf("base %s: %v", base, err)
		}
		if got := f.For("Interface", "api"); len(got) != 1 || got[0].ApprovedBy != "a@example.com" {
			t.Errorf("base %s: For = %+v", base, got)
		}
	}
	if _, err := LoadFiles(".", []string{"out/*.yaml"}); err == nil || !strings.Contains(err.Error(), "leads outside the repository") {
		t.Errorf("a waiver file through a symlink out: %v, want refused", err)
	}
}
