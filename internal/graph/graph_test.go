package graph

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/ifacelint/ifacelint/internal/golden"
	"github.com/ifacelint/ifacelint/internal/policy"
)

func zoneOf(g *Graph, kind Kind, ref string) Zone {
	for _, n := range g.Nodes {
		if n.Kind == kind && n.Ref == ref {
			return n.Zone
		}
	}
	return "absent"
}

// The placement rules of Build, one by one (docs/audit-evidence.md).
func TestZones(t *testing.T) {
	t.Parallel()
	flow := func(from, to string) []Flow { return []Flow{{From: from, To: to}} }
	tests := map[string]struct {
		ifaces []Interface
		tps    []ThirdParty
		want   map[string]Zone // system name → zone ("if:" prefix: interface, "tp:": third party)
	}{
		"an interface is in the zone of its exposure; unknown exposure is internet": {
			ifaces: []Interface{{ID: "a", Exposure: "partner"}, {ID: "b", Exposure: "internal"}, {ID: "c"}, {ID: "d", Exposure: "intranet"}},
			want:   map[string]Zone{"if:a": Partner, "if:b": Internal, "if:c": Internet, "if:d": Internet},
		},
		"1: own systems are internal, even reached from the internet": {
			ifaces: []Interface{{ID: "api", System: "shop", Exposure: "internet", Direction: "inbound", Flows: flow("customers", "shop")}},
			want:   map[string]Zone{"shop": Internal, "customers": Internet},
		},
		"third parties are partners, in flows or named by spec.thirdParty": {
			ifaces: []Interface{{ID: "x", Exposure: "internet", Direction: "outbound", ThirdParty: "mailer", Flows: flow("app", "cdn")}},
			tps:    []ThirdParty{{ID: "cdn", Name: "CDN Inc.", Known: true}},
			want:   map[string]Zone{"tp:cdn": Partner, "tp:mailer": Partner, "app": Internal},
		},
		"2: anything an internal interface connects is internal": {
			ifaces: []Interface{
				{ID: "q", Exposure: "internal", Direction: "bidirectional", Flows: flow("payouts", "ledger")},
				{ID: "bank", Exposure: "partner", Direction: "outbound", Flows: []Flow{{From: "payouts", To: "bank"}, {From: "bank", To: "payouts"}}},
			},
			want: map[string]Zone{"payouts": Internal, "ledger": Internal, "bank": Partner},
		},
		"3: the far side from an internal system takes the most exposed zone": {
			ifaces: []Interface{
				{ID: "p", System: "gw", Exposure: "partner", Direction: "inbound", Flows: flow("client", "gw")},
				{ID: "i", System: "gw", Exposure: "internet", Direction: "inbound", Flows: flow("client", "gw")},
			},
			want: map[string]Zone{"client": Internet, "gw": Internal},
		},
		"4: direction decides when neither side is known; inside wins": {
			ifaces: []Interface{
				{ID: "in", Exposure: "internet", Direction: "inbound", Flows: []Flow{{From: "web", To: "svc"}, {From: "svc", To: "review"}}},
				{ID: "out", Exposure: "partner", Direction: "outbound", Flows: flow("exporter", "regulator")},
				{ID: "both", Exposure: "partner", Direction: "bidirectional", Flows: flow("us", "them")},
			},
			want: map[string]Zone{"web": Internet, "svc": Internal, "review": Internal, "exporter": Internal, "regulator": Partner, "us": Partner, "them": Partner},
		},
		"flows without both ends are ignored": {
			ifaces: []Interface{{ID: "a", Exposure: "internet", Flows: []Flow{{From: "x"}, {To: "y"}}}},
			want:   map[string]Zone{"x": "absent", "y": "absent"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := Build(tc.ifaces, tc.tps)
			for ref, want := range tc.want {
				kind, r := SystemNode, ref
				if k, rest, ok := strings.Cut(ref, ":"); ok {
					kind, r = map[string]Kind{"if": InterfaceNode, "tp": ThirdPartyNode}[k], rest
				}
				if got := zoneOf(g, kind, r); got != want {
					t.Errorf("%s %s is in %q, want %q", kind, r, got, want)
				}
			}
		})
	}
}

