package finding

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
)

// TestSort: findings in file, line, column, rule and message order, the
// findings equal in all of them kept in the order they came (a stable
// sort), whether they came sorted or not.
func TestSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var in []Finding
	for i := range 400 {
		f := New(&RuleInfo{Rule: fmt.Sprintf("r/%d", rng.IntN(3))}, &DocInfo{File: fmt.Sprintf("f%d.yaml", rng.IntN(4))}, fmt.Sprintf("m%d", rng.IntN(2)))
		f.Line, f.Column = rng.IntN(5), rng.IntN(2)
		f.WaiverReason = fmt.Sprint(i) // the order it came in
		in = append(in, f)
	}
	less := func(a, b Finding) bool {
		ka := fmt.Sprintf("%s|%09d|%09d|%s|%s", a.File, a.Line, a.Column, a.Rule, a.Message)
		kb := fmt.Sprintf("%s|%09d|%09d|%s|%s", b.File, b.Line, b.Column, b.Rule, b.Message)
		return ka < kb
	}
	got := slices.Clone(in)
	Sort(got)
	for i := 1; i < len(got); i++ {
		a, b := got[i-1], got[i]
		if less(b, a) {
			t.Fatalf("out of order at %d: %+v before %+v", i, a, b)
		}
		ia, _ := strconv.Atoi(a.WaiverReason)
		ib, _ := strconv.Atoi(b.WaiverReason)
		if !less(a, b) && ia > ib {
			t.Fatalf("equal findings reordered at %d: %s before %s", i, a.WaiverReason, b.WaiverReason)
		}
	}
	again := slices.Clone(got)
	Sort(again)
	if !slices.EqualFunc(again, got, func(a, b Finding) bool { return a.WaiverReason == b.WaiverReason }) {
		t.Error("sorting sorted findings changed their order")
	}
}
