package audit

import (
	"cmp"
	"slices"

	"github.com/ifacelint/ifacelint/internal/frameworks"
	"github.com/ifacelint/ifacelint/internal/rules"
)

// Results of an interface on a control (Control.Status).
const (
	StatusPass   = "pass"
	StatusWaived = "waived"
	StatusFail   = "fail"
)

// coverage computes the control coverage matrix of one framework: every
// control an enabled rule maps to in it, with the rules behind it and each
// interface's result. ISO/IEC 27001 ids sort numerically (a custom rule may
// name an id outside Annex A); the other frameworks' in catalogue order.
func coverage(register []*Interface, cat *rules.Catalogue, enabled func(string) bool, fw *frameworks.Framework) []*Control {
	byID := map[string]*Control{}
	ruleControls := map[string][]string{}
	for _, r := range cat.Rules {
		if !enabled(r.ID) {
			continue
		}
		ids := r.Mapped(fw.Key)
		ruleControls[r.ID] = ids
		for _, id := range ids {
			ctl := byID[id]
			if ctl == nil {
				ctl = &Control{ID: id, Title: fw.Title(id), Family: fw.Family(id)}
				byID[id] = ctl
			}
			ctl.Rules = appendOnce(ctl.Rules, r.ID)
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
				ctl.Status = append(ctl.Status, StatusFail)
			case len(waived[id]) > 0:
				ctl.Waived++
				ctl.WaivedOn = append(ctl.WaivedOn, ControlHit{in.Label(), waived[id]})
				ctl.Status = append(ctl.Status, StatusWaived)
			default:
				ctl.Pass++
				ctl.Status = append(ctl.Status, StatusPass)
			}
		}
	}
	out := make([]*Control, 0, len(byID))
	for _, ctl := range byID {
		slices.Sort(ctl.Rules)
		out = append(out, ctl)
	}
	if fw.Key == frameworks.ISO27001 {
		slices.SortFunc(out, func(a, b *Control) int { return compareControls(a.ID, b.ID) })
		return out
	}
	slices.SortFunc(out, func(a, b *Control) int {
		pa, oka := fw.Position(a.ID)
		pb, okb := fw.Position(b.ID)
		switch {
		case oka && okb:
			return cmp.Compare(pa, pb)
		case oka != okb: // catalogue ids first (custom ids are checked, so only defensively)
			if oka {
				return -1
			}
			return 1
		}
		return compareControls(a.ID, b.ID)
	})
	return out
}

func appendOnce(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
