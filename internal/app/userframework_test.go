package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/ifacelint/ifacelint/internal/golden"
)

// A framework of the organisation's own (testdata/frameworks/acme: a config
// entry with a catalogue and a mappings file, and a custom rule naming the
// key in its METADATA) gets its coverage matrix over the example
// inventory, in the config's order, like a built-in one: the markdown
// matrix and the CSV columns, byte for byte.
func TestUserFrameworkReport(t *testing.T) {
	t.Chdir("../..")
	cfg := "testdata/frameworks/acme/.ifacelint.yaml"
	run := func(format string) string {
		t.Helper()
		var out, errb bytes.Buffer
		req := lintRequest(format)
		req.Config, req.Now, req.Stdout, req.Stderr, req.NoCache, req.Timeout = cfg, "2026-11-23", &out, &errb, true, DefaultTimeout
		if err := New(req).Report(context.Background()); err != nil {
			t.Fatalf("report -f %s: %v\n%s", format, err, errb.String())
		}
		return out.String()
	}
	md := run("markdown")
	start := strings.Index(md, "## Control coverage (Acme")
	end := strings.Index(md, "## Control coverage (SOC 2")
	if start < 0 || end < start {
		t.Fatalf("no Acme matrix before the SOC 2 one:\n%s", md)
	}
	golden.Check(t, "frameworks/acme/coverage.md", []byte(md[start:end]))

	rows, err := csv.NewReader(strings.NewReader(run("csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var cols []int
	for i, h := range rows[0] {
		if i == 0 || strings.HasPrefix(h, "acme-sec ") {
			cols = append(cols, i)
		}
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	for _, r := range rows {
		var keep []string
		for _, i := range cols {
			keep = append(keep, r[i])
		}
		_ = w.Write(keep)
	}
	w.Flush()
	golden.Check(t, "frameworks/acme/coverage.csv", b.Bytes())
}
