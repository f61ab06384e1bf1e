package app

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ifacelint/ifacelint/internal/policy"
)

// Once the run's limit has passed, work that does not return within the
// grace is ended with the usual time-out message and exit 2; work that
// returns in time (or before the limit) is never.
func TestHardStopAfterTheGrace(t *testing.T) {
	t.Parallel()
	stopped := func(t *testing.T, returnAfter time.Duration) (string, int, bool) {
		var (
			mu     sync.Mutex
			stderr bytes.Buffer
		)
		exited := make(chan int, 1)
		ctx, h := WithHardStop(context.Background(), func(err error) {
			mu.Lock()
			fmt.Fprintf(&stderr, "ifacelint: %s\n", err)
			mu.Unlock()
			exited <- 2 // the command's exit code for every error but ErrFindings
		})
		ctx, _, stop := startClock(ctx, 50*time.Millisecond, true)
		<-ctx.Done()
		select {
		case code := <-exited:
			stop()
			mu.Lock()
			defer mu.Unlock()
			return stderr.String(), code, true
		case <-time.After(returnAfter):
			stop()
			h.End()
		}
		select {
		case code := <-exited:
			return "", code, true
		case <-time.After(policy.HardStopGrace + 500*time.Millisecond):
			return "", 0, false
		}
	}
	t.Run("stuck", func(t *testing.T) {
		t.Parallel()
		msg, code, ok := stopped(t, policy.HardStopGrace+5*time.Second)
		if !ok || code != 2 || !strings.Contains(msg, "ifacelint: the run exceeded --timeout 50ms (loading, compiling, evaluating and writing all count)") {
			t.Fatalf("stopped %v with %d: %q; want exit 2 with the time-out message", ok, code, msg)
		}
	})
	t.Run("returns", func(t *testing.T) {
		t.Parallel()
		if _, code, ok := stopped(t, policy.HardStopGrace/2); ok {
			t.Fatalf("a run that returned within the grace was stopped (exit %d)", code)
		}
	})
}