func TestEdgesAndIDs(t *testing.T) {
	t.Parallel()
	g := Build([]Interface{
		{ID: "a-b", Name: "A", System: "own", Exposure: "internet", Severity: policy.Warning},                        // no flow: linked to its system
		{ID: "a_b", Name: "B", Exposure: "partner", ThirdParty: "ghost", Flows: []Flow{{From: "a-b", To: "a_b"}}},    // ghost: not in the inventory
		{ID: "a_b", Name: "B again", Exposure: "partner", Flows: []Flow{{From: "x", To: "y"}, {From: "x", To: "y"}}}, // duplicate id, duplicate flow
	}, nil)
	ids := map[string]bool{}
	for _, n := range g.Nodes {
		if ids[n.ID] || !regexp.MustCompile(`^[a-z0-9_]+$`).MatchString(n.ID) {
			t.Errorf("node id %q: not unique or not [a-z0-9_]", n.ID)
		}
		ids[n.ID] = true
		if n.Kind == ThirdPartyNode && (!n.Unknown || n.Label != "ghost (not in the inventory)") {
			t.Errorf("missing third party drawn as %+v", n)
		}
	}
	for _, want := range []string{"if_a_b", "if_a_b_2", "if_a_b_3", "sys_a_b", "sys_a_b_2", "tp_ghost", "sys_own"} {
		if !ids[want] {
			t.Errorf("no node %s among %v", want, ids)
		}
	}
	kinds := map[EdgeKind]int{}
	for _, e := range g.Edges {
		kinds[e.Kind]++
		if e.From.ID == "sys_own" && e.Severity != policy.Warning {
			t.Errorf("the link edge has severity %q, want its interface's warning", e.Severity)
		}
	}
	// flows: a-b→B, B→a_b, x→B again, B again→y (the duplicate flow once);
	// links: own—A, B—ghost.
	if kinds[FlowEdge] != 4 || kinds[LinkEdge] != 2 {
		t.Errorf("edges %v, want 4 flows and 2 links", kinds)
	}
}

// fixture is a small graph with every kind of node and edge, every
// severity, and labels that try to break out of each format.
func fixture() *Graph {
	return Build([]Interface{
		{ID: "shop-api", Name: "Shop API", System: "shop", Exposure: "internet", Direction: "inbound", Severity: policy.Error,
			Flows: []Flow{{From: "customers", To: "shop"}, {From: "shop", To: "payco"}}},
		{ID: "partner-feed", Name: `Feed "]) --> x[" <b>&amp;</b> %% \x1b[31m`, Exposure: "partner", Direction: "outbound", Severity: policy.Warning,
			ThirdParty: "payco", Flows: []Flow{{From: "shop", To: `bank\l"}`}}},
		{ID: "ops", Name: "Ops console", System: "backoffice", Exposure: "internal", Direction: "inbound", Severity: policy.Info},
		{ID: "jobs", Name: "Batch jobs", Exposure: "internal", Direction: "bidirectional", ThirdParty: "nobody",
			Flows: []Flow{{From: "scheduler", To: "shop"}}},
	}, []ThirdParty{{ID: "payco", Name: "PayCo <Ltd>", Known: true}})
}

func TestGolden(t *testing.T) {
	t.Parallel()
	g := fixture()
	var mmd, dot bytes.Buffer
	if err := Mermaid(&mmd, g, "provenance line", "second\nline"); err != nil {
		t.Fatal(err)
	}
	if err := DOT(&dot, g, "provenance line"); err != nil {
		t.Fatal(err)
	}
	svg, err := SVG(g)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "fixture.mmd", mmd.Bytes())
	golden.Check(t, "fixture.dot", dot.Bytes())
	golden.Check(t, "fixture.svg", []byte(svg))

	// Deterministic: the same graph gives the same bytes, those of the
	// golden file.
	svg2, err := SVG(fixture())
	if err != nil {
		t.Fatal(err)
	}
	if svg != svg2 {
		t.Error("two renderings of one graph differ")
	}
	want, err := os.ReadFile("testdata/fixture.svg")
	if err != nil {
		t.Fatal(err)
	}
	if string(svg2) != string(want) {
		t.Error("a second rendering differs from testdata/fixture.svg")
	}
}

