package app

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"sync"
	"syscall"

	"github.com/ifacelint/ifacelint/internal/safefile"
)

// hardStop ends a run whose work does not stop at its limit: a built-in
// function that computes in one Go call never sees the cancellation that
// stops evaluation everywhere else. Past a limit — the run's time limit
// (runClock), a document's (lint.Options.Abort) or the memory limit
// (policy.EngineOptions.Abort) — the run is given policy.HardStopGrace to
// end as usual; if it has not, stop removes the temporary files of outputs
// not yet committed (previous outputs stay whole: safefile writes by
// rename) and hands the error to the command's fail function, which prints
// it as the usual path would and exits with exit code 2.
// A healthy run never comes near it: the grace is counted only once a limit
// has passed, when the run is failing anyway.
type hardStop struct {
	mu    sync.Mutex
	fail  func(err error) // prints err and ends the process
	ended bool            // the run returned, or a stop is under way
	// cleanups run before the process ends (atStop): temporary
	// directories of the run, such as the mirror of a base revision.
	cleanups map[int]func()
	next     int
}

// atStop runs f if the hard stop ends the process; the returned function
// forgets f (call it once f's work is done the usual way).
func (h *hardStop) atStop(f func()) (forget func()) {
	if h == nil {
		return func() {}
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.cleanups == nil {
		h.cleanups = map[int]func(){}
	}
	id := h.next
	h.next++
	h.cleanups[id] = f
	return func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		delete(h.cleanups, id)
	}
}

// HardStop is the handle of a run's hard stop (WithHardStop).
type HardStop interface {
	// End disarms the hard stop: the run returned and prints its own
	// result.
	End()
	// Stop ends the run now with err, as a limit would (outputs not yet
	// committed removed, temporary directories such as a base revision's
	// mirror removed, err printed, exit 2), unless it already returned:
	// for an interrupt or a termination signal.
	Stop(err error)
}

type hardStopKey struct{}

// WithHardStop gives ctx the hard stop of a run: fail prints the error and
// ends the process (it returns only in tests).
func WithHardStop(ctx context.Context, fail func(err error)) (context.Context, HardStop) {
	h := &hardStop{fail: fail}
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
	for _, f := range h.cleanups {
		f()
	}
	h.fail(err)
	resume() // only when fail returns: a test's
}

// Stop implements HardStop.
func (h *hardStop) Stop(err error) { h.stop(err) }

// End disarms the hard stop: the run returned and prints its own result.
func (h *hardStop) End() {
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

// StopOnSignal ends the run through its hard stop when the process is
// interrupted (SIGINT) or told to terminate (SIGTERM): the outputs it had
// not committed and its temporary directories (a base revision's mirror)
// are removed, the error is printed and the process exits 2, as when a
// limit ends a run. The returned function stops listening.
func StopOnSignal(stop HardStop) (cancel func()) {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-signals:
			stop.Stop(fmt.Errorf("interrupted (%v): the run did not finish", sig))
		case <-done:
		}
	}()
	return func() {
		signal.Stop(signals)
		close(done)
	}
}
