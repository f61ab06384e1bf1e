package audit

import (
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ifacelint/ifacelint/internal/graph"
)

var (
	//go:embed assets/report.html.tmpl
	htmlSource string
	//go:embed assets/report.css
	reportCSS string
	//go:embed assets/report.js
	reportJS string
	//go:embed assets/switcher.css
	switcherCSS string
	//go:embed assets/switcher.js
	switcherJS string
)

// maxDiagramNodes caps the inline diagram: beyond it a drawing is no longer
// readable, and the page would grow by megabytes. `ifacelint graph` still
// writes the whole diagram.
const maxDiagramNodes = 400

// printRegisterRows is how many rows of the interface register a printout
// holds (report.css hides the rest in print, by position, so a sorted
// table prints its first rows as sorted): Chromium cannot paginate a table
// of 10,000 rows, and a printed register past a few hundred rows is read
// in the CSV instead. The page says so when it has more.
const printRegisterRows = 300

var htmlTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"join":     join,
	"owner":    ownerText,
	"tls":      tlsText,
	"logging":  loggingText,
	"waiver":   waiverText,
	"dash":     func(s string) string { return cmpOr(s, "—") },
	"ctlKey":   controlSortKey,
	"weight":   func(c Counts) int { return c.Error*1_000_000 + c.Warning*1_000 + c.Info },
	"first":    func(hits []ControlHit) []ControlHit { return hits[:min(len(hits), maxListed)] },
	"more":     func(hits []ControlHit) int { return max(len(hits)-maxListed, 0) },
	"yesno":    yesNoClass,
	"commitID": func(c string) string { h, _, _ := strings.Cut(c, " "); return h },
	"commitOK": func(c string) bool { h, _, _ := strings.Cut(c, " "); return len(h) == 40 || len(h) == 64 },
	"commitRest": func(c string) string {
		_, rest, _ := strings.Cut(c, " ")
		return rest
	},
	"scope": scopeText,
	"hit": func(p *htmlPage, h ControlHit) hitLink {
		return hitLink{Anchor: p.Anchor(h.Interface), Hit: h}
	},
	"hits": func(p *htmlPage, c *Control) controlHits { return controlHits{Page: p, Control: c} },
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return "1 " + one
		}
		return strconv.Itoa(n) + " " + many
	},
}).Parse(htmlSource))

// contentSecurityPolicy forbids every fetch: the page may run only its own
// script and style, identified by their hashes. Even if something in the
// page named a URL, the browser would not load it.
var contentSecurityPolicy = "default-src 'none'; script-src '" + cspHash(reportJS) + "'; style-src '" + cspHash(reportCSS) +
	"'; img-src 'none'; base-uri 'none'; form-action 'none'"

// switcherPolicy is contentSecurityPolicy for a page that also carries the
// framework switcher's script and style.
var switcherPolicy = "default-src 'none'; script-src '" + cspHash(reportJS) + "' '" + cspHash(switcherJS) + "'; style-src '" +
	cspHash(reportCSS) + "' '" + cspHash(switcherCSS) + "'; img-src 'none'; base-uri 'none'; form-action 'none'"

func cspHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

type controlHits struct {
	Page    *htmlPage
	Control *Control
}

type hitLink struct {
	Anchor string
	Hit    ControlHit
}

type htmlPage struct {
	E           *Evidence
	CSS         template.CSS
	JS          template.JS
	CSP         string
	Diagram     template.HTML
	DiagramNote string
	// PrintRows is printRegisterRows when the register has more rows, else
	// 0: the page then says what a printout leaves out.
	PrintRows int
	Findings  barChart
	Exposure  barChart
	Coverage  stackChart
	// The report of several frameworks: one chart per framework, and the
	// switcher's script and style (empty for one framework).
	FrameworkCharts []stackChart
	SwitcherJS      template.JS
	SwitcherCSS     template.CSS
	anchors         map[string]int
}

// Anchor is the fragment of an interface's register row, "" if unknown.
func (p *htmlPage) Anchor(label string) string {
	if i, ok := p.anchors[label]; ok {
		return "iface-" + strconv.Itoa(i)
	}
	return ""
}

// HTML writes the evidence as one self-contained page: inline CSS, script
// and SVG, no external resource, a Content-Security-Policy that forbids
// every fetch, a print stylesheet, sortable tables. Every inventory string
// is made printable (textsafe.Terminal) and escaped by html/template.
func HTML(w io.Writer, e *Evidence) error {
	e = printable(e)
	p := &htmlPage{
		E: e, CSS: template.CSS(reportCSS), JS: template.JS(reportJS), CSP: contentSecurityPolicy,
		Findings: findingsChart(e.Summary), Exposure: exposureChart(e.Summary), Coverage: coverageChart(e.Coverage),
		anchors: map[string]int{},
	}
	if len(e.Frameworks) > 0 {
		p.Coverage = stackChart{} // each framework has its own, in its panel
		for _, fc := range e.Frameworks {
			p.FrameworkCharts = append(p.FrameworkCharts, coverageChart(fc.Coverage))
		}
	}
	if len(e.Frameworks) > 1 {
		p.SwitcherJS, p.SwitcherCSS, p.CSP = template.JS(switcherJS), template.CSS(switcherCSS), switcherPolicy
	}
	if len(e.Register) > printRegisterRows {
		p.PrintRows = printRegisterRows
	}
	for i, in := range e.Register {
		if _, dup := p.anchors[in.Label()]; !dup {
			p.anchors[in.Label()] = i
		}
	}
	switch n := len(e.Graph.Nodes); {
	case n == 0:
		p.DiagramNote = "Nothing to draw: no interface in the files reported on."
	case n > maxDiagramNodes:
		p.DiagramNote = fmt.Sprintf("The diagram has %d nodes, too many to draw readably here; `ifacelint graph --format dot` writes it for Graphviz.", n)
	default:
		svg, err := graph.SVG(e.Graph)
		if err != nil {
			return fmt.Errorf("draw the data-flow diagram: %w", err)
		}
		p.Diagram = svg
	}
	return htmlTmpl.Execute(w, p)
}

