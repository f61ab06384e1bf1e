package gate

import (
	"fmt"

	"github.com/ifacelint/ifacelint/internal/baseline"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// BaselineGrown returns the gate/baseline-grown changes: an entry of the
// head's baseline whose key (rule, kind, id and path; rule and file for a
// file-level entry) the base's does not hold, or holds with a lower count
// (entries of one key count together, as the baseline matches them). Each
// is at the head entry's count, or at the entry, in the head baseline.
func BaselineGrown(base, head Side) []Change {
	if head.Baseline == nil {
		return nil
	}
	before := map[baseline.Key]int{}
	if base.Baseline != nil {
		for _, e := range base.Baseline.Entries {
			before[e.Key()] += e.Count
		}
	}
	after := map[baseline.Key]int{}
	first := map[baseline.Key]int{}
	for i, e := range head.Baseline.Entries {
		k := e.Key()
		if _, ok := after[k]; !ok {
			first[k] = i
		}
		after[k] += e.Count
	}
	doc := head.Baseline.Document()
	var out []Change
	for i, e := range head.Baseline.Entries {
		k := e.Key()
		if first[k] != i {
			continue
		}
		was, now := before[k], after[k]
		if now <= was {
			continue
		}
		var msg string
		if was == 0 {
			msg = fmt.Sprintf("baseline entry for %s on %s added: it accepts %d finding(s)", e.Rule, subject(e), now)
		} else {
			msg = fmt.Sprintf("baseline entry for %s on %s raised from %d to %d finding(s)", e.Rule, subject(e), was, now)
		}
		c := Change{Rule: RuleBaselineGrown, Message: msg, File: head.Baseline.Path, Region: fileStart, FileLevel: true}
		if doc != nil {
			field := "rule"
			if was > 0 {
				field = "count"
			}
			p := inventory.Path{"entries", i, field}
			c.Region, c.Path = doc.LocateRegion(p)
			c.FileLevel = false
		}
		out = append(out, c)
	}
	return out
}

// subject names what an entry is about.
func subject(e baseline.Entry) string {
	if e.Kind == nil || e.ID == nil {
		return "file " + e.File
	}
	s := fmt.Sprintf("%s %q", *e.Kind, *e.ID)
	if e.Path != "" {
		s += " at " + e.Path
	}
	return s
}
