package graph

import (
	"bytes"
	"cmp"
	_ "embed"
	"html/template"
	"slices"
	"strconv"
)

//go:embed svg.tmpl
var svgTemplate string

var svgTmpl = template.Must(template.New("svg").Parse(svgTemplate))

// Layout of the inline SVG: three columns — outside parties (third parties
// and counterparties in the internet and partner zones), interfaces, and
// internal systems. The internet and partner zones are bands across the
// first two columns; the internal zone is an L: the internal interfaces'
// band at the bottom and the whole systems column on the right, so an
// edge crosses a dashed boundary exactly where data crosses a trust
// boundary. Edges run only between neighbouring columns' facing sides, so
// they never cross a box.
const (
	svgMargin   = 24.0
	svgNodeW    = 236.0
	svgNodeH    = 24.0
	svgPitch    = 32.0 // row height
	svgGutter   = 170.0
	svgLegendH  = 58.0
	svgBandHead = 30.0
	svgBandPad  = 10.0
	svgBandGap  = 14.0
	svgMaxChars = 33 // of a label shown in a box; the full label is in its tooltip
	// Barycentre passes that reorder each column to reduce crossings.
	svgPasses = 6
)

type svgNode struct {
	*Node
	col        int
	X, Y       float64
	W, H       float64
	Rx         float64
	Text       string
	TextX      float64
	TextY      float64
	Tooltip    string
	Stroke     string
	StrokeW    float64
	Dash       string
	Fill       string
	Double     bool // third parties: a second, inner border
	InnerX     float64
	InnerW     float64
	InnerY     float64
	InnerH     float64
	neighbours []*svgNode
}

type svgEdge struct {
	Path   string
	Stroke string
	Width  float64
	Dash   string
	Marker string // marker id for the arrow head; "" for links
	Title  string
}

type svgBand struct {
	Path         string // the zone's outline
	TitleX       float64
	TitleY       float64
	Title        string
	Note         string
	Stroke, Fill string
	Empty        bool
	EmptyX       float64
	EmptyY       float64
}

type svgLegend struct {
	X1, X2, Y, TextX, TextY float64
	Style                   Style
}

type svgNodeLegend struct {
	X, Y, TextX, TextY float64
	InnerX, InnerY     float64
	Rx                 float64
	Fill, Stroke       string
	Double             bool
	Label              string
}

type svgData struct {
	Width, Height float64
	Bands         []svgBand
	Edges         []svgEdge
	Nodes         []*svgNode
	Legend        []svgLegend
	NodeLegend    []svgNodeLegend
	Markers       []Style
	Summary       string
}

var zoneNotes = map[Zone]string{
	Internet: "reachable from the internet",
	Partner:  "reachable by partners and suppliers",
	Internal: "the organisation's own",
}

// SVG draws the graph as an inline SVG element for an HTML page: no
// external reference, no script, no style element (presentation attributes
// only), every label escaped by html/template. The layout is deterministic:
// the same graph always gives the same bytes.
func SVG(g *Graph) (template.HTML, error) {
	d := layout(g)
	var buf bytes.Buffer
	if err := svgTmpl.Execute(&buf, d); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil // produced by html/template: escaped
}

func column(n *Node) int {
	switch {
	case n.Kind == InterfaceNode:
		return 1
	case n.Zone == Internal:
		return 2
	}
	return 0
}

