package audit

import (
	"github.com/ifacelint/ifacelint/internal/graph"
)

func buildGraph(register []*Interface, sups []*Supplier, systems []graph.System) *graph.Graph {
	ifaces := make([]graph.Interface, 0, len(register))
	for _, in := range register {
		ifaces = append(ifaces, graph.Interface{
			ID: in.ID, Name: in.Name, System: in.System, Exposure: in.Exposure, Direction: in.Direction,
			ThirdParty: in.ThirdParty, Flows: in.Flows, Severity: in.Worst(),
		})
	}
	tps := make([]graph.ThirdParty, 0, len(sups))
	for _, s := range sups {
		tps = append(tps, graph.ThirdParty{ID: s.ID, Name: s.Name, Known: s.Defined})
	}
	return graph.Build(ifaces, tps, systems...)
}
