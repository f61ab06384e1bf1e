package vcs

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
)

// Tracked lists what git tracks, staged files included, and nothing it
// ignores or was never told of; outside a repository nothing is known.
func TestTracked(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	t.Parallel()
	dir := t.TempDir()
	run := func(args ...string) {
		t.Helper()
		cmd, err := Command(context.Background(), dir, args...)
		if err != nil {
			t.Fatal(err)
		}
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	run("init", "-q")
	for _, f := range []string{"a.yaml", "sub/b.yml", "untracked.yaml"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), []byte("x: 1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run("add", "a.yaml", "sub/b.yml")
	got, ok := Tracked(context.Background(), filepath.Join(dir, "sub"))
	real, _ := filepath.EvalSymlinks(dir)
	want := []string{filepath.Join(real, "a.yaml"), filepath.Join(real, "sub", "b.yml")}
	if !ok || !slices.Equal(got, want) {
		t.Errorf("Tracked = %q, %v; want %q", got, ok, want)
	}
	if got, ok := Tracked(context.Background(), t.TempDir()); ok || got != nil {
		t.Errorf("outside a repository: %q, %v", got, ok)
	}
}
