package vcs

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// memListings is Listings in memory.
type memListings map[string][]byte

func (m memListings) Get(commit string) ([]byte, bool) { p, ok := m[commit]; return p, ok }
func (m memListings) Put(commit string, p []byte)      { m[commit] = bytes.Clone(p) }

// gitLog puts a git on PATH that logs each command's arguments before
// running the real one, and returns a function giving the commands run
// since the last call.
func gitLog(t *testing.T) func() []string {
	t.Helper()
	real, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not installed")
	}
	bin := t.TempDir()
	log := filepath.Join(bin, "log")
	script := "#!/bin/sh\necho \"$*\" >> " + log + "\nexec " + real + " \"$@\"\n"
	if err := os.WriteFile(filepath.Join(bin, "git"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	return func() []string {
		data, _ := os.ReadFile(log)
		_ = os.Remove(log)
		return strings.Split(strings.TrimSpace(string(data)), "\n")
	}
}

func ran(cmds []string, sub string) bool {
	for _, c := range cmds {
		if strings.Contains(c, sub) {
			return true
		}
	}
	return false
}

// listingRepo makes a repository whose commit holds nested directories,
// names git orders with care ("a-b" before "a/"), an executable, a
// symlink, a submodule and a file over the selection's limit, and returns
// its directory and the commit.
func listingRepo(t *testing.T, format string) (string, string) {
	t.Helper()
	dir := t.TempDir()
	if format != "" {
		gitT(t, dir, "init", "-q", "--object-format="+format)
	} else {
		gitT(t, dir, "init", "-q")
	}
	for rel, content := range map[string]string{
		"inv/a.yaml":             "a: 1\n",
		"inv/sub/b.yaml":         "b: 1\n",
		"inv/sub/deeper/c.yaml":  "c: 1\n",
		"inv/sub-x/d.yaml":       "d: 1\n",
		"a-b/x.yaml":             "x: 1\n",
		"a/x.yaml":               "x: 2\n",
		"inv/big.yaml":           strings.Repeat("x", 300),
		"policies/p.rego":        "package p\n",
		"README.md":              "no\n",
		"tools/run.sh":           "#!/bin/sh\n",
		"inv/sub/deeper/e/f.yml": "f: 1\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(filepath.Join(dir, "tools", "run.sh"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("a.yaml", filepath.Join(dir, "inv", "link.yaml")); err != nil {
		t.Fatal(err)
	}
	gitT(t, dir, "add", ".")
	gitT(t, dir, "commit", "-q", "-m", "base")
	head := gitT(t, dir, "rev-parse", "HEAD")
	gitT(t, dir, "update-index", "--add", "--cacheinfo", "160000,"+head+",inv/sub/module")
	gitT(t, dir, "commit", "-q", "-m", "submodule")
	return dir, gitT(t, dir, "rev-parse", "HEAD")
}

// TestMirrorListings: the commit's listing is kept (Listings) and a second
// run asks git for none; a kept listing that is altered (an object id, a
// size), or of another commit, is not used: git lists the commit, and the
// mirror holds the commit's files.
func TestMirrorListings(t *testing.T) {
	ctx := context.Background()
	log := gitLog(t)
	dir, commit := listingRepo(t, "")
	sel := func(p string) (int64, bool) {
		return 100, strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")
	}
	mirror := func(l Listings) *Revision {
		t.Helper()
		rev, err := MirrorHeld(ctx, dir, "main", commit, "", sel, nil, DefaultMirrorLimits, l)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = rev.Close() })
		if got, err := os.ReadFile(filepath.Join(rev.Root, "inv", "a.yaml")); err != nil || string(got) != "a: 1\n" {
			t.Errorf("inv/a.yaml = %q, %v; want the commit's", got, err)
		}
		if info, err := os.Stat(filepath.Join(rev.Root, "inv", "big.yaml")); err != nil || info.Size() != 300 {
			t.Errorf("inv/big.yaml: %v, %v; want a sparse file of 300 bytes", info, err)
		}
		return rev
	}
	log()
	plain := mirror(nil)
	if !ran(log(), "ls-tree") {
		t.Fatal("git ls-tree did not run")
	}
	kept := memListings{}
	cold := mirror(kept)
	if !ran(log(), "ls-tree") || len(kept) != 1 || kept[commit] == nil {
		t.Fatalf("the listing was not kept: %d entries", len(kept))
	}
	warm := mirror(kept)
	cmds := log()
	if ran(cmds, "ls-tree") {
		t.Errorf("a warm run asked git for the listing: %q", cmds)
	}
	if !ran(cmds, "--batch-check") {
		t.Errorf("the size of the file over its limit was not checked: %q", cmds)
	}
	for _, r := range []*Revision{cold, warm} {
		if !slices.Equal(r.tree, plain.tree) || r.Files != plain.Files || r.Bytes != plain.Bytes {
			t.Errorf("the mirror differs: %v %d %d, want %v %d %d", r.tree, r.Files, r.Bytes, plain.tree, plain.Files, plain.Bytes)
		}
	}

	payload := kept[commit]
	forged := func(name string, edit func([]byte) []byte) {
		t.Run(name, func(t *testing.T) {
			m := memListings{commit: edit(bytes.Clone(payload))}
			if bytes.Equal(m[commit], payload) {
				t.Fatal("the edit changed nothing")
			}
			rev := mirror(m)
			if cmds := log(); !ran(cmds, "ls-tree") {
				t.Errorf("a forged listing was used: %q", cmds)
			}
			if !slices.Equal(rev.tree, plain.tree) {
				t.Errorf("tree = %v, want %v", rev.tree, plain.tree)
			}
			if !bytes.Equal(m[commit], payload) {
				t.Error("the listing was not kept again")
			}
		})
	}
	object := func(path string) string {
		i, ok := findEntry(plain.tree, path)
		if !ok {
			t.Fatalf("%s not in the tree", path)
		}
		return plain.tree[i].object
	}
	a, c := object("inv/a.yaml"), object("inv/sub/deeper/c.yaml")
	// Another blob of the repository as inv/a.yaml's: the base would hold
	// other bytes there.
	forged("object", func(p []byte) []byte {
		return bytes.Replace(p, []byte(a+"       5\tinv/a.yaml"), []byte(c+"       5\tinv/a.yaml"), 1)
	})
	// inv/a.yaml's size over its limit: the mirror would hold a sparse
	// file, which every reader refuses for its size.
	forged("size", func(p []byte) []byte {
		return bytes.Replace(p, []byte(a+"       5\tinv/a.yaml"), []byte(a+"     500\tinv/a.yaml"), 1)
	})
	// inv/a.yaml's size smaller than its bytes: git's is the size read.
	forged("size-smaller", func(p []byte) []byte {
		return bytes.Replace(p, []byte(a+"       5\tinv/a.yaml"), []byte(a+"       4\tinv/a.yaml"), 1)
	})
	forged("file-added", func(p []byte) []byte {
		return append(p, []byte("100644 blob "+c+"       5\tinv/added.yaml\x00")...)
	})
	forged("file-removed", func(p []byte) []byte {
		return bytes.Replace(p, []byte("100644 blob "+a+"       5\tinv/a.yaml\x00"), nil, 1)
	})
	forged("truncated", func(p []byte) []byte { return p[:len(p)/2] })
	// The listing of another commit of the repository, under this one.
	gitT(t, dir, "rm", "-q", "inv/a.yaml")
	gitT(t, dir, "commit", "-q", "-m", "other")
	other := gitT(t, dir, "rev-parse", "HEAD")
	l := memListings{}
	if _, err := MirrorHeld(ctx, dir, "other", other, "", sel, nil, DefaultMirrorLimits, l); err != nil {
		t.Fatal(err)
	}
	log()
	forged("other-commit", func([]byte) []byte {
		return bytes.Replace(l[other], []byte(other), []byte(commit), 1)
	})
}

