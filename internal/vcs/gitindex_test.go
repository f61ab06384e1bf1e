package vcs

import (
	"crypto/sha1"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The index reader lists what git ls-files lists, for every index version
// git writes and both object formats.
func TestParseIndex(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	t.Parallel()
	names := []string{
		"a.yaml", "api/orders.yaml", "api/orders/paths/health.yaml", "b", "ünïcode/名前.yaml",
		"dir with space/x.yml", strings.Repeat("long/", 30) + "x.yaml", "z/" + strings.Repeat("n", 200),
	}
	for _, tc := range []struct {
		name  string
		init  []string
		setup [][]string
	}{
		{"v2", []string{"init", "-q"}, nil},
		{"v3 intent-to-add", []string{"init", "-q"}, [][]string{{"add", "-N", "late.yaml"}}},
		{"v4", []string{"init", "-q"}, [][]string{{"update-index", "--index-version", "4"}}},
		{"sha256", []string{"init", "-q", "--object-format=sha256"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			git := func(args ...string) []byte {
				t.Helper()
				cmd := exec.Command("git", args...)
				cmd.Dir = root
				cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1")
				out, err := cmd.Output()
				if err != nil {
					t.Skipf("git %v: %v", args, err) // an older git without the feature
				}
				return out
			}
			git(tc.init...)
			for _, n := range append(names, "late.yaml") {
				p := filepath.Join(root, filepath.FromSlash(n))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(n), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			git(append([]string{"add", "--"}, names...)...)
			for _, s := range tc.setup {
				git(s...)
			}
			want := map[string]bool{}
			for _, f := range strings.Split(string(git("ls-files", "-z", "--cached")), "\x00") {
				if f != "" {
					want[f] = true
				}
			}
			got, err := indexFiles(root)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Errorf("%d files, git lists %d", len(got), len(want))
			}
			for f := range want {
				if !got[f] {
					t.Errorf("git lists %q, the index reader does not", f)
				}
			}
		})
	}
}

// A split index keeps its entries elsewhere: refused, not misread. Damaged
// and truncated indexes are errors, never a panic.
func TestParseIndexRefuses(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	t.Parallel()
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
	for _, n := range []string{"a.yaml", "b/c.yaml"} {
		p := filepath.Join(root, filepath.FromSlash(n))
		_ = os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(n), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("add", ".")
	index, err := os.ReadFile(filepath.Join(root, ".git", "index"))
	if err != nil {
		t.Fatal(err)
	}
	body := index[:len(index)-sha1.Size]
	for i := range body {
		if _, err := parseIndex(index[:i]); err == nil {
			t.Errorf("cut at %d: no error", i)
		}
		// Damage under a valid checksum reaches the parser: an error or
		// some paths, never a panic.
		damaged := append([]byte(nil), body...)
		for _, x := range []byte{0x01, 0x80, 0xff} {
			damaged[i] = body[i] ^ x
			sum := sha1.Sum(damaged)
			_, _ = parseIndex(append(append([]byte(nil), damaged...), sum[:]...))
		}
		cut := sha1.Sum(body[:i])
		_, _ = parseIndex(append(append([]byte(nil), body[:i]...), cut[:]...))
	}
	git("update-index", "--split-index")
	if _, err := indexFiles(root); err == nil || !strings.Contains(err.Error(), "split or sparse index") {
		t.Errorf("split index: %v, want a refusal", err)
	}
}
