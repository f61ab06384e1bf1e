package audit

import (
	"cmp"
	"slices"
)

// suppliers builds the third-party register.
func suppliers(c *Collector, register []*Interface) []*Supplier {
	users := map[string][]string{}
	for _, in := range register {
		if in.ThirdParty != "" {
			users[in.ThirdParty] = append(users[in.ThirdParty], in.Label())
		}
	}
	listed := map[string]bool{}
	var out []*Supplier
	add := func(s *Supplier) {
		listed[s.ID] = true
		s.Interfaces = users[s.ID]
		slices.Sort(s.Interfaces)
		out = append(out, s)
	}
	for _, s := range c.reportedTP { // duplicates included: each document is a row
		add(s)
	}
	for id := range users {
		switch s, ok := c.suppliers[id]; {
		case listed[id]:
		case ok:
			add(s)
		default:
			add(&Supplier{ID: id, Name: id})
		}
	}
	slices.SortFunc(out, func(a, b *Supplier) int {
		return cmp.Or(cmp.Compare(a.ID, b.ID), cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	return out
}
