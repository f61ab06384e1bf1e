package graph

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/ifacelint/ifacelint/internal/rules"
)

// Zone is a trust zone: who can reach what is inside it.
type Zone string

// The trust zones, from the most exposed to the least.
const (
	Internet Zone = "internet"
	Partner  Zone = "partner"
	Internal Zone = "internal"
)

// Zones lists the trust zones in drawing order, the most exposed first.
var Zones = []Zone{Internet, Partner, Internal}

// Title is the zone's heading in a diagram.
func (z Zone) Title() string {
	switch z {
	case Internet:
		return "Internet"
	case Partner:
		return "Partner"
	}
	return "Internal"
}

// exposure ranks zones: a higher rank is reachable by more people.
func (z Zone) exposure() int {
	switch z {
	case Internet:
		return 3
	case Partner:
		return 2
	case Internal:
		return 1
	}
	return 0
}

// ExposureZone is the zone of an interface with that spec.exposure. A
// missing or unknown exposure is drawn in the internet zone: a diagram must
// not make an interface look safer than its document says.
func ExposureZone(exposure string) Zone {
	switch z := Zone(exposure); z {
	case Partner, Internal:
		return z
	}
	return Internet
}

// Kind of node.
type Kind string

// The node kinds.
const (
	SystemNode     Kind = "system"
	InterfaceNode  Kind = "interface"
	ThirdPartyNode Kind = "third-party"
)

func (k Kind) order() int {
	switch k {
	case ThirdPartyNode:
		return 0
	case SystemNode:
		return 1
	}
	return 2
}

// Interface is what the diagram needs of one Interface document.
type Interface struct {
	ID        string
	Name      string
	System    string // metadata.labels.system: the organisation's own system
	Exposure  string // spec.exposure
	Direction string // spec.direction
	// ThirdParty is spec.thirdParty: the metadata.id of a ThirdParty.
	ThirdParty string
	Flows      []Flow // spec.data.flows
	// Severity is the worst open (unwaived) finding on the interface; ""
	// when it has none.
	Severity rules.Severity
}

// Flow is one spec.data.flows entry: the systems on each side.
type Flow struct{ From, To string }

// ThirdParty is one ThirdParty document.
type ThirdParty struct {
	ID   string
	Name string
	// Known is false for an id that Interfaces name but no ThirdParty
	// document defines (an inventory/reference finding).
	Known bool
}

// System is one System document: one of the organisation's own systems.
type System struct {
	ID   string
	Name string
	Zone string // spec.zone; internal when missing or unknown
}

// Node is a system, an interface or a third party.
type Node struct {
	// ID is unique in the graph and made of [a-z0-9_] only, so it is safe as
	// a Mermaid or DOT identifier and as an SVG fragment id.
	ID    string
	Kind  Kind
	Ref   string // the interface id, system name or third-party id
	Label string // what the diagram shows
	Zone  Zone
	// Severity is an interface's worst open finding ("" for none, and for
	// systems and third parties).
	Severity rules.Severity
	// Own marks a system that some Interface names in metadata.labels.system.
	Own bool
	// Unknown marks a third party named by an Interface but not defined,
	// and, in an inventory that describes its systems, a flow end that
	// names nothing in it (an unresolved flow: data/flow-endpoint-known).
	Unknown bool
}

// EdgeKind says what an edge stands for.
type EdgeKind string

// The edge kinds.
const (
	// FlowEdge is a documented data flow through an interface: from the
	// flow's source system to the interface, or from the interface to the
	// flow's destination.
	FlowEdge EdgeKind = "flow"
	// LinkEdge ties an interface to its own system (when it documents no
	// flow) or to its third party (when no flow names it); it has no
	// direction.
	LinkEdge EdgeKind = "link"
)

// Edge connects two nodes. Its severity is the worst open finding of the
// interface it passes through.
type Edge struct {
	From, To *Node
	Kind     EdgeKind
	Severity rules.Severity
}

// Graph is the data-flow diagram of an inventory.
type Graph struct {
	// Nodes in drawing order: by zone (internet first), then third parties,
	// systems and interfaces, then label.
	Nodes []*Node
	// Edges sorted by their nodes' ids.
	Edges []*Edge
}

// Empty reports whether there is nothing to draw.
func (g *Graph) Empty() bool { return len(g.Nodes) == 0 }

// InZone returns the nodes of one zone, in drawing order.
func (g *Graph) InZone(z Zone) []*Node {
	var out []*Node
	for _, n := range g.Nodes {
		if n.Zone == z {
			out = append(out, n)
		}
	}
	return out
}

