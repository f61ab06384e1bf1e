package main

import (
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// readOnlyRuns are the command lines run over a read-only copy of the
// example inventory: every command that reads an inventory (or its
// config), in the ways it can write output.
var readOnlyRuns = [][]string{
	{"lint"},
	{"lint", "-f", "json"},
	{"lint", "--now", "2026-06-01", "inventory/payments", "inventory/third-parties/suppliers.yaml"},
	{"lint", "--write-baseline", "$OUT/baseline.json"},
	{"lint", "--baseline", "$OUT/baseline.json", "-f", "text", "-f", "json=$OUT/lint.json"},
	{"validate"},
	{"validate", "-f", "json", "inventory"},
	{"rules"},
	{"rules", "-f", "json"},
	{"explain", "secrets/no-inline"},
	{"schema"},
	{"report"},
	{"report", "--now", "2026-06-01", "-f", "html=$OUT/report.html", "-f", "csv=$OUT/register.csv", "inventory"},
	{"graph"},
	{"graph", "-f", "dot"},
}

// notInventoryReaders are the commands that read no inventory, so the test
// does not run them (init and import write files by design, and refuse to
// overwrite any; import reads OpenAPI descriptions).
var notInventoryReaders = []string{"capabilities", "completion", "help", "import", "init", "test", "version"}

// No command writes to an inventory (docs/security.md, Limits). The copy is made
// read-only, but tests may run as root, which ignores permission bits, so
// the real check is a snapshot of every file's and directory's content
// hash, mode, size and mtime, taken before and compared after each run.
func TestCommandsDoNotWriteInventory(t *testing.T) {
	t.Parallel()
	// Every command is either run below or known not to read an inventory:
	// a new command must be added to one list or the other.
	tested := map[string]bool{}
	for _, r := range readOnlyRuns {
		tested[r[0]] = true
	}
	for _, c := range newRootCmd(nil, io.Discard, io.Discard).Commands() {
		if !tested[c.Name()] && !slices.Contains(notInventoryReaders, c.Name()) {
			t.Errorf("command %q is neither run over a read-only inventory here nor listed as reading none", c.Name())
		}
	}

	bin := toolPath(t)
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "inventory"), os.DirFS("../../examples/inventory")); err != nil {
		t.Fatal(err)
	}
	cfg, err := os.ReadFile("../../examples/.ifacelint.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".ifacelint.yaml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	setModes(t, dir, 0o444, 0o555)
	t.Cleanup(func() { setModes(t, dir, 0o644, 0o755) }) // so the temp dir can be removed
	before := snapshot(t, dir)
	if len(before) < 20 {
		t.Fatalf("snapshot of %d entries: the copy failed", len(before))
	}

	out := t.TempDir() // outputs go outside the inventory
	for _, args := range readOnlyRuns {
		args = slices.Clone(args)
		for i := range args {
			args[i] = strings.ReplaceAll(args[i], "$OUT", out)
		}
		r := runTool(t, bin, dir, nil, args...)
		r.checkSafe(t)
		// Each run did its job: output on stdout, or in the files it names.
		var files []string
		for _, a := range args {
			if i := strings.Index(a, out); i >= 0 {
				files = append(files, a[i:])
			}
		}
		if len(files) == 0 && len(r.stdout) == 0 {
			t.Errorf("ifacelint %q printed nothing; stderr:\n%s", args, r.stderr)
		}
		for _, f := range files {
			if info, err := os.Stat(f); err != nil || info.Size() == 0 {
				t.Errorf("ifacelint %q did not write %s (%v)", args, f, err)
			}
		}
		if diff := compareSnapshots(before, snapshot(t, dir)); diff != "" {
			t.Fatalf("ifacelint %q changed the inventory:\n%s", args, diff)
		}
	}
}

// setModes makes every file and directory below root (root included) the
// given modes.
func setModes(t *testing.T, root string, file, dir fs.FileMode) {
	t.Helper()
	var dirs []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			dirs = append(dirs, p)
			return nil
		}
		return os.Chmod(p, file)
	})
	if err != nil {
		t.Fatal(err)
	}
	// Directories last, deepest first: a read-only directory is still
	// walkable, but chmod its entries before locking it (for non-root).
	for i := len(dirs) - 1; i >= 0; i-- {
		if err := os.Chmod(dirs[i], dir); err != nil {
			t.Fatal(err)
		}
	}
}

// snapshot maps every path below root to its type, mode, size, mtime and,
// for files, the SHA-256 of its content.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	snap := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := os.Lstat(p)
		if err != nil {
			return err
		}
		entry := fmt.Sprintf("%s size %d mtime %d", info.Mode(), info.Size(), info.ModTime().UnixNano())
		if info.Mode().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			entry += fmt.Sprintf(" sha256 %x", sha256.Sum256(data))
		}
		rel, _ := filepath.Rel(root, p)
		snap[rel] = entry
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

func compareSnapshots(before, after map[string]string) string {
	var diff []string
	for p, b := range before {
		switch a, ok := after[p]; {
		case !ok:
			diff = append(diff, "removed "+p)
		case a != b:
			diff = append(diff, fmt.Sprintf("changed %s:\n  before %s\n  after  %s", p, b, a))
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			diff = append(diff, "created "+p)
		}
	}
	slices.Sort(diff)
	return strings.Join(diff, "\n")
}
