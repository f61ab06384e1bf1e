package finding

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
// file and the message.
type compareKey struct {
	rule, kind, id, path, file, message string
	fileLevel                           bool
}

func keyOf(f *Finding) compareKey {
	if f.FileLevel || (f.Kind == "" && f.ID == "") {
		return compareKey{rule: f.Rule, file: f.File, message: f.Message, fileLevel: true}
	}
	return compareKey{rule: f.Rule, kind: f.Kind, id: f.ID, path: f.Path.String()}
}

// Compare sets BaselineState and New on every head finding from the
// findings of the same rules on the base revision. Keys count as a
// multiset: two head findings of one key match two base findings of it,
// a third is new. Within a key a base finding with the same message and
// severity is matched first (unchanged), then any other (updated). Head
// findings are taken in their order (Sort), so the result is stable.
func Compare(head, base []Finding) {
	pool := make(map[compareKey][]*Finding, len(base))
	for i := range base {
		k := keyOf(&base[i])
		pool[k] = append(pool[k], &base[i])
	}
	// First the exact matches, so that an updated finding never takes the
	// base finding an unchanged one needs.
	state := make([]BaselineState, len(head))
	keys := make([]compareKey, len(head))
	for i := range head {
		h := &head[i]
		k := keyOf(h)
		keys[i] = k
		for j, b := range pool[k] {
			if b.Message == h.Message && b.Severity == h.Severity {
				pool[k] = append(pool[k][:j:j], pool[k][j+1:]...)
				state[i] = StateUnchanged
				break
			}
		}
	}
	for i := range head {
		h := &head[i]
		if state[i] == "" {
			k := keys[i]
			if len(pool[k]) > 0 {
				pool[k] = pool[k][1:]
				state[i] = StateUpdated
			} else {
				state[i] = StateNew
			}
		}
		h.BaselineState, h.New = state[i], state[i] == StateNew
	}
}