func yesNoClass(s string) string {
	switch s {
	case "yes":
		return "yes"
	case "no":
		return "no"
	case "":
		return "unset"
	}
	return "odd"
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// Charts: geometry is computed here, drawn by the template as inline SVG.

type barChart struct {
	Width, Height float64
	Bars          []bar
	Title         string
}

type bar struct {
	Label        string
	N            int
	Y, W         float64
	TextY        float64
	ValueX       float64
	Fill         string
	LabelX, BarX float64
}

const (
	chartBarH   = 18.0
	chartPitch  = 26.0
	chartLabelW = 96.0
	chartBarMax = 220.0
)

func newBarChart(title string, labels []string, values []int, fills []string) barChart {
	c := barChart{Title: title, Width: chartLabelW + chartBarMax + 48, Height: float64(len(labels))*chartPitch + 4}
	top := 1
	for _, v := range values {
		top = max(top, v)
	}
	for i, l := range labels {
		w := chartBarMax * float64(values[i]) / float64(top)
		if values[i] > 0 {
			w = max(w, 2)
		}
		y := float64(i)*chartPitch + 4
		c.Bars = append(c.Bars, bar{Label: l, N: values[i], Y: y, W: w, TextY: y + 13, BarX: chartLabelW, ValueX: chartLabelW + w + 6, Fill: fills[i]})
	}
	return c
}

func findingsChart(s Summary) barChart {
	return newBarChart("Open findings by severity, and waived findings",
		[]string{"errors", "warnings", "infos", "waived"},
		[]int{s.Open.Error, s.Open.Warning, s.Open.Info, s.Waived},
		[]string{"#d92d20", "#dc6803", "#1570ef", "#7f56d9"})
}

func exposureChart(s Summary) barChart {
	fills := map[string]string{"internet": "#d92d20", "partner": "#dc6803", "internal": "#039855"}
	var labels, colours []string
	var values []int
	for _, c := range s.ByExposure {
		labels = append(labels, c.Label)
		values = append(values, c.N)
		colours = append(colours, cmpOr(fills[c.Label], "#667085"))
	}
	return newBarChart("Interfaces by exposure", labels, values, colours)
}

type stackChart struct {
	Width, Height float64
	Rows          []stackRow
	LegendY       float64
	Legend        []legendItem
}

type stackRow struct {
	Label    string
	Name     string // the control's title, shortened
	NameX    float64
	Title    string
	Y, TextY float64
	Segs     []segment
	Summary  string
	SumX     float64
}

type segment struct {
	X, W  float64
	Fill  string
	Title string
}

type legendItem struct {
	X, TextX float64
	Fill     string
	Label    string
}

const (
	stackNameW     = 300.0
	stackNameChars = 46
	stackLabelW    = 44.0
	stackBarW      = 300.0
	stackPitch     = 20.0
	stackBarH      = 14.0
)

var (
	passFill   = "#12b76a"
	waivedFill = "#9e77ed"
	failFill   = "#f04438"
)

func coverageChart(controls []*Control) stackChart {
	// Room for the longest id ("10.4.1.1", "SC-28(1)"), at least stackLabelW.
	labelW := stackLabelW
	for _, ctl := range controls {
		labelW = max(labelW, 6.5*float64(utf8.RuneCountInString(ctl.ID))+8)
	}
	c := stackChart{Width: labelW + stackBarW + 84 + stackNameW}
	for i, ctl := range controls {
		y := float64(i) * stackPitch
		row := stackRow{Label: ctl.ID, Title: ctl.ID + " " + ctl.Title, Y: y, TextY: y + 11,
			Summary: fmt.Sprintf("%d / %d / %d", ctl.Pass, ctl.Waived, ctl.Fail), SumX: labelW + stackBarW + 8,
			Name: shorten(ctl.Title, stackNameChars), NameX: labelW + stackBarW + 84}
		total := ctl.Pass + ctl.Waived + ctl.Fail
		x := labelW
		for _, s := range []struct {
			n    int
			fill string
			what string
		}{{ctl.Pass, passFill, "pass"}, {ctl.Waived, waivedFill, "waived"}, {ctl.Fail, failFill, "fail"}} {
			if total == 0 || s.n == 0 {
				continue
			}
			w := stackBarW * float64(s.n) / float64(total)
			row.Segs = append(row.Segs, segment{X: x, W: w, Fill: s.fill, Title: fmt.Sprintf("%s: %d %s", ctl.ID, s.n, s.what)})
			x += w
		}
		c.Rows = append(c.Rows, row)
	}
	c.LegendY = float64(len(controls))*stackPitch + 12
	c.Height = c.LegendY + 14
	for i, l := range []struct{ fill, label string }{{passFill, "pass"}, {waivedFill, "waived"}, {failFill, "fail"}} {
		x := labelW + float64(i)*90
		c.Legend = append(c.Legend, legendItem{X: x, TextX: x + 16, Fill: l.fill, Label: l.label})
	}
	return c
}

func shorten(s string, max int) string {
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max-1]) + "…"
}
