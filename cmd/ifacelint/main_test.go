package main

import (
	"errors"
	"flag"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/ifacelint/ifacelint/internal/app"
)

// TestMain lets testscript run this test binary as the `ifacelint` command,
// so the scripts exercise the real main: flags, output and exit codes.
func TestMain(m *testing.M) {
	// Every ifacelint these tests start uses one content cache of their
	// own (set once, inherited by the processes they start): never the
	// user's, and shared, so that repeated runs read from it as they would
	// in use.
	if os.Getenv(app.CacheEnv) == "" {
		dir, err := os.MkdirTemp("", "ifacelint-test-cache-")
		if err != nil {
			panic(err)
		}
		os.Setenv(app.CacheEnv, dir)
		code := testscript.RunMain(m, commands)
		os.RemoveAll(dir)
		os.Exit(code)
	}
	os.Exit(testscript.RunMain(m, commands))
}

var commands = map[string]func() int{
	"ifacelint": func() int {
		guardRun()
		return run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	},
}

var update = flag.Bool("update", false, "rewrite the golden files inside the scripts")

// TestScripts runs testdata/script/*.txtar.
func TestScripts(t *testing.T) {
	t.Parallel()
	testscript.Run(t, testscript.Params{
		Dir:                 "../../testdata/script",
		RequireExplicitExec: true,
		UpdateScripts:       *update,
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "")
			env.Setenv(app.CacheEnv, os.Getenv(app.CacheEnv))
			env.Vars = append(env.Vars, "IFACELINT_ROOT="+mustAbs("../.."))
			return nil
		},
		Cmds: scriptCmds(),
	})
}

// scriptCmds are the commands the end-to-end scripts add to testscript's.
func scriptCmds() map[string]func(ts *testscript.TestScript, neg bool, args []string) {
	return map[string]func(ts *testscript.TestScript, neg bool, args []string){
		// normdur SRC DST copies stdout, stderr or a file to DST with the
		// summary's duration ("checked in 12ms") replaced by "checked in
		// T", so `cmp DST golden` can compare (and -update rewrite) it.
		"normdur": func(ts *testscript.TestScript, neg bool, args []string) {
			if neg || len(args) != 2 {
				ts.Fatalf("usage: normdur stdout|stderr|FILE DST")
			}
			ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(normalize(ts.ReadFile(args[0]))), 0o644))
		},
		// exits N CMD ARGS... runs a command and asserts its exact exit code.
		"exits": func(ts *testscript.TestScript, neg bool, args []string) {
			if neg || len(args) < 2 {
				ts.Fatalf("usage: exits CODE command [args...]")
			}
			if want, got := execExit(ts, "exits", args); got != want {
				ts.Fatalf("exit code %d, want %d", got, want)
			}
		},
	}
}

// execExit runs args[1:] and returns the exit code args[0] asks for and
// the one the command gave; a command that could not run fails the script.
func execExit(ts *testscript.TestScript, name string, args []string) (want, got int) {
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("%s: bad code %q", name, args[0])
	}
	err = ts.Exec(args[1], args[2:]...)
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		got = ee.ExitCode()
	case err != nil:
		ts.Fatalf("%s: %v", name, err)
	}
	return want, got
}

var durationRE = regexp.MustCompile(`checked in [0-9.]+(ns|µs|ms|s|m[0-9.]+s)`)

func normalize(s string) string { return durationRE.ReplaceAllString(s, "checked in T") }

func mustAbs(p string) string {
	a, err := os.Getwd()
	if err != nil {
		panic(err)
	}
	return a + "/" + p
}

// The example inventory's whole lint output, remediation included, fits
// one terminal screen: the README promises it.
func TestExampleFitsOneScreen(t *testing.T) {
	t.Chdir("../..")
	var stdout, stderr strings.Builder
	code := run([]string{"lint", "--now", "2026-11-23", "examples/inventory"}, strings.NewReader(""), &stdout, &stderr)
	if code != exitFindings || stderr.Len() > 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr.String())
	}
	if lines := strings.Count(stdout.String(), "\n"); lines > 30 {
		t.Errorf("example output is %d lines, more than one screen (30)", lines)
	}
}
