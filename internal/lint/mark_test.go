package lint

import (
	"bytes"
	"testing"
)

// TestMarkUsedFromPrior: an index that takes an earlier run's marks
// (Options.Reuse) holds exactly the entries it would have worked out, for
// an entry the earlier run marked alike, one it marked otherwise, and one
// it never saw.
func TestMarkUsedFromPrior(t *testing.T) {
	raw := map[string][]byte{
		"acme":    []byte(`{"file":"a.yaml","kind":"ThirdParty","metadata":{"id":"acme"},"spec":{"name":"Acme"}}`),
		"globex":  []byte(`{"file":"a.yaml","kind":"ThirdParty","metadata":{"id":"globex"},"spec":{"name":"Globex"}}`),
		"initech": []byte(`{"file":"b.yaml","kind":"ThirdParty","metadata":{"id":"initech"},"spec":{"name":"Initech"}}`),
	}
	build := func(used []string, ids ...string) *index {
		x := newIndex(false, 0)
		for _, id := range ids {
			x.thirdParty[id] = raw[id]
		}
		x.use(used)
		return x
	}
	earlier := build([]string{"acme", "globex"}, "acme", "globex")
	earlier.marks = map[string][]byte{}
	earlier.markUsed()
	if len(earlier.marks) != 2 {
		t.Fatalf("marks: %d entries, want 2", len(earlier.marks))
	}
	// This run: acme used as before, globex no longer, initech new.
	want := build([]string{"acme"}, "acme", "globex", "initech")
	want.markUsed()
	got := build([]string{"acme"}, "acme", "globex", "initech")
	got.prior = earlier.marks
	got.markUsed()
	for id, w := range want.thirdParty {
		if !bytes.Equal(got.thirdParty[id], w) {
			t.Errorf("%s: %s, want %s", id, got.thirdParty[id], w)
		}
	}
	if !bytes.Equal(got.thirdParty["acme"], earlier.thirdParty["acme"]) || bytes.Equal(got.thirdParty["globex"], earlier.thirdParty["globex"]) {
		t.Error("the marks were not taken where they apply, or taken where they do not")
	}
}
