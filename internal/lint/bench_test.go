package lint_test

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ifacelint/ifacelint/internal/inventorygen/fixture"
	"github.com/ifacelint/ifacelint/internal/lint"
)

// Environment variables of BenchmarkRun:
const (
	// sizesEnv lists the inventory sizes (comma-separated Interface counts);
	// default 1000,10000.
	sizesEnv = "IFACELINT_BENCH_RUN_SIZES"
	// peakProfileEnv names a file to write a heap profile to at the peak of
	// the live heap (the last one taken as the heap grows by a tenth).
	peakProfileEnv = "IFACELINT_BENCH_PEAK_HEAPPROFILE"
)

func runSizes(b *testing.B) []int {
	spec := os.Getenv(sizesEnv)
	if spec == "" {
		spec = "1000,10000"
	}
	var sizes []int
	for _, s := range strings.Split(spec, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			b.Fatalf("%s=%q: want comma-separated positive numbers", sizesEnv, spec)
		}
		sizes = append(sizes, n)
	}
	return sizes
}

// BenchmarkRun lints a generated inventory in process, the whole of
// lint.Run (walk, read, parse, index, schema, policy evaluation, waivers,
// sort), without process start-up, policy compilation and reporting. It
// reports the time per interface and the peak of the live heap; profile it
// with -cpuprofile/-memprofile (see docs/performance.md).
func BenchmarkRun(b *testing.B) {
	for _, n := range runSizes(b) {
		for _, rules := range []string{"all", "mission"} {
			b.Run(fmt.Sprintf("interfaces=%d/rules=%s", n, rules), func(b *testing.B) {
				dir, m := fixture.Inventory(b, n)
				var only []string
				if rules == "mission" {
					only = fixture.MissionRules
				}
				opts := fixture.LintOptions(b, only...)
				opts.Inventory = []string{dir}
				opts.Root = dir // spec.apiSpec paths start at the generated inventory
				peak := watchHeap(os.Getenv(peakProfileEnv))
				b.ReportAllocs()
				for b.Loop() {
					res, err := lint.Run(context.Background(), opts)
					if err != nil {
						b.Fatal(err)
					}
					if rules == "all" && len(res.Findings) != m.Total()+waived(m.Waived) {
						b.Fatalf("%d findings, want %d: run the correctness test (go test ./internal/inventorygen)", len(res.Findings), m.Total()+waived(m.Waived))
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/interface")
				live, heap := peak()
				b.ReportMetric(float64(live)/(1<<20), "peak-live-MiB")
				b.ReportMetric(float64(heap)/(1<<20), "peak-heap-MiB")
			})
		}
	}
}

// BenchmarkIndexRetained measures the heap the cross-document index keeps
// per document once the documents themselves are dropped: all a run holds
// for the whole inventory. interfaces=no is a run whose policies do not
// read the Interface summaries (the built-in rules); interfaces=yes, one
// whose policies do.
func BenchmarkIndexRetained(b *testing.B) {
	dir, m := fixture.Inventory(b, 10000)
	for _, with := range []bool{false, true} {
		name := map[bool]string{false: "interfaces=no", true: "interfaces=yes"}[with]
		b.Run(name, func(b *testing.B) {
			var perDoc float64
			for b.Loop() {
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				docs := fixture.Documents(fixture.Load(b, dir))
				index := lint.BuildIndex(docs, with)
				docs = nil
				runtime.GC()
				runtime.ReadMemStats(&after)
				perDoc = float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / float64(m.Documents)
				runtime.KeepAlive(index)
			}
			b.ReportMetric(perDoc, "retained-B/doc")
		})
	}
}

func waived(m map[string]int) int {
	n := 0
	for _, c := range m {
		n += c
	}
	return n
}

// watchHeap samples the heap every 10ms until the returned function is
// called, which stops sampling and returns two peaks in bytes: the live
// heap as the last garbage collection measured it, and the heap objects
// (live and garbage not yet collected, what the process's RSS follows).
// With a profile path, it writes a heap profile each time the live peak
// grows by a tenth, so the file ends up showing what was live near the peak.
func watchHeap(profile string) func() (live, heap uint64) {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/heap/objects:bytes"}}
	var (
		mu       sync.Mutex
		peakLive uint64
		peakHeap uint64
		profiled uint64
		stop     = make(chan struct{})
		done     = make(chan struct{})
	)
	go func() {
		defer close(done)
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
			}
			metrics.Read(sample)
			live, heap := sample[0].Value.Uint64(), sample[1].Value.Uint64()
			mu.Lock()
			peakLive, peakHeap = max(peakLive, live), max(peakHeap, heap)
			mu.Unlock()
			if profile != "" && live > profiled+profiled/10 {
				profiled = live
				if f, err := os.Create(profile); err == nil {
					_ = pprof.Lookup("heap").WriteTo(f, 0)
					f.Close()
				}
			}
		}
	}()
	return func() (uint64, uint64) {
		close(stop)
		<-done
		mu.Lock()
		defer mu.Unlock()
		return peakLive, peakHeap
	}
}
