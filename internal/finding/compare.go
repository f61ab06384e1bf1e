package finding

import "github.com/ifacelint/ifacelint/pkg/inventory"

// BaselineState says whether a finding of a run against a base revision
// (lint --base) was there before the change; the values are SARIF 2.1.0's
// result.baselineState values a comparison can give.
type BaselineState string

const (
	// NotCompared is a run without a base revision.
	NotCompared BaselineState = ""
	// StateNew is a finding the base revision did not have.
	StateNew BaselineState = "new"
	// StateUnchanged is a finding the base revision had, with the same
	// message and severity.
	StateUnchanged BaselineState = "unchanged"
	// StateUpdated is a finding the base revision had under the same key,
	// with another message or severity.
	StateUpdated BaselineState = "updated"
)

// compareKey is what a head finding and a base finding match on: as a
// baseline entry does, the rule, the document's kind and id and the key
// path — never the file or the line, so a renamed or edited file keeps its
// findings — and for a file-level finding (no kind and id) the rule, the
// file and the message. The path is not part of the map's key (rendering
// it would cost a string per finding): findings of one rule and document
// are few, and their paths are compared among them (samePath).
type compareKey struct {
	rule, kind, id, file, message string
	fileLevel                     bool
}

func keyOf(f *Finding) compareKey {
	if f.FileLevel || (f.Kind == "" && f.ID == "") {
		return compareKey{rule: f.Rule, file: f.File, message: f.Message, fileLevel: true}
	}
	return compareKey{rule: f.Rule, kind: f.Kind, id: f.ID}
}

// samePath reports whether two findings of one compareKey have the same
// key path (Path.String, without rendering it); file-level findings have
// none to compare.
func samePath(k compareKey, a, b inventory.Path) bool {
	if k.fileLevel {
		return true
	}
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		switch x := a[i].(type) {
		case string:
			if y, ok := b[i].(string); !ok || x != y {
				return false
			}
		case int:
			if y, ok := b[i].(int); !ok || x != y {
				return false
			}
		default:
			return a.String() == b.String()
		}
	}
	return true
}

// Compare sets BaselineState and New on every head finding from the
// findings of the same rules on the base revision. Keys count as a
// multiset: two head findings of one key match two base findings of it,
// a third is new. Within a key a base finding with the same message and
// severity is matched first (unchanged), then any other (updated), each
// time the first in the base's order not matched yet. Head findings are
// taken in their order (Sort), so the result is stable.
func Compare(head, base []Finding) {
	// The base's findings of each key, in order: a list through next
	// (index+1; 0 ends it), so that no key needs a slice of its own.
	first := make(map[compareKey]int32, len(base))
	next := make([]int32, len(base))
	for i := len(base) - 1; i >= 0; i-- {
		k := keyOf(&base[i])
		next[i] = first[k]
		first[k] = int32(i + 1)
	}
	taken := make([]bool, len(base))
	// match takes the first base finding of k not taken yet with h's path
	// that exact accepts; -1 when there is none.
	match := func(k compareKey, h *Finding, exact bool) int {
		for j := first[k]; j != 0; j = next[j-1] {
			b := &base[j-1]
			if taken[j-1] || !samePath(k, b.Path, h.Path) || exact && (b.Message != h.Message || b.Severity != h.Severity) {
				continue
			}
			taken[j-1] = true
			return int(j - 1)
		}
		return -1
	}
	// First the exact matches, so that an updated finding never takes the
	// base finding an unchanged one needs.
	state := make([]BaselineState, len(head))
	keys := make([]compareKey, len(head))
	for i := range head {
		keys[i] = keyOf(&head[i])
		if match(keys[i], &head[i], true) >= 0 {
			state[i] = StateUnchanged
		}
	}
	for i := range head {
		h := &head[i]
		if state[i] == "" {
			if match(keys[i], h, false) >= 0 {
				state[i] = StateUpdated
			} else {
				state[i] = StateNew
			}
		}
		h.BaselineState, h.New = state[i], state[i] == StateNew
	}
}
