package waiver

import (
	"cmp"
	"crypto/sha256"
	_ "embed"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ifacelint/ifacelint/internal/safefile"
	"github.com/ifacelint/ifacelint/internal/schema"
	"github.com/ifacelint/ifacelint/internal/vcs"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// Waiver files (config waivers.files) hold waivers outside the inventory
// documents, so that a repository can give them an owner of their own (a
// security team, in CODEOWNERS) apart from the interface owners who edit
// the documents:
//
//	waivers:
//	  - kind: Interface
//	    id: admin-console
//	    rule: availability/rate-limited
//	    reason: Fronted by the corporate gateway, which enforces limits.
//	    approvedBy: security@example.com
//	    expires: 2027-03-31
//
// A file that is not of this shape is an error (exit 2) with its file, line
// and column; a waiver in it is decided like one written in the document,
// and its waiver/* findings point into the waiver file.

//go:embed files.schema.json
var filesSchema []byte

// FileLimit bounds the size of one waiver file, FilesLimit all of a run's
// waiver files together.
const (
	FileLimit  = 4 << 20
	FilesLimit = 16 << 20
)

// FileEntry is one waiver of a waiver file.
type FileEntry struct {
	Waiver
	Kind, ID string
	In       *inventory.Document // the waiver file's document, for positions
	Index    int                 // waivers[Index]
}

// Files are the waivers of a run's waiver files, by the document they
// name. A nil *Files holds none.
type Files struct {
	// Paths are the files read, sorted: inputs of the run, which no
	// output may overwrite.
	Paths []string
	// Digest covers every file's path and content (a cache key).
	Digest [32]byte

	byDoc map[[2]string][]FileEntry
}

// For returns the waivers naming the document of kind and id, in file and
// entry order.
func (f *Files) For(kind, id string) []FileEntry {
	if f == nil || kind == "" || id == "" {
		return nil
	}
	return f.byDoc[[2]string{kind, id}]
}

// All returns every waiver of the files, in file and entry order.
func (f *Files) All() []FileEntry {
	if f == nil {
		return nil
	}
	var out []FileEntry
	for _, entries := range f.byDoc {
		out = append(out, entries...)
	}
	slices.SortFunc(out, func(a, b FileEntry) int {
		return cmp.Or(cmp.Compare(a.In.File, b.In.File), cmp.Compare(a.Index, b.Index))
	})
	return out
}

// LoadFiles reads the waiver files matching globs (relative to base, the
// config's directory; a glob matching nothing is not an error: the
// directory may hold no waiver yet). Each file is read as safefile reads
// a config: a regular file, never through a symlink, of bounded size, and
// all of them together at most FilesLimit. Inside a repository a file
// whose real path leaves the repository (a symlinked directory on the way)
// is refused: the config and the files may come from a pull request.
func LoadFiles(base string, globs []string) (*Files, error) {
	var paths []string
	for _, g := range globs {
		pattern := g
		if !filepath.IsAbs(pattern) {
			pattern = filepath.Join(base, g)
		}
		matches, err := filepath.Glob(pattern)
		if err != nil {
			return nil, fmt.Errorf("waivers.files %q: %v", g, err)
		}
		for _, m := range matches {
			if !slices.Contains(paths, m) {
				paths = append(paths, m)
			}
		}
	}
	slices.Sort(paths)
	validator, err := schema.New(filesSchema)
	if err != nil {
		return nil, err
	}
	out := &Files{Paths: paths, byDoc: map[[2]string][]FileEntry{}}
	h := sha256.New()
	var errs []error
	inside := insideRepository(base)
	total := 0
	for _, p := range paths {
		if err := inside(p); err != nil {
			errs = append(errs, fmt.Errorf("waiver file %s: %v", p, err))
			continue
		}
		data, err := safefile.ReadFile(p, FileLimit)
		if err != nil {
			errs = append(errs, fmt.Errorf("waiver file %s: %s", p, safefile.Reason(err)))
			continue
		}
		if total += len(data); total > FilesLimit {
			return nil, fmt.Errorf("waiver files: more than %d MiB together (at %s)", FilesLimit>>20, p)
		}
		h.Write([]byte(p))
		h.Write([]byte{0})
		sum := sha256.Sum256(data)
		h.Write(sum[:])
		if err := out.add(p, data, validator); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	copy(out.Digest[:], h.Sum(nil))
	return out, nil
}

// add parses one waiver file and files its entries.
func (f *Files) add(path string, data []byte, v *schema.Validator) error {
	file := inventory.Parse(path, data, inventory.Options{WantsString: v.WantsString})
	var errs []error
	at := func(pos inventory.Pos, msg string) {
		errs = append(errs, fmt.Errorf("%s:%d:%d: %s", path, pos.Line, pos.Column, msg))
	}
	for _, p := range file.Problems {
		at(p.Pos, p.Message)
	}
	switch {
	case len(file.Docs) > 1:
		at(file.Docs[1].Start(), "a waiver file holds one YAML document")
	case len(file.Docs) == 0 && len(file.Problems) == 0:
		at(inventory.Pos{Line: 1, Column: 1}, "the waiver file is empty: it holds a list under waivers:")
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	doc := file.Docs[0]
	for _, p := range doc.Problems {
		at(p.Pos, p.Message)
	}
	for _, e := range v.Validate(doc.Value) {
		pos, _ := doc.Locate(e.Path)
		at(pos, e.Message)
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	obj, _ := doc.Value.(map[string]any)
	list, _ := obj["waivers"].([]any)
	for i, item := range list {
		m, _ := item.(map[string]any)
		e := FileEntry{
			Waiver: Waiver{Rule: str(m["rule"]), Reason: str(m["reason"]), ApprovedBy: str(m["approvedBy"]), Expires: str(m["expires"])},
			Kind:   str(m["kind"]), ID: str(m["id"]), In: doc, Index: i,
		}
		k := [2]string{e.Kind, e.ID}
		f.byDoc[k] = append(f.byDoc[k], e)
	}
	return nil
}

// insideRepository returns a check that a path's real location is inside
// the repository holding base (no check outside a repository: whoever runs
// the tool there chose the config).
func insideRepository(base string) func(string) error {
	abs, err := filepath.Abs(base)
	if err != nil {
		return func(string) error { return err }
	}
	root, inRepo := vcs.RepoRoot(abs)
	if !inRepo {
		return func(string) error { return nil }
	}
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return func(string) error { return err }
	}
	return func(p string) error {
		abs, err := filepath.Abs(filepath.Dir(p))
		if err != nil {
			return err
		}
		dir, err := filepath.EvalSymlinks(abs)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(realRoot, dir)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return fmt.Errorf("leads outside the repository (%s) through a symlink", root)
		}
		return nil
	}
}
