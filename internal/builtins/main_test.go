package builtins

import (
	"os"
	"testing"
)

// The tests evaluate Rego directly: register what the engine would.
func TestMain(m *testing.M) {
	Register()
	os.Exit(m.Run())
}
