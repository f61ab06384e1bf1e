package main

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The guards of one run of the tool under test, set through the
// environment by the tests that run it as a subprocess (the attack suite):
//
//	IFACELINT_TEST_WATCHDOG  a duration: the run is ended after it
//	IFACELINT_TEST_MEMCAP    bytes: the run is ended when its resident memory passes it
//
// They live inside the process (a goroutine reading /proc/self/statm), so
// they hold under the race detector too, where an address-space cap
// (prlimit) cannot be used. A run ended by a guard prints a marker on
// stderr and exits with its own code, which the suite reports as a failure.
const (
	watchdogMarker = "ifacelint-test: watchdog"
	memcapMarker   = "ifacelint-test: memory cap"
	exitWatchdog   = 98
	exitMemcap     = 97
)

func guardRun() {
	if d, err := time.ParseDuration(os.Getenv("IFACELINT_TEST_WATCHDOG")); err == nil && d > 0 {
		time.AfterFunc(d, func() {
			fmt.Fprintf(os.Stderr, "\n%s: the run took longer than %s\n", watchdogMarker, d)
			os.Exit(exitWatchdog)
		})
	}
	limit, err := strconv.ParseInt(os.Getenv("IFACELINT_TEST_MEMCAP"), 10, 64)
	if err != nil || limit <= 0 {
		return
	}
	page := int64(os.Getpagesize())
	go func() {
		for range time.Tick(10 * time.Millisecond) {
			b, err := os.ReadFile("/proc/self/statm")
			if err != nil {
				return // not Linux: the watchdog still holds
			}
			fields := strings.Fields(string(b))
			if len(fields) < 2 {
				return
			}
			pages, _ := strconv.ParseInt(fields[1], 10, 64)
			if rss := pages * page; rss > limit {
				fmt.Fprintf(os.Stderr, "\n%s: resident memory %d MiB passed the cap of %d MiB\n", memcapMarker, rss>>20, limit>>20)
				os.Exit(exitMemcap)
			}
		}
	}()
}

// The guards trip: a run over a tiny memory cap and one past a tiny
// watchdog end with their markers, or the attack suite could not fail on
// either.
func TestGuardsTrip(t *testing.T) {
	t.Parallel()
	bin := toolPath(t)
	for name, env := range map[string]string{
		memcapMarker:   "IFACELINT_TEST_MEMCAP=1",
		watchdogMarker: "IFACELINT_TEST_WATCHDOG=1ns",
	} {
		cmd := exec.Command(bin, "rules")
		cmd.Env = append(os.Environ(), env)
		out, err := cmd.CombinedOutput()
		if err == nil || !strings.Contains(string(out), name) {
			t.Errorf("%s: run ended with %v, output %q; want the guard's marker", env, err, out)
		}
	}
}
