package layers

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// uncontrolled are domains the project does not control: no schema $id,
// modeline, link or example may name them, since whoever holds the domain
// decides what a name under it serves. Identifiers are URNs
// (urn:ifacelint:…); a URL that must be fetchable is the repository's own
// (https://raw.githubusercontent.com/ifacelint/ifacelint/main/…).
var uncontrolled = []string{
	"ifacelint" + ".dev", // split, so this file does not name it
}

// TestNoUncontrolledDomain fails when a file of the repository names a
// domain in uncontrolled. go.sum and third parties' files (node_modules
// of the pinned editor tooling) are not the project's words.
//
// In a git work tree it reads the files git tracks (a built binary or a
// dist/ archive is not the project's words either); elsewhere every file.
func TestNoUncontrolledDomain(t *testing.T) {
	root := "../.."
	check := func(name string, b []byte) {
		for _, domain := range uncontrolled {
			if i := bytes.Index(b, []byte(domain)); i >= 0 {
				line := 1 + bytes.Count(b[:i], []byte("\n"))
				t.Errorf("%s:%d names %s, a domain the project does not control", name, line, domain)
			}
		}
	}
	if out, err := exec.Command("git", "-C", root, "ls-files", "-z").Output(); err == nil && len(out) > 0 {
		for _, name := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
			if filepath.Base(name) == "go.sum" || strings.Contains(name, "node_modules/") {
				continue
			}
			if b, err := os.ReadFile(filepath.Join(root, name)); err == nil {
				check(name, b) // else deleted in the work tree, or not a regular file
			}
		}
		return
	}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", "node_modules":
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || d.Name() == "go.sum" {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		check(filepath.ToSlash(rel), b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
