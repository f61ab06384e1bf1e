package lint

import (
	"fmt"
	"strings"

	"github.com/ifacelint/ifacelint/pkg/inventory"
	"github.com/ifacelint/ifacelint/pkg/policy"
)

// unwaivable rules can never be waived: a waiver naming them is invalid.
func unwaivable(rule string) bool {
	return rule == policy.SchemaInvalid || strings.HasPrefix(rule, "waiver/")
}

// waiverIndex returns i when path points into metadata.waivers[i].
func waiverIndex(path inventory.Path) (int, bool) {
	if len(path) < 3 || path[0] != "metadata" || path[1] != "waivers" {
		return 0, false
	}
	i, ok := path[2].(int)
	return i, ok
}

// applyWaivers marks the findings a valid, unexpired waiver accepts, and
// adds a waiver/unused finding for every valid waiver whose rule raised
// nothing. Validity comes from the Rego rules waiver/expired and
// waiver/invalid, which are always evaluated: a waiver they report waives
// nothing, whether or not they are enabled for output.
func (r *runner) applyWaivers(doc *inventory.Document, found []Finding) []Finding {
	meta, _ := doc.Object()["metadata"].(map[string]any)
	waivers, _ := meta["waivers"].([]any)
	if len(waivers) == 0 {
		return found
	}
	broken := map[int]bool{}
	for _, f := range found {
		if f.Rule == policy.WaiverExpired || f.Rule == policy.WaiverInvalid {
			if i, ok := waiverIndex(f.Path); ok {
				broken[i] = true
			}
		}
	}
	byRule := map[string]int{} // rule → index of the first effective waiver
	for i, w := range waivers {
		m, _ := w.(map[string]any)
		rule, _ := m["rule"].(string)
		if broken[i] || rule == "" || unwaivable(rule) {
			continue
		}
		if _, dup := byRule[rule]; !dup {
			byRule[rule] = i
		}
	}
	used := map[int]bool{}
	for k := range found {
		f := &found[k]
		if unwaivable(f.Rule) {
			continue
		}
		if i, ok := byRule[f.Rule]; ok {
			f.Waived = true
			m, _ := waivers[i].(map[string]any)
			f.WaiverReason, _ = m["reason"].(string)
			used[i] = true
		}
	}
	for i, w := range waivers {
		m, _ := w.(map[string]any)
		rule, _ := m["rule"].(string)
		if broken[i] || rule == "" || unwaivable(rule) || used[i] {
			continue
		}
		if first := byRule[rule]; first != i {
			found = append(found, r.docFinding(doc, policy.WaiverUnused,
				fmt.Sprintf("waiver for %s repeats the waiver at metadata.waivers[%d]", rule, first),
				inventory.Path{"metadata", "waivers", i, "rule"}))
			continue
		}
		// A waiver for a rule that is disabled or not loaded is neither
		// invalid nor unused.
		if !r.enabled(rule) {
			continue
		}
		found = append(found, r.docFinding(doc, policy.WaiverUnused,
			fmt.Sprintf("waiver for %s is unused: the rule raised nothing on this document", rule),
			inventory.Path{"metadata", "waivers", i, "rule"}))
	}
	return found
}
