package format

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"

	"github.com/ifacelint/ifacelint/internal/finding"
)

// fingerprints gives every finding of the report (in order) an identity that
// survives reruns and edits elsewhere in the file: the SHA-256 of what the
// baseline matches on — rule, document kind, id and path, or rule and
// root-relative file for a file-level finding — never the line. Code
// scanning and GitLab use it to tell a moved finding from a new one.
//
// Two findings with the same identity (the same rule on two documents that
// share kind and id) get an occurrence number, counted in report order, so
// every fingerprint of a run is distinct and the same run gives the same
// ones. It is counted over all findings, waived and baselined included, so
// a waiver expiring does not renumber its neighbours.
func (r *Report) fingerprints() []string {
	out := make([]string, len(r.Findings))
	seen := make(map[string]int, len(r.Findings))
	for i := range r.Findings {
		key := r.identity(&r.Findings[i])
		name := string(mustJSON(key))
		seen[name]++
		if n := seen[name]; n > 1 {
			// A longer list than any first occurrence: cannot collide.
			name = string(mustJSON(append(key, strconv.Itoa(n))))
		}
		sum := sha256.Sum256([]byte(name))
		out[i] = hex.EncodeToString(sum[:])
	}
	return out
}

// identity lists what names a finding. The JSON encoding of the list is
// unambiguous whatever the strings hold, and the two shapes differ in
// length, so a file-level identity never equals a document one.
func (r *Report) identity(f *finding.Finding) []string {
	if f.FileLevel {
		return []string{f.Rule, r.locate(f.File).path()}
	}
	return []string{f.Rule, f.Kind, f.ID, f.Path.String()}
}

// mustJSON encodes a list of strings exactly as json.Marshal does: by hand
// for the strings encoding/json copies as they are (most), through it for
// the others. Fingerprints are computed for every finding of a run.
func mustJSON(v []string) []byte {
	if v == nil {
		return []byte("null")
	}
	n := 2
	for _, s := range v {
		n += len(s) + 3
	}
	b := make([]byte, 0, n)
	b = append(b, '[')
	for i, s := range v {
		if i > 0 {
			b = append(b, ',')
		}
		if !marshalsAsIs(s) {
			e, err := json.Marshal(s)
			if err != nil {
				panic(err) // a string always encodes
			}
			b = append(b, e...)
			continue
		}
		b = append(b, '"')
		b = append(b, s...)
		b = append(b, '"')
	}
	return append(b, ']')
}

// marshalsAsIs reports whether json.Marshal writes s between its quotes
// unchanged: ASCII without control characters, quotes, backslashes or the
// characters it escapes for HTML.
func marshalsAsIs(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x80 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return false
		}
	}
	return true
}
