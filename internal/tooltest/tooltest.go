// Package tooltest gates the tests that need a program beyond Go: the real
// pre-commit, Chromium, Node with its npm packages, Graphviz. `make test`
// (the fast tier, only Go) skips them with the install hint; `make check`
// (what CI runs) sets Env, and there a missing program fails the test
// instead of skipping it, so a CI that forgot an install step is red.
//
// For tests only; never imported by the product.
package tooltest

import (
	"os"
	"testing"
)

// Env turns the tool tests on when set to 1.
const Env = "IFACELINT_TOOL_TESTS"

// Enabled reports whether this run takes the tool tests.
func Enabled() bool { return os.Getenv(Env) == "1" }

// Need skips t unless the tool tests are on: what names the program and
// hint says how to install it.
func Need(t testing.TB, what, hint string) {
	t.Helper()
	if !Enabled() {
		t.Skipf("needs %s (%s): `make check` runs it, or %s=1 go test", what, hint, Env)
	}
}

// Missing ends a test whose program is not there: a failure when the tool
// tests are on, else a skip with the hint.
func Missing(t testing.TB, what, hint string) {
	t.Helper()
	if Enabled() {
		t.Fatalf("%s is missing (%s); %s=1 asks for every tool test, and .ci/run installs them", what, hint, Env)
	}
	t.Skipf("%s is missing (%s): `make check` runs this test", what, hint)
}