// TestTreeHasher: the listing rebuilds the commit's tree id, in SHA-1 and
// in SHA-256 repositories, so a kept listing proves itself.
func TestTreeHasher(t *testing.T) {
	for _, format := range []string{"", "sha256"} {
		t.Run("format="+format, func(t *testing.T) {
			if _, err := exec.LookPath("git"); err != nil {
				t.Skip("git is not installed")
			}
			if format != "" {
				if out, err := exec.Command("git", "init", "-q", "--object-format="+format, t.TempDir()).CombinedOutput(); err != nil {
					t.Skipf("this git has no %s repositories: %s", format, out)
				}
			}
			dir, commit := listingRepo(t, format)
			out, _, err := git(context.Background(), dir, nil, "ls-tree", "-r", "-z", "-l", "--full-tree", commit)
			if err != nil {
				t.Fatal(err)
			}
			_, root, err := selectEntries("main", out, func(string) (int64, bool) { return 1 << 20, true }, DefaultMirrorLimits, len(commit) == 64, true)
			if err != nil {
				t.Fatal(err)
			}
			if want := gitT(t, dir, "rev-parse", commit+"^{tree}"); root != want {
				t.Errorf("rebuilt tree %s, want %s", root, want)
			}
			obj := []byte(gitT(t, dir, "cat-file", "commit", commit) + "\n")
			if got, tree, ok := openListing(encodeListing(commit, obj, out), commit); !ok || tree != root || !bytes.Equal(got, out) {
				t.Errorf("openListing: %v %s", ok, tree)
			}
		})
	}
}