func layout(g *Graph) *svgData {
	d := &svgData{Width: 2*svgMargin + 3*svgNodeW + 2*svgGutter}
	byNode := map[*Node]*svgNode{}
	bands := map[Zone]*[2][]*svgNode{} // columns 0 and 1 of each zone
	for _, z := range Zones {
		bands[z] = &[2][]*svgNode{}
	}
	var systems []*svgNode      // column 2: every internal system
	for _, n := range g.Nodes { // already in label order within zone and kind
		sn := &svgNode{Node: n, col: column(n), W: svgNodeW, H: svgNodeH}
		byNode[n] = sn
		if sn.col == 2 {
			systems = append(systems, sn)
		} else {
			bands[n.Zone][sn.col] = append(bands[n.Zone][sn.col], sn)
		}
		d.Nodes = append(d.Nodes, sn)
	}
	for _, e := range g.Edges {
		a, b := byNode[e.From], byNode[e.To]
		a.neighbours = append(a.neighbours, b)
		b.neighbours = append(b.neighbours, a)
	}

	// Vertical extent: one band per zone over columns 0 and 1; the systems
	// column runs from the top, and the internal band grows to meet it.
	top := svgMargin + svgLegendH
	y := top
	bandTop := map[Zone]float64{}
	bandH := map[Zone]float64{}
	for _, z := range Zones {
		grp := bands[z]
		rows := max(len(grp[0]), len(grp[1]), 1)
		bandTop[z], bandH[z] = y, svgBandHead+float64(rows)*svgPitch+svgBandPad
		for col, nodes := range grp {
			place(nodes, col, y+svgBandHead)
		}
		y += bandH[z] + svgBandGap
	}
	place(systems, 2, top+svgBandHead)
	if bottom := top + svgBandHead + float64(len(systems))*svgPitch + svgBandPad; bottom > bandTop[Internal]+bandH[Internal] {
		bandH[Internal] = bottom - bandTop[Internal]
	}
	d.Height = bandTop[Internal] + bandH[Internal] + svgMargin

	// Reorder every column by the mean height of its neighbours, a few
	// times: fewer crossings, still deterministic (ties by label, then id).
	reorder := func(nodes []*svgNode, col int) {
		if len(nodes) < 2 {
			return
		}
		first := nodes[0].Y
		for _, n := range nodes {
			first = min(first, n.Y)
		}
		bary := make(map[*svgNode]float64, len(nodes))
		for _, n := range nodes {
			bary[n] = barycentre(n)
		}
		slices.SortStableFunc(nodes, func(a, b *svgNode) int {
			return cmp.Or(cmp.Compare(bary[a], bary[b]), cmp.Compare(a.Label, b.Label), cmp.Compare(a.ID, b.ID))
		})
		place(nodes, col, first)
	}
	for range svgPasses {
		for _, z := range Zones {
			reorder(bands[z][1], 1)
		}
		for _, z := range Zones {
			reorder(bands[z][0], 0)
		}
		reorder(systems, 2)
	}

	// Zone outlines.
	left, right := svgMargin/2, d.Width-svgMargin/2
	inner := svgMargin + 2*svgNodeW + 1.5*svgGutter + 10 // where the systems column's region starts
	for _, z := range Zones {
		c := zoneColours[z]
		y0, y1 := bandTop[z], bandTop[z]+bandH[z]
		band := svgBand{TitleX: svgMargin, TitleY: y0 + 19, Title: z.Title() + " zone", Note: zoneNotes[z],
			Stroke: c.stroke, Fill: c.fill, EmptyX: svgMargin + svgNodeW + svgGutter, EmptyY: y0 + svgBandHead + 16}
		switch z {
		case Internal:
			band.Path = "M" + num(inner) + "," + num(top) + " H" + num(right) + " V" + num(y1) + " H" + num(left) +
				" V" + num(y0) + " H" + num(inner) + " Z"
			band.TitleX, band.TitleY = inner+svgMargin/2, top+19
			band.Empty = len(systems)+len(bands[z][0])+len(bands[z][1]) == 0
			band.EmptyX, band.EmptyY = inner+svgMargin/2, top+svgBandHead+16
		default:
			band.Path = "M" + num(left) + "," + num(y0) + " H" + num(inner-svgBandGap) + " V" + num(y1) + " H" + num(left) + " Z"
			band.Empty = len(bands[z][0])+len(bands[z][1]) == 0
		}
		d.Bands = append(d.Bands, band)
	}

	for _, sn := range d.Nodes {
		decorate(sn)
	}
	// Drawing order: by column, then height, for stable output.
	slices.SortStableFunc(d.Nodes, func(a, b *svgNode) int {
		return cmp.Or(cmp.Compare(a.col, b.col), cmp.Compare(a.Y, b.Y))
	})
	for _, e := range g.Edges {
		d.Edges = append(d.Edges, edgePath(e, byNode[e.From], byNode[e.To]))
	}
	d.legend()
	d.Summary = strconv.Itoa(len(g.Nodes)) + " nodes and " + strconv.Itoa(len(g.Edges)) + " edges in three trust zones"
	return d
}

func place(nodes []*svgNode, col int, top float64) {
	x := svgMargin + float64(col)*(svgNodeW+svgGutter)
	for i, n := range nodes {
		n.X, n.Y = x, top+float64(i)*svgPitch
	}
}

