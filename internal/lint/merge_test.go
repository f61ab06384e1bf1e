package lint

import (
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestMergeElsewhere: the walk's files and the files read elsewhere,
// merged, are both sorted and each once, as sorting them together gives,
// whether the lists come sorted or not and whatever they share.
func TestMergeElsewhere(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	names := []string{"a.yaml", "a-b.yaml", "a/b.yaml", "a/c.yaml", "b.yaml", "b/a.yaml", "b.yaml.d/x.yaml", "c.yml", "Z.yaml", "é.yaml"}
	pick := func(sorted bool) []string {
		var out []string
		for range rng.IntN(len(names) + 3) {
			out = append(out, names[rng.IntN(len(names))])
		}
		if sorted {
			slices.Sort(out)
			out = slices.Compact(out)
		}
		return out
	}
	for round := range 500 {
		walk := pick(rng.IntN(4) > 0)
		list := pick(rng.IntN(4) > 0)
		set := map[string]bool{}
		for _, p := range list {
			set[p] = true
		}
		want := slices.Sorted(maps.Keys(set))
		want = slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(walk), want...))))
		got := mergeElsewhere(slices.Clone(walk), set, list)
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: walk %q, elsewhere %q: %q, want %q", round, walk, list, got, want)
		}
	}
}
