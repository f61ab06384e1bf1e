package lint_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/ifacelint/ifacelint/pkg/lint"
)

// Lint the inventory under testdata/inventory with the config
// testdata/ifacelint.yaml (failOn: warning), as
// `ifacelint lint --config testdata/ifacelint.yaml --now 2026-12-07 testdata/inventory`
// would, and print what it found.
func Example() {
	res, err := lint.New(lint.Options{
		ConfigFile: "testdata/ifacelint.yaml",
		Targets:    []string{"testdata/inventory"},
		Now:        time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC),
	}).Run(context.Background())
	if err != nil {
		log.Fatal(err) // the command's exit 2: nothing was evaluated
	}
	for _, f := range res.Findings {
		state := "open"
		switch {
		case f.Waived:
			state = "waived"
		case f.Baselined:
			state = "baselined"
		}
		fmt.Printf("%s:%d:%d %s %s %s (%s)\n", f.File, f.Line, f.Column, f.Severity, f.Rule, f.Path, state)
	}
	fmt.Printf("%d errors, %d warnings, %d waived\n", res.Counts.Errors, res.Counts.Warnings, res.Counts.Waived)
	for _, line := range res.Accepted {
		fmt.Println("accepted:", line)
	}
	fmt.Println("fails at", res.FailOn+":", res.Fails)
	// Output:
	// testdata/inventory/dashboard.yaml:16:1 error availability/rate-limited spec.rateLimit.enabled (waived)
	// testdata/inventory/dashboard.yaml:16:1 warning change/icd-for-critical spec.icd (open)
	// testdata/inventory/dashboard.yaml:16:1 warning monitoring/alerts spec.monitoring.alerts (open)
	// testdata/inventory/dashboard.yaml:22:7 error transport/tls-required spec.endpoints[0].url (open)
	// 1 errors, 2 warnings, 1 waived
	// accepted: fail-on warning (testdata/ifacelint.yaml): findings below warning do not fail the run
	// accepted: waiver for availability/rate-limited on Interface merchant-dashboard, approved by security@example.com until 2027-03-31 (testdata/inventory/dashboard.yaml:12:7)
	// fails at warning: true
}
