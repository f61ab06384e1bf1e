package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// README's layout paragraph lists every Go package under cmd/, pkg/ and
// internal/ (every directory holding a .go file, testdata and hidden
// directories aside) by its path, and every path it names exists.
func TestREADMELayout(t *testing.T) {
	t.Parallel()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	layout := layoutParagraph(string(readme))
	if layout == "" {
		t.Fatal(`README.md has no paragraph starting "Layout ("`)
	}

	named := map[string]bool{}
	for _, m := range codeSpan.FindAllStringSubmatch(layout, -1) {
		token := m[1]
		if strings.ContainsAny(token, " \t\n") || !strings.Contains(token, "/") {
			continue // a command, a file format or a name, not a path
		}
		matches, err := filepath.Glob(filepath.Join(root, filepath.FromSlash(token)))
		if err != nil || len(matches) == 0 {
			t.Errorf("README's layout names %s, which does not exist", token)
		}
		named[strings.TrimSuffix(token, "/")] = true
	}

	packages := goPackages(t, root)
	if len(packages) < 10 {
		t.Fatalf("found only %d packages: %q", len(packages), packages)
	}
	for _, pkg := range packages {
		if !named[pkg] {
			t.Errorf("README's layout does not list the package %s", pkg)
		}
	}
	for token := range named {
		top, _, _ := strings.Cut(token, "/")
		isPackage := top == "cmd" || top == "pkg" || top == "internal"
		if isPackage && !strings.Contains(token, "*") && !slices.Contains(packages, token) {
			t.Errorf("README's layout names %s, which is not a package", token)
		}
	}
}

// codeSpan is a Markdown code span on one line or across a line break.
var codeSpan = regexp.MustCompile("`([^`]+)`")

// layoutParagraph returns the paragraph of md that starts with "Layout (".
func layoutParagraph(md string) string {
	for _, para := range strings.Split(md, "\n\n") {
		if strings.HasPrefix(para, "Layout (") {
			return para
		}
	}
	return ""
}

// goPackages returns, slash-separated and relative to root, every directory
// under cmd/, pkg/ and internal/ that holds a .go file, leaving out what
// the go command leaves out: testdata and directories starting with . or _.
func goPackages(t *testing.T, root string) []string {
	t.Helper()
	set := map[string]bool{}
	for _, top := range []string{"cmd", "pkg", "internal"} {
		err := filepath.WalkDir(filepath.Join(root, top), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if d.IsDir() && (name == "testdata" || name == "node_modules" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			if !d.IsDir() && strings.HasSuffix(name, ".go") {
				rel, err := filepath.Rel(root, filepath.Dir(path))
				if err != nil {
					return err
				}
				set[filepath.ToSlash(rel)] = true
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	out := make([]string, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}
