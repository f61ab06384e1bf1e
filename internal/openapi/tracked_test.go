package openapi

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestInsideGit(t *testing.T) {
	t.Parallel()
	for p, want := range map[string]bool{
		".git/config":        true,
		".GIT/HEAD":          true,
		"api/.Git/x":         true,
		"a/../.git/config":   true,
		"./.git":             true,
		".git./config":       true,
		".git /config":       true,
		"GIT~1/config":       true,
		"api/.gitignore":     false,
		"api/git/x.yaml":     false,
		".github/x.yaml":     false,
		"api/my.git/x.yaml":  false,
		"api/openapi.yaml":   false,
		"api/.git-keep.yaml": false,
	} {
		if got := insideGit(p); got != want {
			t.Errorf("insideGit(%q) = %v, want %v", p, got, want)
		}
	}
}

// In a git work tree only the files the repository tracks are read, and a
// refusal says the same whether the file exists or not; the state a cache
// keys on changes when tracking does.
func TestReaderTracked(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	t.Parallel()
	root := t.TempDir()
	files := map[string]string{
		"api/orders.yaml":    "openapi: 3.1.0\ninfo: {title: O, version: '1'}\npaths: {}\n",
		"api/refs.yaml":      "openapi: 3.1.0\ninfo: {title: R, version: '1'}\npaths:\n  /a: {$ref: 'secret.yaml#/paths/~1a'}\n",
		"api/secret.yaml":    "openapi: 3.1.0\ninfo: {title: S, version: '1'}\npaths:\n  /a:\n    get: {responses: {'200': {description: ok}}}\n",
		"api/untracked.yaml": "openapi: 3.1.0\ninfo: {title: U, version: '1'}\npaths: {}\n",
		".gitignore":         "api/secret.yaml\n",
	}
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	git("add", ".gitignore", "api/orders.yaml", "api/refs.yaml")

	describe := func(p string) (map[string]any, []string) {
		t.Helper()
		r, err := NewReader(context.Background(), root)
		if err != nil {
			t.Fatal(err)
		}
		facts, deps, err := r.Describe(p)
		if err != nil {
			t.Fatal(err)
		}
		return facts, deps
	}
	if facts, _ := describe("api/orders.yaml"); facts["error"] != nil {
		t.Errorf("tracked: %v", facts["error"])
	}
	const refused = ": the repository does not track it (git ls-files): only files it tracks are read"
	for _, p := range []string{"api/secret.yaml", "api/untracked.yaml", "api/ghost.yaml"} {
		if facts, _ := describe(p); facts["error"] != p+refused {
			t.Errorf("%s: error %q, want %q", p, facts["error"], p+refused)
		}
	}
	if facts, _ := describe("api/refs.yaml"); !strings.HasSuffix(fmt.Sprint(facts["error"]), `: $ref "secret.yaml#/paths/~1a"`+refused) {
		t.Errorf("$ref to an untracked file: %v", facts["error"])
	}

	// The state of an untracked file changes when it is added, and again
	// when it is removed from the index.
	state := func() [32]byte {
		r, err := NewReader(context.Background(), root)
		if err != nil {
			t.Fatal(err)
		}
		_, deps, err := r.Describe("api/untracked.yaml")
		if err != nil {
			t.Fatal(err)
		}
		fresh, _ := NewReader(context.Background(), root)
		return fresh.State(deps)
	}
	before := state()
	git("add", "api/untracked.yaml")
	if facts, _ := describe("api/untracked.yaml"); facts["error"] != nil {
		t.Errorf("added: %v", facts["error"])
	}
	tracked := state()
	git("rm", "-q", "--cached", "api/untracked.yaml")
	after := state()
	if before == tracked || tracked == after || before != after {
		t.Error("the state does not follow tracking")
	}
}

// Without git on PATH the index is read: the same files are tracked, and
// an index this reader does not understand refuses every description.
func TestReaderTrackedNoGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	root := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	for _, name := range []string{"api/a.yaml", "api/b.yaml"} {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("openapi: 3.1.0\ninfo: {title: A, version: '1'}\npaths: {}\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("add", "api/a.yaml")
	t.Setenv("PATH", "")
	describe := func(p string) any {
		t.Helper()
		r, err := NewReader(context.Background(), root)
		if err != nil {
			t.Fatal(err)
		}
		facts, _, err := r.Describe(p)
		if err != nil {
			t.Fatal(err)
		}
		return facts["error"]
	}
	if why := describe("api/a.yaml"); why != nil {
		t.Errorf("tracked, read from the index: %v", why)
	}
	want := "api/b.yaml: the repository does not track it (git ls-files): only files it tracks are read"
	if why := describe("api/b.yaml"); why != want {
		t.Errorf("untracked: %v, want %q", why, want)
	}
	// A damaged index: nothing is read.
	index := filepath.Join(root, ".git", "index")
	b, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	b[20] ^= 0xff
	if err := os.WriteFile(index, b, 0o644); err != nil {
		t.Fatal(err)
	}
	want = "api/a.yaml: cannot tell whether the repository tracks it: git is not installed, and cannot read the git index: its checksum does not match (or index.skipHash is set)"
	if why := describe("api/a.yaml"); why != want {
		t.Errorf("damaged index: %v, want %q", why, want)
	}
}
