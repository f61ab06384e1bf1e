package main

import (
	"time"

	"github.com/spf13/cobra"

	"github.com/ifacelint/ifacelint/internal/app"
)

func newLintCmd() *cobra.Command {
	var req app.Request
	cmd := &cobra.Command{
		Use:   "lint [PATH...]",
		Short: "Check the inventory against the schema and every enabled rule",
		Long: `lint loads the inventory, validates every document against the schema and
evaluates the enabled rules, with the whole inventory as context for cross-document
rules (duplicate ids, third-party references). PATH arguments choose the files to report
on; with a config file, the inventory roots it names are always the context.

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 could not
run (bad flag or config, broken policy, time-out, no inventory document found).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return session(cmd, &req, args).Lint(cmd.Context())
		},
	}
	f := cmd.Flags()
	f.StringVar(&req.Config, "config", "", configUsage)
	outputFlags(cmd, &req)
	f.BoolVar(&req.SARIFSuppressed, "sarif-suppressed", false,
		"keep waived and baselined findings in SARIF output, as suppressed results (left out by default)")
	f.StringVar(&req.FailOn, "fail-on", "", "lowest severity that fails the run: error, warning, info or never (default: the config's failOn, else error)")
	f.StringArrayVar(&req.Enable, "enable", nil, "turn on a rule the config disabled (repeatable)")
	f.StringArrayVar(&req.Disable, "disable", nil, "turn off a rule (repeatable)")
	f.StringVar(&req.Now, "now", "", "evaluate as if today were `YYYY-MM-DD` (default: today, UTC)")
	f.DurationVar(&req.Timeout, "timeout", 60*time.Second, timeoutUsage)
	f.StringVar(&req.MaxMemory, "max-memory", app.DefaultMaxMemory, maxMemoryUsage)
	cacheFlags(cmd, &req)
	policyFlags(cmd, &req)
	f.StringVar(&req.Baseline, "baseline", "", "accept the findings recorded in this baseline file (they are reported as baselined, not as problems)")
	f.StringVar(&req.WriteBaseline, "write-baseline", "", "write every current unwaived finding to this baseline file and exit 0")
	f.StringVar(&req.Base, "base", "", "gate a change: judge the work tree by the config, custom policies and baseline of this git revision (a branch, tag or commit of the local clone, such as origin/main), and mark each finding new or existing")
	f.BoolVar(&req.NewOnly, "new-only", false, "with --base: fail only on new findings at or above --fail-on (existing ones are still printed)")
	return cmd
}
