package policy

import (
	"os"
	"testing"

	"github.com/ifacelint/ifacelint/internal/builtins"
)

// Tests parse and compile Rego directly, on many goroutines: register the
// built-ins first, as every entry point of the engine does.
func TestMain(m *testing.M) {
	builtins.Register()
	os.Exit(m.Run())
}
