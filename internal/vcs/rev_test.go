package vcs

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckRef(t *testing.T) {
	for _, ref := range []string{"main", "origin/main", "v1.2.3", "0123456789abcdef0123456789abcdef01234567", "feature/x-y_z"} {
		if err := CheckRef(ref); err != nil {
			t.Errorf("CheckRef(%q) = %v, want nil", ref, err)
		}
	}
	for ref, why := range map[string]string{
		"":                           "empty",
		"-x":                         "option",
		"--upload-pack=touch /tmp/x": "option",
		"main branch":                "white space",
		"main\n":                     "white space",
		"ma\x01in":                   "control",
		"main~2":                     "'~'",
		"a..b":                       "..",
		"main@{1}":                   "@{",
		"a:b":                        "':'",
		"a/.hidden":                  "\".\"",
		"main\u202e":                 "format",
		"x/":                         "well-formed",
	} {
		err := CheckRef(ref)
		var re *RefError
		if !errors.As(err, &re) || !strings.Contains(err.Error(), why) {
			t.Errorf("CheckRef(%q) = %v, want a RefError saying %q", ref, err, why)
		}
	}
}

func gitT(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"}, args...)...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

func TestMirror(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	gitT(t, dir, "init", "-q")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(dir, "inv", "sub"), 0o755))
	must(os.WriteFile(filepath.Join(dir, "inv", "a.yaml"), []byte("a: 1\n"), 0o644))
	must(os.WriteFile(filepath.Join(dir, "inv", "big.yaml"), []byte(strings.Repeat("x", 100)), 0o644))
	must(os.WriteFile(filepath.Join(dir, "inv", "sub", "README.md"), []byte("no\n"), 0o644))
	must(os.Symlink("a.yaml", filepath.Join(dir, "inv", "link.yaml")))
	gitT(t, dir, "add", ".")
	gitT(t, dir, "commit", "-q", "-m", "base")
	must(os.WriteFile(filepath.Join(dir, "inv", "a.yaml"), []byte("a: 2\n"), 0o644))
	sel := func(p string) (int64, bool) { return 50, strings.HasSuffix(p, ".yaml") }
	rev, err := Mirror(context.Background(), filepath.Join(dir, "inv"), "main", sel, DefaultMirrorLimits)
	must(err)
	defer rev.Close()
	if got, _ := os.ReadFile(filepath.Join(rev.Root, "inv", "a.yaml")); string(got) != "a: 1\n" {
		t.Errorf("a.yaml = %q, want the committed content", got)
	}
	if info, err := os.Stat(filepath.Join(rev.Root, "inv", "big.yaml")); err != nil || info.Size() != 100 {
		t.Errorf("big.yaml: %v %v, want a file of 100 bytes", info, err)
	}
	for _, absent := range []string{"inv/link.yaml", "inv/sub/README.md"} {
		if _, err := os.Lstat(filepath.Join(rev.Root, absent)); err == nil {
			t.Errorf("%s is in the mirror", absent)
		}
	}
	if rev.WorkDir != filepath.Join(rev.Root, "inv") {
		t.Errorf("WorkDir = %s", rev.WorkDir)
	}
	if info, _ := os.Stat(rev.Root); info.Mode().Perm() != 0o700 {
		t.Errorf("mirror mode %v", info.Mode())
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "inv", "a.yaml")); string(got) != "a: 2\n" {
		t.Errorf("the work tree changed: %q", got)
	}
	root := rev.Root
	must(rev.Close())
	if _, err := os.Stat(root); err == nil {
		t.Error("Close left the mirror")
	}

	_, err = Mirror(context.Background(), dir, "nope", sel, DefaultMirrorLimits)
	if err == nil || !strings.Contains(err.Error(), "git fetch origin main") {
		t.Errorf("missing ref: %v", err)
	}
	_, err = Mirror(context.Background(), dir, "main", sel, MirrorLimits{MaxFiles: 1, MaxBytes: 1 << 20})
	if err == nil || !strings.Contains(err.Error(), "more than 1 files") {
		t.Errorf("file bound: %v", err)
	}
	_, err = Mirror(context.Background(), dir, "main", sel, MirrorLimits{MaxFiles: 10, MaxBytes: 4})
	if err == nil || !strings.Contains(err.Error(), "more than 4 bytes") {
		t.Errorf("byte bound: %v", err)
	}
	_, err = Mirror(context.Background(), t.TempDir(), "main", sel, DefaultMirrorLimits)
	if !errors.Is(err, ErrNotRepository) {
		t.Errorf("outside a repository: %v", err)
	}
}
