package vcs

import (
	"bytes"
	"context"
	"crypto/sha1"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
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

// TestMirrorHeld settles the held files by git diff and, with the files'
// metadata, by the index (changedByIndex).
func TestMirrorHeld(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	t.Run("git", func(t *testing.T) { testMirrorHeld(t, false) })
	t.Run("index", func(t *testing.T) { testMirrorHeld(t, true) })
}

func testMirrorHeld(t *testing.T, byIndex bool) {
	ctx := context.Background()
	dir := t.TempDir()
	gitT(t, dir, "init", "-q")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	write := func(rel, content string) {
		t.Helper()
		must(os.MkdirAll(filepath.Dir(filepath.Join(dir, rel)), 0o755))
		must(os.WriteFile(filepath.Join(dir, rel), []byte(content), 0o644))
	}
	write("inv/same.yaml", "same: 1\n")
	write("inv/changed.yaml", "changed: 1\n")
	write("inv/gone.yaml", "gone: 1\n")
	write("inv/kept-out.yaml", "kept: 1\n")
	write("api/d.json", "{}\n")
	write("policy.rego", "package x\n")
	gitT(t, dir, "add", ".")
	gitT(t, dir, "commit", "-q", "-m", "base")
	var stat func(string) (FileStat, bool)
	if byIndex {
		// The files older than the index, which git rewrites with their
		// metadata: none racily clean.
		old := time.Now().Add(-time.Hour)
		for _, rel := range []string{"inv/same.yaml", "inv/changed.yaml", "inv/gone.yaml", "inv/kept-out.yaml", "api/d.json", "policy.rego"} {
			must(os.Chtimes(filepath.Join(dir, filepath.FromSlash(rel)), old, old))
		}
		time.Sleep(10 * time.Millisecond)
		gitT(t, dir, "status", "--porcelain") // refreshes the index
		stat = func(rel string) (FileStat, bool) {
			info, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(rel)))
			if err != nil {
				return FileStat{}, false
			}
			st := info.Sys().(*syscall.Stat_t)
			return FileStat{Size: info.Size(), Mtime: st.Mtim.Nano(), Ctime: st.Ctim.Nano(), Ino: uint64(st.Ino), Dev: uint64(st.Dev)}, true
		}
	}
	write("inv/changed.yaml", "changed: 2\n")
	must(os.Remove(filepath.Join(dir, "inv", "gone.yaml")))
	write("inv/new.yaml", "new: 1\n")

	commit, prefix, err := Resolve(ctx, dir, "main")
	must(err)
	sel := func(p string) (int64, bool) { return 1 << 20, true }
	hold := func(p string) bool { return p != "policy.rego" }
	rev, err := MirrorHeld(ctx, dir, "main", commit, prefix, sel, hold, DefaultMirrorLimits, nil)
	must(err)
	defer rev.Close()
	// Only what is not held is written before Settle.
	if _, err := os.Stat(filepath.Join(rev.Root, "policy.rego")); err != nil {
		t.Errorf("policy.rego not written: %v", err)
	}
	if _, err := os.Stat(filepath.Join(rev.Root, "inv")); err == nil {
		t.Error("a held file's directory was made before Settle")
	}
	// Settle: kept-out and the description stay out (keep), changed and
	// gone are written with the commit's bytes, same.yaml is written
	// because keep refuses it.
	same, changed, err := rev.Settle(ctx, dir, dir, func(p string) bool { return p != "inv/same.yaml" }, stat)
	must(err)
	for _, p := range []string{"inv/changed.yaml", "inv/gone.yaml"} {
		if !changed[p] {
			t.Errorf("%s not changed: %v", p, changed)
		}
	}
	if byIndex {
		// The index answered: a file the index does not record, or with
		// other metadata, is changed; so is one the index marks unchanged.
		if c, ok := changedByIndex(dir, rev.tree, stat); !ok || len(c) != 2 {
			t.Errorf("changedByIndex = %v, %v; want inv/changed.yaml and inv/gone.yaml", c, ok)
		}
		gitT(t, dir, "update-index", "--assume-unchanged", "inv/same.yaml")
		if c, ok := changedByIndex(dir, rev.tree, stat); !ok || !c["inv/same.yaml"] {
			t.Errorf("an assume-unchanged file is not changed: %v, %v", c, ok)
		}
		gitT(t, dir, "update-index", "--no-assume-unchanged", "inv/same.yaml")
		// Racily clean: the file's modification is not older than the
		// index, whatever its metadata.
		now := time.Now().Add(time.Minute)
		must(os.Chtimes(filepath.Join(dir, "inv", "kept-out.yaml"), now, now))
		gitT(t, dir, "status", "--porcelain") // refreshes the index
		if c, ok := changedByIndex(dir, rev.tree, stat); !ok || !c["inv/kept-out.yaml"] {
			t.Errorf("a racily clean file is not changed: %v, %v", c, ok)
		}
		// A file of the tree the index does not record is changed.
		gitT(t, dir, "rm", "-q", "--cached", "inv/same.yaml")
		if c, ok := changedByIndex(dir, rev.tree, stat); !ok || !c["inv/same.yaml"] {
			t.Errorf("a file the index does not record is not changed: %v, %v", c, ok)
		}
	}
	if changed["inv/same.yaml"] || changed["inv/kept-out.yaml"] {
		t.Errorf("unchanged files reported changed: %v", changed)
	}
	object := map[string]string{}
	for _, f := range same {
		object[f.Path] = f.Object
	}
	if _, ok := object["inv/kept-out.yaml"]; !ok || len(same) != 2 || !slices.IsSortedFunc(same, func(a, b SameFile) int { return strings.Compare(a.Path, b.Path) }) {
		t.Errorf("same = %v, want inv/kept-out.yaml and api/d.json, sorted", same)
	}
	for rel, want := range map[string]string{"inv/changed.yaml": "changed: 1\n", "inv/gone.yaml": "gone: 1\n", "inv/same.yaml": "same: 1\n"} {
		if got, err := os.ReadFile(filepath.Join(rev.Root, rel)); err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want the commit's %q", rel, got, err, want)
		}
	}
	if _, err := os.Stat(filepath.Join(rev.Root, "api", "d.json")); err == nil {
		t.Error("api/d.json written before a reader asked")
	}
	// Ensure writes a file left out when asked for, with the commit's
	// bytes even when the work tree's differ.
	write("api/d.json", "{\"edited\": true}\n")
	rev.Ensure(ctx, filepath.Join(rev.Root, "api", "d.json"))
	rev.Ensure(ctx, filepath.Join(rev.Root, "inv", "nope.yaml")) // not the commit's: nothing
	must(rev.EnsureErr())
	if got, err := os.ReadFile(filepath.Join(rev.Root, "api", "d.json")); err != nil || string(got) != "{}\n" {
		t.Errorf("api/d.json = %q, %v; want the commit's bytes", got, err)
	}
	if _, err := os.Stat(filepath.Join(rev.Root, "inv", "nope.yaml")); err == nil {
		t.Error("Ensure wrote a file the commit does not have")
	}
	if !rev.Holds("inv") || !rev.Holds("api/d.json") || rev.Holds("in") || rev.Holds("nope") {
		t.Error("Holds")
	}
	data := []byte("same: 1\n")
	if id := BlobID(data, object["inv/kept-out.yaml"]); id == object["inv/kept-out.yaml"] {
		t.Error("BlobID of other bytes matched")
	}
	if id := gitT(t, dir, "rev-parse", "main:inv/same.yaml"); BlobID(data, id) != id {
		t.Errorf("BlobID(%q) != %s", data, id)
	}
}