func barycentre(n *svgNode) float64 {
	if len(n.neighbours) == 0 {
		return n.Y
	}
	sum := 0.0
	for _, m := range n.neighbours {
		sum += m.Y
	}
	return sum / float64(len(n.neighbours))
}

func decorate(n *svgNode) {
	n.Text = truncate(clean(n.Label), svgMaxChars)
	n.TextX, n.TextY = n.X+n.W/2, n.Y+n.H/2+4
	n.Fill, n.Stroke, n.StrokeW, n.Rx = "#ffffff", "#475467", 1, 3
	kind := "System"
	switch {
	case n.Kind == InterfaceNode:
		st := StyleOf(n.Severity)
		n.Stroke, n.StrokeW, n.Dash, n.Rx = st.Colour, st.Width, st.Dash, n.H/2
		kind = "Interface " + n.Ref + ", " + st.Label
	case n.Kind == ThirdPartyNode:
		n.Fill, n.Stroke, n.Double = "#fffaeb", "#93370d", true
		kind = "Third party " + n.Ref
		if n.Unknown {
			n.Fill, n.Stroke, n.Dash = "#fef3f2", "#b42318", "4 3"
			kind = "Third party named by an interface but not in the inventory"
		}
	case n.Unknown:
		n.Fill, n.Stroke, n.Dash = "#fef3f2", "#b42318", "4 3"
		kind = "Flow end that names nothing in the inventory"
	case n.Own:
		n.Fill, n.Stroke = "#f2f4f7", "#344054"
		kind = "Own system (a System document or metadata.labels.system)"
	default:
		kind = "Counterparty system"
	}
	if n.Double {
		n.InnerX, n.InnerY, n.InnerW, n.InnerH = n.X+3, n.Y+3, n.W-6, n.H-6
	}
	n.Tooltip = clean(n.Label) + " — " + clean(kind) + " — " + n.Zone.Title() + " zone"
}

func truncate(s string, max int) string {
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max-1]) + "…"
}

func edgePath(e *Edge, a, b *svgNode) svgEdge {
	st := StyleOf(e.Severity)
	var x1, x2 float64
	if b.X > a.X {
		x1, x2 = a.X+a.W, b.X
	} else {
		x1, x2 = a.X, b.X+b.W
	}
	y1, y2 := a.Y+a.H/2, b.Y+b.H/2
	mid := (x1 + x2) / 2
	out := svgEdge{
		Path:   "M" + num(x1) + "," + num(y1) + " C" + num(mid) + "," + num(y1) + " " + num(mid) + "," + num(y2) + " " + num(x2) + "," + num(y2),
		Stroke: st.Colour, Width: st.Width, Dash: st.Dash,
		Title: clean(e.From.Label) + " → " + clean(e.To.Label) + " (" + st.Label + ")",
	}
	if e.Kind == FlowEdge {
		out.Marker = "dfd-arrow-" + st.Name
	} else {
		out.Dash = "1 3"
		out.Title = clean(e.From.Label) + " — " + clean(e.To.Label) + " (" + st.Label + ", no documented flow)"
	}
	return out
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

func (d *svgData) legend() {
	x := svgMargin
	y := svgMargin + 8
	for _, st := range Styles() {
		d.Legend = append(d.Legend, svgLegend{X1: x, X2: x + 34, Y: y, TextX: x + 40, TextY: y + 4, Style: st})
		d.Markers = append(d.Markers, st)
		x += legendStep(st.Label)
	}
	x = svgMargin
	y += 22
	for _, nl := range []svgNodeLegend{
		{Label: "interface (border: worst open finding)", Rx: 8, Fill: "#ffffff", Stroke: "#667085"},
		{Label: "own system", Rx: 2, Fill: "#f2f4f7", Stroke: "#344054"},
		{Label: "counterparty system", Rx: 2, Fill: "#ffffff", Stroke: "#475467"},
		{Label: "third party", Rx: 2, Fill: "#fffaeb", Stroke: "#93370d", Double: true},
	} {
		nl.X, nl.Y, nl.TextX, nl.TextY = x, y-8, x+40, y+4
		nl.InnerX, nl.InnerY = nl.X+3, nl.Y+3
		d.NodeLegend = append(d.NodeLegend, nl)
		x += legendStep(nl.Label)
	}
}

// legendStep is the room a legend entry takes: its swatch and its label at
// about 6.5 pixels a character, and a gap.
func legendStep(label string) float64 { return 40 + 6.5*float64(len([]rune(label))) + 28 }
