package format_test

import (
	"context"
	"io"
	"sync"
	"testing"

	"github.com/ifacelint/ifacelint/internal/format"
	"github.com/ifacelint/ifacelint/internal/inventorygen"
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

var (
	heavyOnce sync.Once
	heavy     *lint.Result
	heavyOpts lint.Options
)

// heavyFindings lints a generated findings-heavy 2,000-interface inventory
// once (inventorygen's Heavy: about three findings per document, ~5,700).
func heavyFindings(b *testing.B) (*lint.Result, lint.Options) {
	b.Helper()
	heavyOnce.Do(func() {
		dir := b.TempDir()
		if _, err := inventorygen.WriteDir(dir, inventorygen.Options{Interfaces: 2000, Heavy: true}); err != nil {
			b.Fatal(err)
		}
		heavyOpts = fixture.LintOptions(b)
		heavyOpts.Inventory = []string{dir}
		heavyOpts.Root = dir
		res, err := lint.Run(context.Background(), heavyOpts)
		if err != nil {
			b.Fatal(err)
		}
		heavy = res
	})
	return heavy, heavyOpts
}

// BenchmarkRender writes the report of a findings-heavy inventory in each
// machine format; its MB/s is the rendering speed (the output's bytes per
// second, into a buffered file-like writer).
func BenchmarkRender(b *testing.B) {
	res, opts := heavyFindings(b)
	for _, name := range []string{"json", "sarif", "text"} {
		b.Run("format="+name, func(b *testing.B) {
			r, err := format.Get(name, format.Options{})
			if err != nil {
				b.Fatal(err)
			}
			var n countingWriter
			rep := format.New(res.Findings, res.Files, res.Documents, opts.Catalogue)
			if err := r.Write(&n, rep); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(n))
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

type countingWriter int

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}