// Build places the interfaces, the systems their flows name and the third
// parties in trust zones, and connects them (docs/audit-evidence.md).
// An interface is in the zone of its exposure and a third party in the
// partner zone. A system — a name in a data flow that is not a third
// party — is placed by the first of these that applies:
//
//  1. named in some Interface's metadata.labels.system: the organisation's
//     own, internal;
//  2. named in a flow of an internal interface: internal;
//  3. on the other side of a flow from a system of 1 or 2, through an
//     internet or partner interface: that interface's zone (the most
//     exposed, when there are several);
//  4. otherwise the interface's direction says which side of a flow is
//     outside — inbound: the source, outbound: the destination,
//     bidirectional: both — outside means the interface's zone, inside
//     means internal, and a system inside in any flow is internal.
//
// With System documents (systems), a flow end that names one is that system,
// own, in its spec.zone (internal when it has none); an end written
// external:<name> is drawn as <name>, placed as above; and an end that
// names no System, Interface or ThirdParty is drawn marked as unresolved.
func Build(ifaces []Interface, thirdParties []ThirdParty, systems ...System) *Graph {
	b := &builder{nodes: map[string]*Node{}, thirdParty: map[string]ThirdParty{}, own: map[string]bool{},
		systems: map[string]System{}, ifaceIDs: map[string]bool{}}
	for _, s := range systems {
		if _, dup := b.systems[s.ID]; !dup && s.ID != "" {
			b.systems[s.ID] = s
			b.own[s.ID] = true
		}
	}
	for _, in := range ifaces {
		b.ifaceIDs[in.ID] = true
	}
	for _, tp := range thirdParties {
		if tp.ID != "" {
			b.thirdParty[tp.ID] = tp
		}
	}
	for _, in := range ifaces {
		if _, ok := b.thirdParty[in.ThirdParty]; !ok && in.ThirdParty != "" {
			b.thirdParty[in.ThirdParty] = ThirdParty{ID: in.ThirdParty} // not in the inventory
		}
	}
	for _, in := range ifaces {
		if in.System != "" && !b.isThirdParty(in.System) {
			b.own[in.System] = true
		}
	}
	zones := b.counterpartyZones(ifaces)
	for id := range b.thirdParty {
		b.thirdPartyNode(id)
	}
	for i := range ifaces {
		b.addInterface(&ifaces[i], i, zones)
	}
	return b.finish()
}

type builder struct {
	nodes      map[string]*Node // kind + "\x00" + ref → node
	ifaceNodes []*Node
	edges      []*Edge
	thirdParty map[string]ThirdParty
	own        map[string]bool
	systems    map[string]System // System documents, by id
	ifaceIDs   map[string]bool
}

func (b *builder) isThirdParty(name string) bool {
	_, ok := b.thirdParty[name]
	return ok
}

// known reports whether a flow end is placed by its own kind: an own system
// or a third party.
func (b *builder) known(name string) bool { return b.own[name] || b.isThirdParty(name) }

// counterpartyZones places every flow end that is neither an own system
// nor a third party (rules 2 to 4 of Build).
func (b *builder) counterpartyZones(ifaces []Interface) map[string]Zone {
	zones := map[string]Zone{}
	internal := func(name string) bool { return b.own[name] || zones[name] == Internal }
	each := func(fn func(in *Interface, zone Zone, f Flow)) {
		for i := range ifaces {
			in := &ifaces[i]
			for _, f := range in.Flows {
				if f.From != "" && f.To != "" {
					fn(in, ExposureZone(in.Exposure), f)
				}
			}
		}
	}
	// 2: everything an internal interface connects is inside.
	each(func(_ *Interface, zone Zone, f Flow) {
		if zone == Internal {
			for _, end := range []string{f.From, f.To} {
				if !b.known(end) {
					zones[end] = Internal
				}
			}
		}
	})
	// 3: the far side of an external flow from an internal system.
	outside := map[string]Zone{}
	each(func(_ *Interface, zone Zone, f Flow) {
		for _, e := range [][2]string{{f.From, f.To}, {f.To, f.From}} {
			end, other := e[0], e[1]
			if !b.known(end) && zones[end] == "" && internal(other) && zone.exposure() > outside[end].exposure() {
				outside[end] = zone
			}
		}
	})
	for end, z := range outside {
		zones[end] = z
	}
	// 4: the interface's direction, inside winning over outside.
	guess := map[string]Zone{}
	each(func(in *Interface, zone Zone, f Flow) {
		for _, e := range []struct {
			end     string
			outside bool
		}{{f.From, in.Direction != "outbound"}, {f.To, in.Direction != "inbound"}} {
			if b.known(e.end) || zones[e.end] != "" || guess[e.end] == Internal {
				continue
			}
			switch {
			case !e.outside:
				guess[e.end] = Internal
			case zone.exposure() > guess[e.end].exposure():
				guess[e.end] = zone
			}
		}
	})
	for end, z := range guess {
		zones[end] = z
	}
	return zones
}

func (b *builder) node(kind Kind, ref string, create func() *Node) *Node {
	key := string(kind) + "\x00" + ref
	if n, ok := b.nodes[key]; ok {
		return n
	}
	n := create()
	n.Kind, n.Ref = kind, ref
	b.nodes[key] = n
	return n
}

func (b *builder) thirdPartyNode(id string) *Node {
	return b.node(ThirdPartyNode, id, func() *Node {
		tp := b.thirdParty[id]
		n := &Node{Label: cmp.Or(tp.Name, id), Zone: Partner, Unknown: !tp.Known}
		if n.Unknown {
			n.Label = id + " (not in the inventory)"
		}
		return n
	})
}

