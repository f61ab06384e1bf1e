package app

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ifacelint/ifacelint/internal/lint"
)

// progressDelay is how long a run goes before it shows progress: shorter
// runs, most of them, show none.
const progressDelay = time.Second

// progress is one line on a terminal's standard error, rewritten in place,
// that says how far a long run is ("ifacelint: 4210 of 10000 files read");
// it is erased when the run ends. It is never shown when standard error is
// not a terminal, in CI (the CI variable set), or with --quiet, so no log
// ever holds it.
type progress struct {
	w           io.Writer
	done, total atomic.Int64
	stop        chan struct{}
	stopTicks   func()
	wg          sync.WaitGroup
}

// startProgress starts the line on w when w is a terminal outside CI and
// quiet is false; otherwise it returns nil, whose methods do nothing.
func startProgress(w io.Writer, quiet bool) *progress {
	if quiet || os.Getenv("CI") != "" || !isTerminal(w) {
		return nil
	}
	delay := time.NewTimer(progressDelay)
	tick := time.NewTicker(200 * time.Millisecond)
	p := newProgress(w, delay.C, tick.C)
	p.stopTicks = func() { delay.Stop(); tick.Stop() }
	return p
}

// newProgress shows the line once start delivers, then again at every
// tick, until end.
func newProgress(w io.Writer, start, ticks <-chan time.Time) *progress {
	p := &progress{w: w, stop: make(chan struct{}), stopTicks: func() {}}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		select {
		case <-start:
		case <-p.stop:
			return
		}
		shown := false
		for {
			if total := p.total.Load(); total > 0 {
				fmt.Fprintf(p.w, "\r\x1b[Kifacelint: %d of %d files read", p.done.Load(), total)
				shown = true
			}
			select {
			case <-ticks:
			case <-p.stop:
				if shown {
					fmt.Fprint(p.w, "\r\x1b[K")
				}
				return
			}
		}
	}()
	return p
}

// update records how far the run is (lint.Options.Progress).
func (p *progress) update(done, total int) {
	if p != nil {
		p.done.Store(int64(done))
		p.total.Store(int64(total))
	}
}

// end erases the line, before anything else is printed.
func (p *progress) end() {
	if p != nil {
		close(p.stop)
		p.wg.Wait()
		p.stopTicks()
	}
}

// runLintWithProgress is lint.Run with the progress line of startProgress.
func runLintWithProgress(ctx context.Context, stderr io.Writer, opts lint.Options, quiet bool) (*lint.Result, error) {
	p := startProgress(stderr, quiet)
	if p != nil {
		opts.Progress = p.update
		defer p.end()
	}
	if c := clockOf(ctx); c != nil {
		opts.Sized = c.sized
		if c.explicit {
			// The user's --timeout is then the only time limit: a
			// document's is the run's (which ends first, and whose hard
			// stop ends the run), and the cache keys on it.
			opts.DocTimeout, opts.Abort = c.limit, nil
		}
	}
	res, err := lint.Run(ctx, opts)
	if opts.Cache != nil {
		_ = opts.Cache.Close() // pruning; a cache that cannot be pruned is not the run's failure
	}
	return res, err
}
