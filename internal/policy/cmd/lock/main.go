//go:build ifacelint_tools

// Command lock prints the catalogue lock, every built-in rule's contract as
// its METADATA states it (policy.Lock); `make lock` writes it to
// policies/catalogue.lock.json:
//
//	go run -tags ifacelint_tools ./internal/policy/cmd/lock > policies/catalogue.lock.json
//
// TestCatalogueMatchesLock (policies) fails while the committed lock
// differs from what this prints.
package main

import (
	"fmt"
	"os"

	"github.com/ifacelint/ifacelint/internal/policy"
)

func main() {
	set, err := policy.Load(policy.LoadOptions{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "lock:", err)
		os.Exit(2)
	}
	b, err := policy.Lock(set.Catalogue)
	if err != nil {
		fmt.Fprintln(os.Stderr, "lock:", err)
		os.Exit(2)
	}
	if _, err := os.Stdout.Write(b); err != nil {
		fmt.Fprintln(os.Stderr, "lock:", err)
		os.Exit(2)
	}
}
