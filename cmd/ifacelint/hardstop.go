package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/ifacelint/ifacelint/internal/safefile"
)

// hardStop ends a run whose work does not stop at its limit: a built-in
// function that computes in one Go call never sees the cancellation that
// stops evaluation everywhere else. Past a limit — the run's time limit
// (runClock), a document's (lint.Options.Abort) or the memory limit
// (policy.EngineOptions.Abort) — the run is given policy.HardStopGrace to
// end as usual; if it has not, stop prints the error the usual path prints,
// removes the temporary files of outputs not yet committed (previous
// outputs stay whole: safefile writes by rename) and exits with exitError.
// A healthy run never comes near it: the grace is counted only once a limit
// has passed, when the run is failing anyway.
type hardStop struct {
	mu     sync.Mutex
	stderr io.Writer
	exit   func(code int)
	ended  bool // the run returned, or a stop is under way
}

type hardStopKey struct{}

// withHardStop gives ctx the hard stop of a run printing to stderr.
func withHardStop(ctx context.Context, stderr io.Writer) (context.Context, *hardStop) {
	h := &hardStop{stderr: stderr, exit: os.Exit}
	return context.WithValue(ctx, hardStopKey{}, h), h
}

// hardStopOf returns the run's hard stop, or nil (whose stop does nothing).
func hardStopOf(ctx context.Context) *hardStop {
	h, _ := ctx.Value(hardStopKey{}).(*hardStop)
	return h
}

// stop ends the process with err, unless the run already returned.
func (h *hardStop) stop(err error) {
	if h == nil {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.ended {
		return
	}
	h.ended = true
	resume := safefile.AbortPending() // no output is committed from here on
	fmt.Fprintf(h.stderr, "ifacelint: %s\n", sanitizeErr(err))
	h.exit(exitError)
	resume() // only when exit returns: a test's
}

// end disarms the hard stop: the run returned and prints its own result.
func (h *hardStop) end() {
	h.mu.Lock()
	h.ended = true
	h.mu.Unlock()
}

// abortFunc is stop as a hook for the engine and lint, or nil without a
// hard stop.
func (h *hardStop) abortFunc() func(error) {
	if h == nil {
		return nil
	}
	return h.stop
}
