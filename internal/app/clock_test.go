package app

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// The default time limit grows with the inventory once the walk has counted
// its files; an explicit --timeout does not. Either way a run past its
// limit sees context.DeadlineExceeded, as the stages expect.
func TestRunClock(t *testing.T) {
	t.Parallel()
	ctx, c, stop := startClock(context.Background(), 50*time.Millisecond, false)
	defer stop()
	c.sized(2000)
	select {
	case <-ctx.Done():
		t.Fatal("the default limit did not grow with the inventory")
	case <-time.After(300 * time.Millisecond):
	}
	if got, want := c.err().Error(), "time limit of 1m10s"; !strings.Contains(got, want) {
		t.Errorf("message %q lacks %q", got, want)
	}

	ctx, c, stop = startClock(context.Background(), 50*time.Millisecond, true)
	defer stop()
	c.sized(2000)
	select {
	case <-ctx.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("an explicit --timeout grew")
	}
	if !errors.Is(ctx.Err(), context.DeadlineExceeded) {
		t.Errorf("Err = %v, want DeadlineExceeded", ctx.Err())
	}
	child, cancel := context.WithCancel(ctx)
	defer cancel()
	if !errors.Is(child.Err(), context.DeadlineExceeded) {
		t.Errorf("a derived context's Err = %v, want DeadlineExceeded", child.Err())
	}
	if got, want := c.err().Error(), "exceeded --timeout 50ms"; !strings.Contains(got, want) {
		t.Errorf("message %q lacks %q", got, want)
	}

	// Stopped (the run ended): canceled, not timed out.
	ctx, _, stop = startClock(context.Background(), time.Hour, false)
	stop()
	if !errors.Is(ctx.Err(), context.Canceled) {
		t.Errorf("after stop, Err = %v, want Canceled", ctx.Err())
	}
}
