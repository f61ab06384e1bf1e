package audit

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// parseHTML renders the evidence and parses it back as a browser would.
func parseHTML(t *testing.T, e *Evidence) (*html.Node, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := HTML(&buf, e); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	return doc, buf.Bytes()
}

func walk(n *html.Node, fn func(*html.Node)) {
	fn(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func byID(doc *html.Node, id string) *html.Node {
	var found *html.Node
	walk(doc, func(n *html.Node) {
		if v, ok := attr(n, "id"); ok && v == id && found == nil {
			found = n
		}
	})
	return found
}

func textOf(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return b.String()
}

// rows returns the tbody rows of a table.
func rows(table *html.Node) []*html.Node {
	var out []*html.Node
	walk(table, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "tr" && n.Parent != nil && n.Parent.Data == "tbody" {
			out = append(out, n)
		}
	})
	return out
}

// The register parsed back: one row per Interface, in id order, each
// carrying its inventory text as text, hostile markup included.
func TestHTMLRegisterRows(t *testing.T) {
	t.Parallel()
	e := evaluate(t, "2026-11-23", "testdata/fixture")
	doc, _ := parseHTML(t, e)
	table := byID(doc, "register-table")
	if table == nil {
		t.Fatal("no register table")
	}
	got := rows(table)
	want := []string{"admin-portal", "bank-sftp", "public-api"}
	if len(got) != len(want) {
		t.Fatalf("%d register rows, want %d", len(got), len(want))
	}
	for i, tr := range got {
		if id, _ := attr(tr, "data-id"); id != want[i] {
			t.Errorf("row %d is %q, want %q", i, id, want[i])
		}
	}
	admin := textOf(got[0])
	for _, s := range []string{
		`=HYPERLINK("http://evil.example/x","click") <script>alert(1)</script>`, // the name, as text
		"+ops", "@ops-oncall", "restricted", "sso",
		"monitoring/alerts until 2026-01-31 (expired)",
	} {
		if !strings.Contains(admin, s) {
			t.Errorf("admin-portal row lacks %q; it reads %q", s, admin)
		}
	}
	if pub := textOf(got[2]); !strings.Contains(pub, "availability/rate-limited until 2027-03-31 (active)") || !strings.Contains(pub, "1 waived") {
		t.Errorf("public-api row lacks its active waiver: %q", pub)
	}

	if n := len(rows(byID(doc, "coverage-table"))); n != mappedControls {
		t.Errorf("%d coverage rows, want %d", n, mappedControls)
	}
	suppliers := rows(byID(doc, "supplier-table"))
	if len(suppliers) != 2 || !strings.Contains(textOf(suppliers[1]), "not in the inventory") {
		t.Errorf("third-party rows: %d, want acme-cdn and the missing ghost-vendor", len(suppliers))
	}
}

// Nothing in the page can reach the network or run anything but the
// report's own script: one script element, no element loading a URL, no
// event-handler attribute, and a Content-Security-Policy whose hashes match
// the page's own style and script.
func TestHTMLSelfContained(t *testing.T) {
	t.Parallel()
	for name, e := range map[string]*Evidence{
		"fixture": evaluate(t, "2026-11-23", "testdata/fixture"),
		"empty":   emptyEvidence(t),
	} {
		t.Run(name, func(t *testing.T) {
			doc, raw := parseHTML(t, e)
			var scripts, styles []string
			csp := ""
			walk(doc, func(n *html.Node) {
				if n.Type != html.ElementNode {
					return
				}
				switch n.Data {
				case "script":
					scripts = append(scripts, textOf(n))
				case "style":
					styles = append(styles, textOf(n))
				case "meta":
					if v, _ := attr(n, "http-equiv"); v == "Content-Security-Policy" {
						csp, _ = attr(n, "content")
					}
				case "link", "iframe", "object", "embed", "img", "base", "form", "image", "use":
					t.Errorf("element <%s> has no place in the report", n.Data)
				}
				for _, a := range n.Attr {
					key := strings.ToLower(a.Key)
					if strings.HasPrefix(key, "on") {
						t.Errorf("<%s %s>: event handler attribute", n.Data, a.Key)
					}
					if (key == "src" || key == "href" || strings.HasSuffix(key, ":href") || key == "action") && !strings.HasPrefix(a.Val, "#") {
						t.Errorf("<%s %s=%q>: only in-page links are allowed", n.Data, a.Key, a.Val)
					}
				}
			})
			if len(scripts) != 1 || len(styles) != 1 {
				t.Fatalf("%d scripts and %d styles, want one of each", len(scripts), len(styles))
			}
			for _, want := range []string{"default-src 'none'", "'" + cspHash(scripts[0]) + "'", "'" + cspHash(styles[0]) + "'"} {
				if !strings.Contains(csp, want) {
					t.Errorf("Content-Security-Policy %q lacks %s", csp, want)
				}
			}
			if m := regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?\s*(https?:)?//`).Find(raw); m != nil {
				t.Errorf("external reference in the output: %s", m)
			}
			if !bytes.Contains(raw, []byte("@media print")) {
				t.Error("no print stylesheet")
			}
		})
	}
}

