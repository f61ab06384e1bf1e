// Command capabilities prints, as JSON, the OPA capabilities the built-in
// rules are compiled with: this OPA version's built-ins minus the forbidden
// ones, plus the ifacelint.* built-ins (pkg/builtins). `make lint` passes
// the file to `opa check --capabilities`, so stock opa knows the ifacelint
// built-ins and rejects a call to a forbidden one.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/ifacelint/ifacelint/pkg/policy"
)

func main() {
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(policy.Capabilities()); err != nil {
		fmt.Fprintln(os.Stderr, "capabilities:", err)
		os.Exit(1)
	}
}
