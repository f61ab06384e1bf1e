package audit

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/ifacelint/ifacelint/internal/frameworks"
)

// The CSV parses back with encoding/csv: a header, one row per Interface,
// every row as wide as the header; hostile cells are neutralised.
func TestCSVParsesBack(t *testing.T) {
	t.Parallel()
	e := evaluate(t, "2026-11-23", "testdata/fixture")
	var buf bytes.Buffer
	if err := CSV(&buf, e); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(&buf).ReadAll() // also fails on ragged rows
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != 1+len(e.Register) || len(e.Register) != 3 {
		t.Fatalf("%d records, want a header and 3 rows", len(records))
	}
	header := records[0]
	if len(header) != len(csvHeader) || header[0] != "id" {
		t.Fatalf("header %q", header)
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	admin := records[1]
	for field, want := range map[string]string{
		"id":            "admin-portal",
		"name":          `'=HYPERLINK("http://evil.example/x","click") <script>alert(1)</script> | [x](y) @team #1`,
		"owner_team":    "'+ops",
		"owner_contact": "'@ops-oncall",
		"privileged":    "yes",
		"open_errors":   "2",
		"waivers":       "monitoring/alerts until 2026-01-31 (expired), approved by security@example.com, written at testdata/fixture/interfaces.yaml:51: Old.",
		"evaluated":     "2026-11-23",
		"config_digest": "none",
	} {
		if got := admin[col[field]]; got != want {
			t.Errorf("admin-portal %s = %q, want %q", field, got, want)
		}
	}
	for _, rec := range records[1:] {
		for i, cell := range rec {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("%s %s = %q: a spreadsheet would run it", rec[0], header[i], cell)
			}
		}
	}
}

func TestCSVCell(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"":                  "",
		"plain":             "plain",
		"=1+1":              "'=1+1",
		"+49 30 1234":       "'+49 30 1234",
		"-2":                "'-2",
		"@SUM(A1:A2)":       "'@SUM(A1:A2)",
		"\t=cmd":            "'\t=cmd",
		"\r=cmd":            "'\r=cmd",
		"a=b":               "a=b",
		"'already quoted":   "'already quoted",
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")",
		" =1":               " =1", // a leading space: not a formula
	}
	for in, want := range tests {
		if got := csvCell(in); got != want {
			t.Errorf("csvCell(%q) = %q, want %q", in, got, want)
		}
	}
}

// With frameworks asked for, each register row goes on with its result on
// every control of each framework; the column's counts are the matrix's.
func TestCSVFrameworkMatrix(t *testing.T) {
	t.Parallel()
	e := evaluateFrameworks(t, "2026-11-23", []string{frameworks.SOC2, frameworks.NIST}, "testdata/fixture")
	var buf bytes.Buffer
	if err := CSV(&buf, e); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := records[0]
	if header[len(csvHeader)] != "frameworks" || !strings.HasPrefix(records[1][len(csvHeader)], "SOC 2 Trust Services Criteria 2017 (") {
		t.Fatalf("provenance column %q = %q", header[len(csvHeader)], records[1][len(csvHeader)])
	}
	col := len(csvHeader) + 1
	failing := 0
	for _, fc := range e.Frameworks {
		for _, ctl := range fc.Coverage {
			if want := fc.Key + " " + ctl.ID; header[col] != want {
				t.Fatalf("column %d is %q, want %q", col, header[col], want)
			}
			count := map[string]int{}
			for _, rec := range records[1:] {
				count[rec[col]]++
			}
			if count[StatusPass] != ctl.Pass || count[StatusWaived] != ctl.Waived || count[StatusFail] != ctl.Fail ||
				ctl.Pass+ctl.Waived+ctl.Fail != len(records)-1 {
				t.Errorf("%s: column counts %v, matrix %d/%d/%d", header[col], count, ctl.Pass, ctl.Waived, ctl.Fail)
			}
			failing += ctl.Fail
			col++
		}
	}
	if col != len(header) || failing == 0 {
		t.Errorf("%d columns read of %d; %d failing cells (the fixture fails some)", col, len(header), failing)
	}
}
