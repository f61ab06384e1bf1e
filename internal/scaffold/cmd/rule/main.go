//go:build ifacelint_tools

// Command rule creates the folder and files of a new built-in rule
// (`make rule NAME=category/name`, internal/scaffold):
//
//	go run -tags ifacelint_tools ./internal/scaffold/cmd/rule -dir policies transport/mtls-required
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/ifacelint/ifacelint/internal/scaffold"
)

func main() {
	dir := flag.String("dir", "policies", "the built-in policies directory")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: rule [-dir policies] <category>/<name>")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	f, err := scaffold.Rule(*dir, flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "rule:", err)
		os.Exit(2)
	}
	fmt.Printf("wrote %s\n      %s\n", f.Rule, f.Test)
	fmt.Println("next: replace every TODO, make test-rego, make lock, make docs (CONTRIBUTING.md, \"Adding a built-in rule\")")
}
