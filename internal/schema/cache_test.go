package schema

import (
	"fmt"
	"testing"

	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// WantsString answers the same for every item of a list, and its cache
// stays bounded however many distinct paths hostile input asks about.
func TestWantsStringCacheBounded(t *testing.T) {
	t.Parallel()
	v, err := New(JSON)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 * maxCachedPaths {
		if !v.WantsString("Interface", inventory.Path{"metadata", "waivers", i, "rule"}) {
			t.Fatalf("metadata.waivers[%d].rule: want a string", i)
		}
		if v.WantsString("Interface", inventory.Path{"spec", fmt.Sprintf("bogus%d", i)}) {
			t.Fatalf("spec.bogus%d: an unknown field wants no string", i)
		}
	}
	if n := v.cached.Load(); n > maxCachedPaths {
		t.Errorf("%d cached paths, want at most %d", n, maxCachedPaths)
	}
	// Keys are not confused with indexes or with keys that hold separators.
	if v.WantsString("Interface", inventory.Path{"metadata", "waivers", "0", "rule"}) {
		t.Error(`metadata.waivers["0"].rule: a key, not an index; the schema has no such field`)
	}
	if !v.WantsString("Interface", inventory.Path{"metadata", "waivers", 0, "rule"}) {
		t.Error("metadata.waivers[0].rule: want a string (after the key \"0\" was asked)")
	}
}
