// Package baseline lets a large inventory adopt ifacelint without fixing
// everything first: a file of accepted findings, matched on rule, document
// kind and id, and key path — not on line numbers, so edits elsewhere in a
// file do not break it. File-level findings match on rule and file.
//
// It reads and writes the baseline file and matches findings; it knows
// nothing of how findings are produced or printed.
package baseline

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/ifacelint/ifacelint/internal/safefile"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// Version is the baseline file format version.
const Version = 1

// Entry accepts up to Count findings with the same key.
type Entry struct {
	Rule  string  `json:"rule"`
	Kind  *string `json:"kind"`
	ID    *string `json:"id"`
	Path  string  `json:"path"`
	File  string  `json:"file"`
	Count int     `json:"count"`
}

// File is the baseline file.
type File struct {
	Version int     `json:"version"`
	Entries []Entry `json:"entries"`

	// Path and Data are the file read (Read), so that a finding about an
	// entry can name its line; empty for a baseline built in memory.
	Path string `json:"-"`
	Data []byte `json:"-"`
}

// Finding is what the baseline needs to know of a finding.
type Finding struct {
	Rule      string
	Kind      string // empty with FileLevel
	ID        string
	Path      string // the key path, e.g. spec.endpoints[1].url
	File      string
	FileLevel bool
}

// Key is what an entry and a finding match on: comparable, so a map can
// count entries of one key together, as matching does.
type Key struct {
	rule, kind, id, path, file string
	fileLevel                  bool
}

func keyOf(f Finding) Key {
	if f.FileLevel {
		return Key{rule: f.Rule, file: f.File, fileLevel: true}
	}
	return Key{rule: f.Rule, kind: f.Kind, id: f.ID, path: f.Path}
}

// Key is what the entry matches findings on.
func (e Entry) Key() Key {
	if e.Kind == nil || e.ID == nil {
		return Key{rule: e.Rule, file: e.File, fileLevel: true}
	}
	return Key{rule: e.Rule, kind: *e.Kind, id: *e.ID, path: e.Path}
}

// Build makes a baseline of findings, sorted so it diffs well in review.
func Build(findings []Finding) *File {
	counts := map[Key]*Entry{}
	var entries []*Entry
	for _, f := range findings {
		k := keyOf(f)
		if e, ok := counts[k]; ok {
			e.Count++
			continue
		}
		e := &Entry{Rule: f.Rule, Path: f.Path, File: f.File, Count: 1}
		if !f.FileLevel {
			kind, id := f.Kind, f.ID
			e.Kind, e.ID = &kind, &id
		}
		counts[k] = e
		entries = append(entries, e)
	}
	out := &File{Version: Version, Entries: make([]Entry, 0, len(entries))}
	for _, e := range entries {
		out.Entries = append(out.Entries, *e)
	}
	slices.SortFunc(out.Entries, func(a, b Entry) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(deref(a.Kind), deref(b.Kind)),
			cmp.Compare(deref(a.ID), deref(b.ID)), cmp.Compare(a.Path, b.Path), cmp.Compare(a.Rule, b.Rule))
	})
	return out
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// Marshal renders the file: indented JSON with a trailing newline.
func (f *File) Marshal() []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		panic(err) // only strings and ints
	}
	return buf.Bytes()
}

// Write writes the baseline file through g: to a temporary file renamed
// over path, refused when path is a symlink, not a regular file or an input
// of the run.
func (f *File) Write(path string, g *safefile.Guard) error {
	if err := g.WriteFile(path, f.Marshal()); err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	return nil
}

// Read reads and checks a baseline file: a regular file (not a symlink, a
// FIFO or a device) of at most safefile.BaselineLimit bytes.
func Read(path string) (*File, error) {
	data, err := safefile.ReadFile(path, safefile.BaselineLimit)
	if err != nil {
		return nil, fmt.Errorf("baseline %s: %s", path, safefile.Reason(err))
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f File
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("baseline %s: not a baseline file: %v", path, err)
	}
	if f.Version != Version {
		return nil, fmt.Errorf("baseline %s: version %d, want %d", path, f.Version, Version)
	}
	for i, e := range f.Entries {
		if e.Rule == "" || e.Count < 1 || (e.Kind == nil) != (e.ID == nil) || (e.Kind == nil && e.File == "") {
			return nil, fmt.Errorf("baseline %s: entry %d is incomplete (rule, count ≥ 1, and kind with id, or file, are required)", path, i+1)
		}
	}
	f.Path, f.Data = path, data
	return &f, nil
}

// Document returns the file read as a YAML document (JSON is YAML), which
// keeps the position of every node: entries[i] is at Path{"entries", i}.
// Nil for a baseline built in memory, or when the text cannot be read so.
func (f *File) Document() *inventory.Document {
	if f == nil || len(f.Data) == 0 {
		return nil
	}
	if file := inventory.Parse(f.Path, f.Data, inventory.Options{}); len(file.Docs) == 1 {
		return file.Docs[0]
	}
	return nil
}

// Matcher hands out an entry's count to findings, first come first served.
type Matcher struct {
	remaining map[Key]int
	initial   map[Key]int
	entries   []Entry
	refused   []int
}

// NewMatcher prepares matching against a baseline. An entry whose rule
// refuse reports (a rule no baseline may accept) accepts nothing; Refused
// lists those entries.
func (f *File) NewMatcher(refuse func(rule string) bool) *Matcher {
	m := &Matcher{remaining: map[Key]int{}, initial: map[Key]int{}, entries: f.Entries}
	for i, e := range f.Entries {
		if refuse != nil && refuse(e.Rule) {
			m.refused = append(m.refused, i)
			continue
		}
		m.remaining[e.Key()] += e.Count
		m.initial[e.Key()] += e.Count
	}
	return m
}

// Refused returns the indexes of the entries that accept nothing because
// their rule cannot be baselined.
func (m *Matcher) Refused() []int { return m.refused }

// Matched returns, for each entry that accepted findings (entries with the
// same key together, as the first of them), how many it accepted; in file
// order.
func (m *Matcher) Matched() []Matched {
	var out []Matched
	seen := map[Key]bool{}
	for i, e := range m.entries {
		k := e.Key()
		if seen[k] || m.initial[k] == 0 {
			continue
		}
		seen[k] = true
		if n := m.initial[k] - m.remaining[k]; n > 0 {
			out = append(out, Matched{Entry: e, Index: i, Accepted: n})
		}
	}
	return out
}

// Matched is an entry and the findings it accepted.
type Matched struct {
	Entry
	Index    int // entries[Index]
	Accepted int
}

// Match reports whether the baseline accepts one more finding like f.
func (m *Matcher) Match(f Finding) bool {
	k := keyOf(f)
	if m.remaining[k] > 0 {
		m.remaining[k]--
		return true
	}
	return false
}

// Stale counts the entries with count left over: findings they accepted
// have been fixed, so the baseline can be tightened. inScope limits the
// count to entries about files that were reported on (a run scoped to some
// files says nothing of the others); nil counts every entry.
func (m *Matcher) Stale(inScope func(file string) bool) int {
	stale := 0
	seen := map[Key]bool{}
	for _, e := range m.entries {
		k := e.Key()
		if seen[k] || m.initial[k] == 0 {
			continue
		}
		seen[k] = true
		if m.remaining[k] > 0 && (inScope == nil || inScope(e.File)) {
			stale++
		}
	}
	return stale
}
