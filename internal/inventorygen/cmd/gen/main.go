//go:build ifacelint_tools

// Command gen writes a generated inventory for benchmarks and tests:
//
//	go run -tags ifacelint_tools ./internal/inventorygen/cmd/gen -n 10000 -out /tmp/inventory
//
// An existing inventory generated with the same options is reused. It prints
// the manifest: the files, documents and the findings per rule that linting
// the inventory with `--now` at the manifest's date must report.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/ifacelint/ifacelint/internal/inventorygen"
)

func main() {
	var (
		n     = flag.Int("n", 1000, "number of Interface documents")
		out   = flag.String("out", "", "directory to write the inventory to (required)")
		seed  = flag.Uint64("seed", 1, "random seed")
		now   = flag.String("now", inventorygen.DefaultNow.Format(time.DateOnly), "date at which clean documents pass every rule")
		per   = flag.Int("files-per-dir", 100, "files per folder")
		rate  = flag.Float64("violations", 0.25, "share of Interfaces with one planted violation (negative: none)")
		heavy = flag.Bool("heavy", false, "findings-heavy: every Interface without a planted violation breaks three or four more rules (about three findings per document)")
		spec  = flag.String("spec-dir", "", "directory every spec.apiSpec path starts with: the inventory's path relative to the directory lint runs in (default: lint runs in the inventory)")
	)
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gen: -out is required")
		os.Exit(2)
	}
	day, err := time.Parse(time.DateOnly, *now)
	if err != nil {
		fmt.Fprintf(os.Stderr, "gen: -now %q: want YYYY-MM-DD\n", *now)
		os.Exit(2)
	}
	start := time.Now()
	m, reused, err := inventorygen.Ensure(*out, inventorygen.Options{
		Interfaces: *n, Seed: *seed, Now: day, FilesPerDir: *per, ViolationRate: *rate, SpecDir: *spec, Heavy: *heavy,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	verb := "generated"
	if reused {
		verb = "reused"
	}
	fmt.Fprintf(os.Stderr, "gen: %s %s: %d files, %d documents, %.1f MiB in %s\n",
		verb, *out, m.Files, m.Documents, float64(m.Bytes)/(1<<20), time.Since(start).Round(time.Millisecond))
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
