package lint

import "github.com/ifacelint/ifacelint/pkg/inventory"

// SetAfterIndexPass sets a hook that runs between a run's two passes.
func SetAfterIndexPass(f func()) { afterIndexPass = f }

// SetEarlyChecked sets a hook told, after a run's first pass, whether it
// had an early view and whether the complete index held it.
func SetEarlyChecked(f func(view, held bool)) { earlyChecked = f }

// SetEvaluated sets a hook told of every evaluation of a document by the
// rules (its file and index), from concurrent goroutines.
func SetEvaluated(f func(file string, doc int)) { evaluated = f }

// SetDeferAll makes runs evaluate every document in the second pass.
func SetDeferAll(b bool) { deferAll = b }

// BuildIndex indexes docs as a run does and returns the index, for
// benchmarks that measure what it keeps.
func BuildIndex(docs []*inventory.Document, withInterfaces bool) any {
	x := newIndex(withInterfaces, 0)
	for _, d := range docs {
		x.addEntry(d.Kind, d.ID, d.File, d.Start(), entryOf(d, withInterfaces))
	}
	return x
}

// KeptState is every entry a run kept, encoded, by path: what a later run
// that reuses them must leave as it was.
func KeptState(k *Kept) map[string]string {
	out := map[string]string{}
	for p, i := range k.files {
		b, _, _ := encodeEntry(k.list[i].entry)
		out[p] = string(b)
	}
	return out
}
