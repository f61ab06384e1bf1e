// Command ifacelint lints an organisation's interface inventory: YAML
// documents describing every boundary where data or commands cross,
// evaluated against built-in and custom Rego policies.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"

	"github.com/ifacelint/ifacelint/internal/app"
	"github.com/ifacelint/ifacelint/internal/textsafe"
)

// Exit codes: the contract CI gates rely on.
const (
	exitOK       = 0 // nothing at or above --fail-on
	exitFindings = 1 // findings at or above --fail-on (or a failing policy test)
	exitError    = 2 // the tool could not do its job
)

func main() {
	tuneGC()
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// tuneGC trades memory for speed where the Go runtime's defaults suit a
// server better than a batch linter: a lint run allocates ~250 KB per
// document (mostly policy evaluation) over a live heap of a few tens of
// MiB, so the default GOGC=100 collects every few hundred documents.
// GOGC=400 cuts CPU time by a quarter on 10,000 interfaces. The soft memory
// limit follows the live heap (followLiveHeap): memFloor while the live heap
// is under half of it, twice the live heap above (up to memCeiling), so a
// run whose results outgrow the floor (hundreds of thousands of findings)
// collects about as often as GOGC=100 would instead of without pause.
// Measured in docs/performance.md. The GOGC and GOMEMLIMIT environment
// variables still override either.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memFloor)
		followLiveHeap()
	}
}

// memFloor is the least soft memory limit: it keeps the peak RSS of
// 100,000 interfaces of the generated inventory near 300 MiB. memCeiling
// is the most: with it a run of 100,000 findings-heavy interfaces (~290,000
// findings) peaked at 463 MiB, within the 512 MiB bound (with 480 MiB:
// 546 MiB, for 5 % less CPU).
const (
	memFloor   = 280 << 20
	memCeiling = 400 << 20
)

// followLiveHeap sets the soft memory limit after every collection to twice
// the live heap it left, between memFloor and memCeiling. A fixed limit near
// the live heap makes the collector run back to back: a 100,000-interface
// run with ~290,000 findings had used 363 s of CPU under the fixed 280 MiB
// and was still running, against 245 s for the whole run with this. The
// collection is seen by a finalizer on an object nothing refers to, set
// again each time.
func followLiveHeap() {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var arm func()
	arm = func() {
		sentinel := new([64]byte) // above the tiny allocator's 16 bytes, so it is freed (and finalized) alone
		runtime.SetFinalizer(sentinel, func(*[64]byte) {
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 {
				live := int64(sample[0].Value.Uint64())
				debug.SetMemoryLimit(min(max(memFloor, 2*live), memCeiling))
			}
			arm()
		})
	}
	arm()
}

// run executes one command line and returns the exit code. Every error is
// printed here, once, and mapped to an exit code here. Standard output and
// standard error pass through a textsafe.CommandGuard: whatever a command
// prints, no line of either is a workflow command it did not mean to write.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	out, errOut := textsafe.NewCommandGuard(stdout), textsafe.NewCommandGuard(stderr)
	code := execute(args, stdin, out, errOut)
	_ = out.Flush() // at most a few bytes held back, the end of the output
	_ = errOut.Flush()
	return code
}

func execute(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRootCmd(stdin, stdout, stderr)
	root.SetArgs(args)
	// The hard stop (app.WithHardStop) ends a run stuck past its limit with
	// the message and exit code the usual path would give.
	ctx, stop := app.WithHardStop(context.Background(), func(err error) {
		os.Exit(exitCode(stderr, err))
	})
	// An interrupt or a termination signal ends the run the same way.
	defer app.StopOnSignal(stop)()
	err := root.ExecuteContext(ctx)
	stop.End()
	return exitCode(stderr, err)
}

// exitCode prints err, if any, and returns its exit code: the one place where
// errors become exit codes.
func exitCode(stderr io.Writer, err error) int {
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, app.ErrFindings):
		return exitFindings
	default:
		fmt.Fprintf(stderr, "ifacelint: %s\n", sanitizeErr(err))
		return exitError
	}
}