// emptyEvidence has no Interface: a register with no rows must still be a
// well-formed, self-contained page.
func emptyEvidence(t *testing.T) *Evidence {
	t.Helper()
	e := evaluate(t, "2026-11-23", "testdata/fixture/suppliers.yaml")
	if len(e.Register) != 0 || len(e.Suppliers) != 1 {
		t.Fatalf("suppliers.yaml alone: %d interfaces, %d suppliers; want 0 and 1", len(e.Register), len(e.Suppliers))
	}
	return e
}

// mappedControls is the number of Annex A controls the built-in rules map
// to, counted by hand from their METADATA: 5.9 5.12 5.14 5.15 5.17 5.19
// 5.20 5.21 5.22 5.34 8.2 8.3 8.5 8.6 8.8 8.11 8.15 8.16 8.20 8.22 8.24 8.26
// 8.28 8.29 8.31 8.32 8.33. The coverage matrix has a row for each.
const mappedControls = 27

// Printed, the register holds its first printRegisterRows rows (by
// position, so as sorted on screen): the print stylesheet hides the rest,
// and a note shown only in print says how many there are and points at
// the CSV. Up to the cap there is no note and every row prints.
func TestHTMLPrintCapsRegister(t *testing.T) {
	t.Parallel()
	// The stylesheet's rule and the constant agree.
	_, printCSS, ok := strings.Cut(reportCSS, "@media print{")
	if !ok {
		t.Fatal("report.css has no print stylesheet")
	}
	rule := fmt.Sprintf("#register-table tbody tr:nth-child(n+%d){display:none}", printRegisterRows+1)
	if !strings.Contains(printCSS, rule) || !strings.Contains(printCSS, ".print-only{display:block}") {
		t.Errorf("print stylesheet lacks %q or shows no .print-only:\n%s", rule, printCSS)
	}
	if screen, _, _ := strings.Cut(reportCSS, "@media print{"); !strings.Contains(screen, ".print-only{display:none}") {
		t.Error("on screen, .print-only is not hidden")
	}
	for _, n := range []int{printRegisterRows, printRegisterRows + 1, 10_000} {
		e := evaluate(t, "2026-11-23", "testdata/fixture")
		base := e.Register[0]
		e.Register = nil
		for i := range n {
			in := *base
			in.ID = fmt.Sprintf("iface-%05d", i)
			e.Register = append(e.Register, &in)
		}
		doc, out := parseHTML(t, e)
		if got := len(rows(byID(doc, "register-table"))); got != n {
			t.Errorf("%d interfaces: %d rows on the page, want all", n, got)
		}
		note := byID(doc, "register-print-note")
		switch {
		case n <= printRegisterRows && note != nil:
			t.Errorf("%d interfaces: a print note, which only a longer register needs", n)
		case n > printRegisterRows && note == nil:
			t.Errorf("%d interfaces: no print note", n)
		case note != nil:
			want := fmt.Sprintf("This printout holds the first %d of the register’s %d rows, in the order on screen", printRegisterRows, n)
			if cls, _ := attr(note, "class"); !strings.Contains(textOf(note), want) || !strings.Contains(textOf(note), "ifacelint report -f csv") || cls != "note print-only" {
				t.Errorf("%d interfaces: print note %q (class %q)", n, textOf(note), cls)
			}
		}
		if n > printRegisterRows && bytes.Count(out, []byte("register-print-note")) != 1 {
			t.Errorf("%d interfaces: the note is not there once", n)
		}
	}
}
