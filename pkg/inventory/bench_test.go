package inventory_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"runtime"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/ifacelint/ifacelint/internal/inventorygen/fixture"
	"github.com/ifacelint/ifacelint/internal/schema"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// The loading stages over a generated 1,000-interface inventory (about 900
// files of 1–2 KB in nested folders). Run with `make bench`, or
// `go test -run '^$' -bench . ./pkg/inventory`.

const benchInterfaces = 1000

type sourceFile struct {
	path string
	data []byte
}

func readAll(b *testing.B, dir string) ([]sourceFile, int64) {
	b.Helper()
	paths, err := inventory.Walk([]string{dir}, inventory.WalkOptions{})
	if err != nil {
		b.Fatal(err)
	}
	var total int64
	out := make([]sourceFile, len(paths))
	for i, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		out[i] = sourceFile{p, data}
		total += int64(len(data))
	}
	return out, total
}

// BenchmarkWalk finds the inventory's files (one op: the whole inventory).
func BenchmarkWalk(b *testing.B) {
	dir, m := fixture.Inventory(b, benchInterfaces)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := inventory.Walk([]string{dir}, inventory.WalkOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*m.Files), "ns/file")
}

// BenchmarkWalkRead finds and reads every file (one op: the whole
// inventory), the I/O half of loading; the page cache is warm.
func BenchmarkWalkRead(b *testing.B) {
	dir, m := fixture.Inventory(b, benchInterfaces)
	b.SetBytes(m.Bytes)
	b.ReportAllocs()
	for b.Loop() {
		paths, err := inventory.Walk([]string{dir}, inventory.WalkOptions{})
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range paths {
			if _, err := os.ReadFile(p); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*m.Files), "ns/file")
}

// BenchmarkParse parses one file per op, cycling over the inventory:
// yaml.v3's node tree, then the conversion into plain values with a
// position for every node. Sub-benchmarks split the two.
func BenchmarkParse(b *testing.B) {
	dir, _ := fixture.Inventory(b, benchInterfaces)
	files, total := readAll(b, dir)
	validator, err := schema.Default()
	if err != nil {
		b.Fatal(err)
	}
	opts := inventory.Options{WantsString: validator.WantsString}
	docsPerFile := 0.0
	for _, f := range files {
		docsPerFile += float64(len(inventory.Parse(f.path, f.data, opts).Docs))
	}
	docsPerFile /= float64(len(files))
	perFile := float64(total) / float64(len(files))

	b.Run("stage=yaml-node", func(b *testing.B) {
		b.SetBytes(int64(perFile))
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			f := files[i%len(files)]
			i++
			dec := yaml.NewDecoder(bytes.NewReader(f.data))
			for {
				var n yaml.Node
				if err := dec.Decode(&n); errors.Is(err, io.EOF) {
					break
				} else if err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/(float64(b.N)*docsPerFile), "ns/doc")
	})
	b.Run("stage=document", func(b *testing.B) {
		b.SetBytes(int64(perFile))
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			f := files[i%len(files)]
			i++
			if got := inventory.Parse(f.path, f.data, opts); len(got.Problems) > 0 {
				b.Fatal(got.Problems[0].Message)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/(float64(b.N)*docsPerFile), "ns/doc")
	})
}

// BenchmarkRetainedPerDocument measures what holding a parsed document costs:
// the live heap after parsing the whole inventory and keeping every
// document, divided by the documents. A run that holds every document
// (today's lint.Run) needs this times the inventory size.
func BenchmarkRetainedPerDocument(b *testing.B) {
	dir, m := fixture.Inventory(b, benchInterfaces)
	files, _ := readAll(b, dir)
	validator, err := schema.Default()
	if err != nil {
		b.Fatal(err)
	}
	opts := inventory.Options{WantsString: validator.WantsString}
	var perDoc float64
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		parsed := make([]*inventory.File, len(files))
		for i, f := range files {
			parsed[i] = inventory.Parse(f.path, f.data, opts)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		perDoc = float64(after.HeapAlloc-before.HeapAlloc) / float64(m.Documents)
		runtime.KeepAlive(parsed)
	}
	b.ReportMetric(perDoc, "retained-B/doc")
}