// Inventory text cannot leave its label in any format.
func TestHostileLabels(t *testing.T) {
	t.Parallel()
	g := fixture()
	var mmd, dot bytes.Buffer
	if err := Mermaid(&mmd, g); err != nil {
		t.Fatal(err)
	}
	if err := DOT(&dot, g); err != nil {
		t.Fatal(err)
	}
	svg, err := SVG(g)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(mmd.String(), "\n") {
		if _, label, ok := strings.Cut(line, `"`); ok {
			label = strings.TrimRight(label, `"])`)
			if strings.ContainsAny(label, "\"[]<>{}|%`\x1b") {
				t.Errorf("Mermaid label carries syntax: %q", line)
			}
		}
	}
	for _, line := range strings.Split(dot.String(), "\n") {
		if strings.Contains(line, "Feed") && !strings.Contains(line, `label="Feed \"]) --> x[\" <b>&amp;amp;</b> %% \\x1b[31m"`) {
			t.Errorf("DOT label not escaped: %q", line)
		}
		if strings.Contains(line, "label=\"bank") && !strings.Contains(line, `label="bank\\l\"}"`) {
			t.Errorf("DOT escape sequence not neutralised: %q", line)
		}
	}
	for _, bad := range []string{"<b>", "\x1b", "<Ltd>", `"]) --> x["`} {
		if strings.Contains(string(svg), bad) {
			t.Errorf("SVG carries %q unescaped", bad)
		}
	}
	if strings.Contains(string(svg), "http") || strings.Contains(string(svg), "<script") {
		t.Error("the SVG references something external or carries a script")
	}
}

func TestMermaidEmbeddable(t *testing.T) {
	t.Parallel()
	if !MermaidEmbeddable(fixture()) {
		t.Error("a small graph must embed")
	}
	var many []Interface
	for i := range 300 {
		id := strings.Repeat("x", i%7) + string(rune('a'+i%26)) + strings.Repeat("y", i/26)
		many = append(many, Interface{ID: id, Exposure: "internet", Flows: []Flow{{From: "c" + id, To: "s" + id}}})
	}
	if MermaidEmbeddable(Build(many, nil)) {
		t.Error("600 edges exceed GitHub's limit of 500")
	}
}

// With System documents, a flow end is the system it names, in its zone;
// external:<name> is drawn as <name>; an end naming nothing is marked.
func TestSystems(t *testing.T) {
	t.Parallel()
	g := Build([]Interface{
		{ID: "api", Exposure: "internet", Direction: "inbound", Flows: []Flow{
			{From: "external:shoppers", To: "api"},
			{From: "api", To: "ledger"},
			{From: "ghost", To: "cdn"},
		}},
	}, nil, System{ID: "ledger", Name: "Ledger", Zone: "internal"}, System{ID: "cdn", Zone: "internet"})
	byRef := map[string]*Node{}
	for _, n := range g.Nodes {
		byRef[n.Ref] = n
	}
	if n := byRef["ledger"]; n == nil || n.Label != "Ledger" || n.Zone != Internal || !n.Own || n.Unknown {
		t.Errorf("ledger: %+v", n)
	}
	if n := byRef["cdn"]; n == nil || n.Zone != Internet || !n.Own {
		t.Errorf("cdn: %+v", n)
	}
	if n := byRef["external:shoppers"]; n == nil || n.Label != "shoppers" || n.Unknown {
		t.Errorf("external:shoppers: %+v", n)
	}
	if n := byRef["ghost"]; n == nil || !n.Unknown || n.Label != "ghost (not in the inventory)" {
		t.Errorf("ghost: %+v", n)
	}
	if n := byRef["api"]; n == nil || n.Unknown {
		t.Errorf("an Interface id is resolved: %+v", n)
	}
	// Without System documents nothing is marked: the flows are not mapped yet.
	g = Build([]Interface{{ID: "api", Exposure: "internet", Flows: []Flow{{From: "ghost", To: "api"}}}}, nil)
	for _, n := range g.Nodes {
		if n.Unknown {
			t.Errorf("marked without Systems: %+v", n)
		}
	}
}
