package format

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
)

type junitParsed struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Cases    []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			Failures  []struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Body    string `xml:",chardata"`
			} `xml:"failure"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func parseJUnit(t *testing.T, r *Report) (junitParsed, string) {
	t.Helper()
	var buf bytes.Buffer
	if err := (JUnit{}).Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	var out junitParsed
	if err := xml.Unmarshal(buf.Bytes(), &out); err != nil {
		t.Fatalf("JUnit output is not XML: %v\n%s", err, buf.String())
	}
	return out, buf.String()
}

func TestJUnitCounts(t *testing.T) {
	t.Parallel()
	r := ciReport()
	out, _ := parseJUnit(t, r)
	open := r.Open()
	files, failures := map[string]bool{}, 0
	for _, f := range open {
		files[Terminal(f.File)] = true
	}
	cases := 0
	for _, s := range out.Suites {
		if !files[s.Name] {
			t.Errorf("suite %q is not a file with open findings", s.Name)
		}
		if s.Tests != len(s.Cases) || s.Failures != len(s.Cases) {
			t.Errorf("suite %s: tests=%d failures=%d for %d testcases", s.Name, s.Tests, s.Failures, len(s.Cases))
		}
		cases += len(s.Cases)
		for _, c := range s.Cases {
			if c.Classname != s.Name {
				t.Errorf("testcase %s: classname %q, want the file %q", c.Name, c.Classname, s.Name)
			}
			failures += len(c.Failures)
		}
	}
	if len(out.Suites) != len(files) {
		t.Errorf("%d suites for %d files", len(out.Suites), len(files))
	}
	if failures != len(open) {
		t.Errorf("%d failures for %d open findings (waived and baselined are left out)", failures, len(open))
	}
	if out.Tests != cases || out.Failures != cases || out.Errors != 0 {
		t.Errorf("testsuites: tests=%d failures=%d errors=%d, want %d %d 0", out.Tests, out.Failures, out.Errors, cases, cases)
	}
	// Two findings on one document share its testcase.
	for _, s := range out.Suites {
		if s.Name == "inventory/platform/admin.yaml" && (len(s.Cases) != 1 || s.Cases[0].Name != "Interface/admin-console" || len(s.Cases[0].Failures) != 2) {
			t.Errorf("admin.yaml: %+v", s.Cases)
		}
	}
}

func TestJUnitEmpty(t *testing.T) {
	t.Parallel()
	out, raw := parseJUnit(t, New(nil, 3, 4, nil))
	if out.Tests != 0 || out.Failures != 0 || len(out.Suites) != 0 {
		t.Errorf("empty run: %+v", out)
	}
	if strings.Count(raw, "<testsuites") != 1 {
		t.Errorf("want one testsuites element:\n%s", raw)
	}
}

// Attribute and body text survive the round trip exactly, except control
// characters, which XML cannot carry and arrive as visible escapes.
func TestJUnitEscaping(t *testing.T) {
	t.Parallel()
	out, raw := parseJUnit(t, ciReport())
	var found bool
	for _, s := range out.Suites {
		for _, c := range s.Cases {
			for _, f := range c.Failures {
				if !strings.HasPrefix(f.Message, "acme/custom-check: ") {
					continue
				}
				found = true
				if want := Terminal("acme/custom-check: " + hostileMessage); f.Message != want {
					t.Errorf("message attribute:\n got %q\nwant %q", f.Message, want)
				}
				if c.Name != `Interface/pay<&>"'` {
					t.Errorf("testcase name %q", c.Name)
				}
				if !strings.Contains(f.Body, `\r\nnext`) || !strings.HasSuffix(f.Body, "\nfix: Ask <security> & fix |it|.") {
					t.Errorf("body %q", f.Body)
				}
			}
		}
	}
	if !found {
		t.Fatal("no failure for the hostile finding")
	}
	for _, r := range raw {
		if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) || (r >= 0x202a && r <= 0x202e) {
			t.Fatalf("control character %U reached the XML", r)
		}
	}
}
