package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// Every relative link in the project's Markdown (README, CONTRIBUTING,
// docs/, examples/) names a file that exists, and its #anchor a heading of
// that file as GitHub renders it.
func TestMarkdownLinks(t *testing.T) {
	t.Parallel()
	root := "../.."
	var files []string
	for _, pattern := range []string{"*.md", "docs/*.md", "examples/*.md", "examples/*/*.md"} {
		m, err := filepath.Glob(filepath.Join(root, pattern))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 5 {
		t.Fatalf("found only %v", files)
	}
	link := regexp.MustCompile(`\]\(([^)\s]+)\)`)
	anchors := map[string]map[string]bool{}
	headingsOf := func(path string) map[string]bool {
		if a, ok := anchors[path]; ok {
			return a
		}
		a := map[string]bool{}
		data, err := os.ReadFile(path)
		if err == nil {
			fence := false
			for _, line := range strings.Split(string(data), "\n") {
				if strings.HasPrefix(line, "```") {
					fence = !fence
				}
				if fence || !strings.HasPrefix(line, "#") {
					continue
				}
				h := strings.TrimSpace(strings.TrimLeft(line, "#"))
				s := githubSlug(h)
				for n := 1; a[s]; n++ { // GitHub numbers repeats: x, x-1, x-2
					if !a[s+"-"+itoa(n)] {
						s += "-" + itoa(n)
						break
					}
				}
				a[s] = true
			}
		}
		anchors[path] = a
		return a
	}
	checked := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range link.FindAllStringSubmatch(string(data), -1) {
			target := m[1]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			path, anchor, _ := strings.Cut(target, "#")
			dest := f
			if path != "" {
				dest = filepath.Join(filepath.Dir(f), path)
				if _, err := os.Stat(dest); err != nil {
					t.Errorf("%s: link to %s: no such file", rel(root, f), target)
					continue
				}
			}
			checked++
			if anchor != "" && strings.HasSuffix(dest, ".md") && !headingsOf(dest)[anchor] {
				t.Errorf("%s: link to %s: %s has no heading #%s", rel(root, f), target, rel(root, dest), anchor)
			}
		}
	}
	if checked < 20 {
		t.Errorf("checked only %d links", checked)
	}
}

// githubSlug is a heading's anchor as GitHub makes it: lower case, letters,
// digits, hyphens and underscores kept, spaces to hyphens, the rest dropped.
func githubSlug(h string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(h) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}

func itoa(n int) string { return strconv.Itoa(n) }

func rel(root, p string) string {
	r, err := filepath.Rel(root, p)
	if err != nil {
		return p
	}
	return r
}
