package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/ifacelint/ifacelint/pkg/policy"
)

const (
	timeoutUsage     = "time limit for the whole run: loading the config, policies and inventory, and evaluating the policies"
	defaultMaxMemory = "512MiB"
	maxMemoryUsage   = "memory limit of policy evaluation (the Go heap), such as 256MiB or 1GiB; past it the run stops with exit 2 naming the rule"
)

// withTimeout runs a command's work under --timeout from its start, so that
// finding and loading the config, reading, parsing and compiling the
// policies and loading the inventory count against it, not only evaluation.
func withTimeout(cmd *cobra.Command, d time.Duration, work func() error) error {
	ctx, cancel := context.WithTimeout(cmd.Context(), d)
	defer cancel()
	cmd.SetContext(ctx)
	err := work()
	if err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) &&
		(errors.Is(err, policy.ErrTimeout) || errors.Is(err, context.DeadlineExceeded)) {
		return errTimedOut(d)
	}
	return err
}

// errTimedOut is the one message of a run that ran out of time, whichever
// stage it was in.
func errTimedOut(d time.Duration) error {
	return fmt.Errorf("the run exceeded --timeout %s (loading, compiling, evaluating and writing all count)", d)
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
