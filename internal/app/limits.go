package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ifacelint/ifacelint/internal/policy"
)

// DefaultMaxMemory is --max-memory's default.
const DefaultMaxMemory = "512MiB"

// DefaultTimeout is Request.Timeout when --timeout is not given: the start
// of the default limit, which grows with the inventory (runClock.sized).
const DefaultTimeout = baseTimeout

// The default time limits. A run is allowed baseTimeout plus perFileTimeout
// for each inventory file the walk finds, so that a large inventory on a
// slow runner is never cut short by a limit meant for runaway policies
// (~0.5 ms per file is healthy on two cores); the engine stops any one
// document's evaluation after lint.DefaultDocTimeout, so a runaway policy
// is still stopped within seconds. An explicit --timeout is the limit of
// the whole run, however large the inventory, and then the only one.
const (
	baseTimeout    = 60 * time.Second
	perFileTimeout = 5 * time.Millisecond
)

// runClock is a run's time limit (--timeout), started with the command.
type runClock struct {
	start    time.Time
	explicit bool

	mu      sync.Mutex
	limit   time.Duration
	timer   *time.Timer
	grace   *time.Timer // the hard stop, armed once the limit passed
	stopped bool        // the run returned
	// files counts the inventory files of every lint.Run of the run: a run
	// against a base revision lints two inventories, the base's then the
	// work tree's, under one clock.
	files int
}

type clockKey struct{}

// clockCtx is the context of a run under a runClock. Once the limit has
// passed, Err is context.DeadlineExceeded, as for context.WithTimeout, whose
// deadline cannot move; this one moves once the walk has counted the
// files. Its Done channel is its own, so contexts derived from it take
// their error from its Err.
type clockCtx struct {
	context.Context // the parent: values, and its own cancellation
	clock           *runClock
	done            chan struct{}
	once            sync.Once
	err             error // set once, before done is closed
}

func (c *clockCtx) Done() <-chan struct{} { return c.done }

func (c *clockCtx) Err() error {
	select {
	case <-c.done:
		return c.err
	default:
		return nil
	}
}

func (c *clockCtx) Deadline() (time.Time, bool) { return time.Time{}, false }

func (c *clockCtx) Value(key any) any {
	if key == (clockKey{}) {
		return c.clock
	}
	return c.Context.Value(key)
}

func (c *clockCtx) end(err error) {
	c.once.Do(func() {
		c.err = err
		close(c.done)
	})
}

// startClock starts the time limit d (explicit: the user set --timeout).
// Once the limit has passed, the run has policy.HardStopGrace to return
// before the hard stop of parent (hardStop) ends it with the time-out
// error: a built-in that computes in one call does not see the
// cancellation.
func startClock(parent context.Context, d time.Duration, explicit bool) (context.Context, *runClock, func()) {
	c := &runClock{start: time.Now(), explicit: explicit, limit: d}
	ctx := &clockCtx{Context: parent, clock: c, done: make(chan struct{})}
	hard := hardStopOf(parent)
	c.timer = time.AfterFunc(d, func() {
		ctx.end(context.DeadlineExceeded)
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.grace == nil && !c.stopped && hard != nil {
			c.grace = time.AfterFunc(policy.HardStopGrace, func() { hard.stop(c.err()) })
		}
	})
	stopParent := context.AfterFunc(parent, func() { ctx.end(parent.Err()) })
	return ctx, c, func() {
		c.mu.Lock()
		c.stopped = true
		c.timer.Stop()
		if c.grace != nil {
			c.grace.Stop()
		}
		c.mu.Unlock()
		stopParent()
		ctx.end(context.Canceled)
	}
}

// clockOf returns the run's clock, or nil.
func clockOf(ctx context.Context) *runClock {
	c, _ := ctx.Value(clockKey{}).(*runClock)
	return c
}

// sized sets the default limit from the number of inventory files, once
// the walk has counted them (lint.Options.Sized); an explicit --timeout
// stays as it is. A run against a base revision counts the files of both
// inventories.
func (c *runClock) sized(files int) {
	if c == nil || c.explicit {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.files += files
	c.limit = baseTimeout + time.Duration(c.files)*perFileTimeout
	if c.grace == nil && !c.stopped {
		// Not past the limit yet (once past, the run is ending).
		c.timer.Reset(time.Until(c.start.Add(c.limit)))
	}
}

// err is the one message of a run that ran out of time, whichever stage it
// was in.
func (c *runClock) err() error {
	if c == nil {
		return errors.New("the run exceeded its time limit")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.explicit {
		return fmt.Errorf("the run exceeded --timeout %s (loading, compiling, evaluating and writing all count)", c.limit)
	}
	return fmt.Errorf("the run exceeded its time limit of %s (60s plus 5ms per inventory file; loading, compiling, evaluating and writing all count); set --timeout for a longer one", c.limit.Round(time.Millisecond))
}

// timedOut reports whether err ended a run because its time was up.
func timedOut(ctx context.Context, err error) bool {
	return err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) &&
		(errors.Is(err, policy.ErrTimeout) || errors.Is(err, context.DeadlineExceeded))
}

// withClock runs a command's work under --timeout from its start, so that
// finding and loading the config, reading, parsing and compiling the
// policies and loading the inventory count against it, not only evaluation.
func (s *Session) withClock(ctx context.Context, work func(ctx context.Context) error) error {
	ctx, clock, stop := startClock(ctx, s.req.Timeout, s.req.TimeoutSet)
	defer stop()
	err := work(ctx)
	if timedOut(ctx, err) {
		return clock.err()
	}
	return err
}

// parseSize reads a byte count: a whole number with an optional unit KiB,
// MiB or GiB (K, M, G, KB, MB and GB mean the same powers of 1024).
func parseSize(s string) (int64, error) {
	num := strings.TrimRight(s, "KMGiBkmgb")
	unit := strings.ToUpper(strings.TrimPrefix(s, num))
	n, err := strconv.ParseInt(strings.TrimSpace(num), 10, 64)
	if err != nil || n <= 0 {
		return 0, errors.New("want a size such as 512MiB or 1GiB")
	}
	shift := map[string]uint{"": 0, "B": 0, "K": 10, "KB": 10, "KIB": 10, "M": 20, "MB": 20, "MIB": 20, "G": 30, "GB": 30, "GIB": 30}
	sh, ok := shift[unit]
	if !ok {
		return 0, errors.New("want a size such as 512MiB or 1GiB")
	}
	if n > (1<<62)>>sh {
		return 0, errors.New("too large")
	}
	if n<<sh < 16<<20 {
		return 0, errors.New("at least 16MiB: the engine itself needs a few MiB")
	}
	return n << sh, nil
}
