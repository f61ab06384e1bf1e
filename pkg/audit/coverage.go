package audit

import (
	"slices"

	"github.com/ifacelint/ifacelint/pkg/policy"
)

// coverage computes the control coverage matrix.
func coverage(register []*Interface, cat *policy.Catalogue, enabled func(string) bool) []*Control {
	byID := map[string]*Control{}
	ruleControls := map[string][]string{}
	for _, r := range cat.Rules {
		if !enabled(r.ID) {
			continue
		}
		ruleControls[r.ID] = r.Controls
		for _, id := range r.Controls {
			ctl := byID[id]
			if ctl == nil {
				ctl = &Control{ID: id, Title: ControlTitle(id)}
				byID[id] = ctl
			}
			ctl.Rules = append(ctl.Rules, r.ID)
		}
	}
	for _, in := range register {
		open := map[string][]string{}   // control → rules with an open finding
		waived := map[string][]string{} // control → rules with a waived finding
		for _, f := range in.Findings {
			for _, id := range ruleControls[f.Rule] {
				if f.Waived {
					waived[id] = appendOnce(waived[id], f.Rule)
				} else {
					open[id] = appendOnce(open[id], f.Rule)
				}
			}
		}
		for id, ctl := range byID {
			switch {
			case len(open[id]) > 0:
				ctl.Fail++
				ctl.Failing = append(ctl.Failing, ControlHit{in.Label(), open[id]})
			case len(waived[id]) > 0:
				ctl.Waived++
				ctl.WaivedOn = append(ctl.WaivedOn, ControlHit{in.Label(), waived[id]})
			default:
				ctl.Pass++
			}
		}
	}
	out := make([]*Control, 0, len(byID))
	for _, ctl := range byID {
		slices.Sort(ctl.Rules)
		out = append(out, ctl)
	}
	slices.SortFunc(out, func(a, b *Control) int { return compareControls(a.ID, b.ID) })
	return out
}

func appendOnce(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
