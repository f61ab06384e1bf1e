// Package risk owns what a run accepts: the rules whose findings no change
// can accept (neither waived, baselined, disabled nor downgraded), and the
// one statement of accepted risk every output renders (Statement).
//
// It is a leaf: it knows rule ids as strings and imports nothing of the
// engine, the inventory or the outputs.
package risk

import (
	"slices"
	"strings"
)

// Defaults are the rules no change can bend, whatever the config says: an
// invalid document is not evaluated, so accepting its finding would switch
// the document off; a waiver or a baseline entry cannot vouch for itself; a
// credential in git history stays there, whatever is accepted; a duplicate
// id makes every other decision about the document ambiguous. An entry
// ending "/*" names a whole category.
var Defaults = []string{
	"baseline/*",
	"inventory/unique-id",
	"schema/invalid",
	"secrets/no-inline",
	"waiver/*",
}

// Fixed is the set of rules no change can bend in one run: Defaults and
// the rules a config adds (waivers.unwaivable). A nil *Fixed holds the
// defaults alone.
type Fixed struct {
	added []string // sorted
}

// NewFixed returns the defaults plus added rule ids.
func NewFixed(added []string) *Fixed {
	f := &Fixed{}
	for _, id := range added {
		if !f.Has(id) {
			f.added = append(f.added, id)
		}
	}
	slices.Sort(f.added)
	return f
}

// Has reports whether rule can be neither waived, baselined, disabled nor
// downgraded.
func (f *Fixed) Has(rule string) bool {
	for _, d := range Defaults {
		if cat, ok := strings.CutSuffix(d, "/*"); ok {
			if strings.HasPrefix(rule, cat+"/") {
				return true
			}
		} else if rule == d {
			return true
		}
	}
	if f == nil {
		return false
	}
	_, found := slices.BinarySearch(f.added, rule)
	return found
}

// Added returns the rules the config added to the defaults, sorted.
func (f *Fixed) Added() []string {
	if f == nil {
		return nil
	}
	return slices.Clone(f.added)
}

// Key is a stable text of the set, for cache keys.
func (f *Fixed) Key() string {
	return strings.Join(append(slices.Clone(Defaults), f.Added()...), ",")
}
