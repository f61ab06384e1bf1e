package format_test

import (
	"context"
	"io"
	"sync"
	"testing"

	"github.com/ifacelint/ifacelint/internal/format"
	"github.com/ifacelint/ifacelint/internal/inventorygen/fixture"
	"github.com/ifacelint/ifacelint/internal/lint"
)

var (
	findingsOnce sync.Once
	findings     *lint.Result
	findingsOpts lint.Options
)

// realFindings lints a generated 1,000-interface inventory once: about 270
// open findings and a few waived ones, with real messages and paths.
func realFindings(b *testing.B) (*lint.Result, lint.Options) {
	b.Helper()
	findingsOnce.Do(func() {
		dir, _ := fixture.Inventory(b, 1000)
		findingsOpts = fixture.LintOptions(b)
		findingsOpts.Inventory = []string{dir}
		res, err := lint.Run(context.Background(), findingsOpts)
		if err != nil {
			b.Fatal(err)
		}
		findings = res
	})
	return findings, findingsOpts
}

// BenchmarkReport writes the report of a 1,000-interface inventory (one op:
// the whole report) in each format.
func BenchmarkReport(b *testing.B) {
	res, opts := realFindings(b)
	for _, name := range []string{"text", "json"} {
		b.Run("format="+name, func(b *testing.B) {
			r, err := format.Get(name, format.Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				rep := format.New(res.Findings, res.Files, res.Documents, opts.Catalogue)
				if err := r.Write(io.Discard, rep); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(res.Findings)), "findings/op")
		})
	}
}
