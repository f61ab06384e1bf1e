// Command notices writes THIRD_PARTY_NOTICES for the ifacelint binary
// (`make notices`); see package notices.
package main

import (
	"context"
	"fmt"
	"os"
	"runtime"

	"github.com/ifacelint/ifacelint/internal/notices"
)

func main() {
	out := "THIRD_PARTY_NOTICES"
	if len(os.Args) > 1 {
		out = os.Args[1]
	}
	mods, err := notices.Modules(context.Background(), ".", "./cmd/ifacelint")
	if err == nil {
		var data []byte
		if data, err = notices.Build(runtime.GOROOT(), mods); err == nil {
			err = os.WriteFile(out, data, 0o644)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "notices:", err)
		os.Exit(1)
	}
}
