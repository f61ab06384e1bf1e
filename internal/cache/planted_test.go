package cache

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// A cache directory inside a work tree is used only while the repository
// tracks nothing in it; outside a work tree it is the user's.
func TestPlanted(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	ctx := context.Background()
	if Planted(ctx, filepath.Join(t.TempDir(), "cache")) {
		t.Error("a directory outside any work tree counts as planted")
	}
	repo := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", repo, "-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	cacheDir := filepath.Join(repo, ".ifacelint-cache")
	if Planted(ctx, cacheDir) {
		t.Error("a cache directory not yet created counts as planted")
	}
	s, err := Open(cacheDir, 0)
	if err != nil {
		t.Fatal(err)
	}
	s.Space(ns, here).Put(key("k"), []byte("entry"))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if Planted(ctx, cacheDir) {
		t.Error("an untracked cache directory in a work tree counts as planted")
	}
	git("add", "-A")
	git("commit", "-q", "-m", "planted")
	if !Planted(ctx, cacheDir) {
		t.Error("a cache directory the repository tracks does not count as planted")
	}
	if !Planted(ctx, filepath.Join(cacheDir, formatDir)) {
		t.Error("a directory below tracked files does not count as planted")
	}
	if err := os.RemoveAll(filepath.Join(repo, ".git")); err != nil {
		t.Fatal(err)
	}
}