// end is the node of a flow end: a third party or a system.
func (b *builder) end(name string, zones map[string]Zone) *Node {
	if b.isThirdParty(name) {
		return b.thirdPartyNode(name)
	}
	if s, ok := b.systems[name]; ok {
		return b.node(SystemNode, name, func() *Node {
			z := Zone(s.Zone)
			if z != Internet && z != Partner {
				z = Internal
			}
			return &Node{Label: cmp.Or(s.Name, name), Zone: z, Own: true}
		})
	}
	return b.node(SystemNode, name, func() *Node {
		z := zones[name]
		if b.own[name] || z == "" {
			z = Internal
		}
		n := &Node{Label: name, Zone: z, Own: b.own[name]}
		if outside, ok := strings.CutPrefix(name, "external:"); ok && outside != "" {
			n.Label = outside
		} else if len(b.systems) > 0 && !b.own[name] && !b.ifaceIDs[name] {
			n.Label, n.Unknown = name+" (not in the inventory)", true
		}
		return n
	})
}

func (b *builder) addInterface(in *Interface, i int, zones map[string]Zone) {
	// Interfaces are never merged, even when two documents share an id.
	iface := &Node{Kind: InterfaceNode, Ref: in.ID, Label: cmp.Or(in.Name, in.ID, "interface "+strconv.Itoa(i+1)),
		Zone: ExposureZone(in.Exposure), Severity: in.Severity}
	b.ifaceNodes = append(b.ifaceNodes, iface)
	seen := map[[2]*Node]bool{}
	edge := func(from, to *Node, kind EdgeKind) {
		if seen[[2]*Node{from, to}] {
			return
		}
		seen[[2]*Node{from, to}] = true
		b.edges = append(b.edges, &Edge{From: from, To: to, Kind: kind, Severity: in.Severity})
	}
	flows, namesThirdParty := 0, false
	for _, f := range in.Flows {
		if f.From == "" || f.To == "" {
			continue
		}
		flows++
		from, to := b.end(f.From, zones), b.end(f.To, zones)
		edge(from, iface, FlowEdge)
		edge(iface, to, FlowEdge)
		namesThirdParty = namesThirdParty || (in.ThirdParty != "" && (f.From == in.ThirdParty || f.To == in.ThirdParty))
	}
	if flows == 0 && in.System != "" {
		edge(b.end(in.System, zones), iface, LinkEdge)
	}
	if in.ThirdParty != "" && !namesThirdParty {
		edge(iface, b.thirdPartyNode(in.ThirdParty), LinkEdge)
	}
}

func (b *builder) finish() *Graph {
	g := &Graph{Edges: b.edges}
	for _, n := range b.nodes {
		g.Nodes = append(g.Nodes, n)
	}
	g.Nodes = append(g.Nodes, b.ifaceNodes...)
	// Ids depend on kind and ref only, not on zones, so they stay stable
	// when an interface's exposure changes.
	slices.SortStableFunc(g.Nodes, func(a, b *Node) int {
		return cmp.Or(cmp.Compare(a.Kind.order(), b.Kind.order()), cmp.Compare(a.Ref, b.Ref), cmp.Compare(a.Label, b.Label))
	})
	used := map[string]bool{}
	next := map[string]int{} // base → the suffix to try first: those below it are taken
	for _, n := range g.Nodes {
		base := kindPrefix[n.Kind] + identifier(n.Ref)
		id := base
		k := max(next[base], 2)
		for used[id] {
			id = base + "_" + strconv.Itoa(k)
			k++
		}
		next[base] = k
		used[id] = true
		n.ID = id
	}
	slices.SortStableFunc(g.Nodes, func(a, b *Node) int {
		return cmp.Or(-cmp.Compare(a.Zone.exposure(), b.Zone.exposure()), cmp.Compare(a.Kind.order(), b.Kind.order()),
			cmp.Compare(a.Label, b.Label), cmp.Compare(a.ID, b.ID))
	})
	slices.SortStableFunc(g.Edges, func(a, b *Edge) int {
		return cmp.Or(cmp.Compare(a.From.ID, b.From.ID), cmp.Compare(a.To.ID, b.To.ID), cmp.Compare(a.Kind, b.Kind))
	})
	return g
}

var kindPrefix = map[Kind]string{SystemNode: "sys_", InterfaceNode: "if_", ThirdPartyNode: "tp_"}

// maxIdentifier bounds the name part of a node id: Graphviz refuses an
// identifier longer than 16384 bytes, and no diagram needs more. Ids stay
// unique (finish numbers the ones that coincide).
const maxIdentifier = 1024

// identifier maps a name, as printed (clean), to [a-z0-9_]: letters are
// lower-cased, everything else becomes an underscore; at most maxIdentifier
// characters.
func identifier(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(clean(s)) {
		if b.Len() == maxIdentifier {
			break
		}
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	if b.Len() == 0 {
		return "_"
	}
	return b.String()
}
