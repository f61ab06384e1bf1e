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
	"runtime/debug"

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
// GOGC=400 cuts CPU time by a quarter on 10,000 interfaces; the 280 MiB
// soft limit keeps the peak RSS of 100,000 interfaces under 300 MiB (the
// collector works harder there instead). Measured in docs/performance.md.
// The GOGC and GOMEMLIMIT environment variables still override either.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(280 << 20)
	}
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