// TestChangedByIndexOrder: the index and the tree are walked together,
// both sorted by path; an index whose entries are out of order is not one
// git wrote, and git is asked instead (a file skipped by the walk must
// never count as unchanged).
func TestChangedByIndexOrder(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	gitT(t, dir, "init", "-q")
	old := time.Now().Add(-time.Hour)
	var tree []entry
	for _, rel := range []string{"a.yaml", "b.yaml", "c.yaml"} {
		p := filepath.Join(dir, rel)
		if err := os.WriteFile(p, []byte(rel+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	gitT(t, dir, "add", ".")
	time.Sleep(10 * time.Millisecond)
	gitT(t, dir, "status", "--porcelain") // refreshes the index
	for _, rel := range []string{"a.yaml", "b.yaml", "c.yaml"} {
		tree = append(tree, entry{path: rel, object: strings.TrimSpace(gitT(t, dir, "rev-parse", ":"+rel))})
	}
	stat := func(rel string) (FileStat, bool) {
		info, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			return FileStat{}, false
		}
		st := info.Sys().(*syscall.Stat_t)
		return FileStat{Size: info.Size(), Mtime: st.Mtim.Nano(), Ctime: st.Ctim.Nano(), Ino: uint64(st.Ino), Dev: uint64(st.Dev)}, true
	}
	if c, ok := changedByIndex(dir, tree, stat); !ok || len(c) != 0 {
		t.Fatalf("changedByIndex = %v, %v; want nothing changed", c, ok)
	}
	// A file of the tree the index lacks, between two it records.
	if c, ok := changedByIndex(dir, []entry{tree[0], {path: "a.zz", object: tree[1].object}, tree[1], tree[2]}, stat); !ok || len(c) != 1 || !c["a.zz"] {
		t.Errorf("changedByIndex = %v, %v; want a.zz changed", c, ok)
	}
	// The first two entries swapped (same length: a 62-byte header, a
	// 6-byte name, padded to 72), under a valid checksum.
	path := filepath.Join(dir, ".git", "index")
	index, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const size = 72
	body := bytes.Clone(index[:len(index)-sha1.Size])
	if string(body[12+62:12+68]) != "a.yaml" || string(body[12+size+62:12+size+68]) != "b.yaml" {
		t.Fatalf("unexpected index layout: %q", body[12:12+2*size])
	}
	first := bytes.Clone(body[12 : 12+size])
	copy(body[12:], body[12+size:12+2*size])
	copy(body[12+size:], first)
	sum := sha1.Sum(body)
	if err := os.WriteFile(path, append(body, sum[:]...), 0o644); err != nil {
		t.Fatal(err)
	}
	if c, ok := changedByIndex(dir, tree, stat); ok {
		t.Errorf("an index out of order answered: %v", c)
	}
}
