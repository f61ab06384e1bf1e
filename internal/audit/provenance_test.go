package audit

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

func TestGitState(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	outside := t.TempDir()
	if got := GitState(ctx, []string{outside}); got != NotInGit {
		t.Errorf("outside a repository: %q, want %q", got, NotInGit)
	}
	if got := GitState(ctx, nil); got != NotInGit {
		t.Errorf("no roots: %q", got)
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	repo := t.TempDir()
	inv := filepath.Join(repo, "inventory")
	if err := os.MkdirAll(inv, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(inv, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-c", "user.name=test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+repo)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	write("a.yaml", "kind: Interface\n")
	if got := GitState(ctx, []string{inv}); got != "no commit yet"+Uncommitted {
		t.Errorf("before the first commit: %q", got)
	}
	git("add", ".")
	git("commit", "-q", "-m", "inventory")
	hash := regexp.MustCompile(`^[0-9a-f]{40}$`)
	clean := GitState(ctx, []string{inv})
	if !hash.MatchString(clean) {
		t.Fatalf("committed inventory: %q, want a commit hash", clean)
	}
	// A root that is a file: git runs in its directory.
	if got := GitState(ctx, []string{filepath.Join(inv, "a.yaml")}); got != clean {
		t.Errorf("file root: %q, want %q", got, clean)
	}
	// A change outside the inventory paths does not count.
	if err := os.WriteFile(filepath.Join(repo, "README"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := GitState(ctx, []string{inv}); got != clean {
		t.Errorf("change outside the inventory: %q, want %q", got, clean)
	}
	write("b.yaml", "kind: Interface\n") // untracked
	if got := GitState(ctx, []string{inv}); got != clean+Uncommitted {
		t.Errorf("untracked inventory file: %q, want %q", got, clean+Uncommitted)
	}
}
