package lint

import "github.com/ifacelint/ifacelint/pkg/inventory"

// SetAfterIndexPass sets a hook that runs between a run's two passes.
func SetAfterIndexPass(f func()) { afterIndexPass = f }

// SetDeferAll makes runs evaluate every document in the second pass.
func SetDeferAll(b bool) { deferAll = b }

// BuildIndex indexes docs as a run does and returns the index, for
// benchmarks that measure what it keeps.
func BuildIndex(docs []*inventory.Document, withInterfaces bool) any {
	x := newIndex(withInterfaces)
	for _, d := range docs {
		x.addEntry(d.Kind, d.ID, d.File, d.Start(), entryOf(d, withInterfaces))
	}
	return x
}
