package main

import (
	"time"

	"github.com/spf13/cobra"

	"github.com/ifacelint/ifacelint/internal/app"
)

func newTestCmd() *cobra.Command {
	var (
		req  app.Request
		opts app.TestOptions
	)
	cmd := &cobra.Command{
		Use:   "test [DIR...]",
		Short: "Run the Rego unit tests of custom policies",
		Long: `test runs the *_test.rego unit tests of your policies (the DIRs, else the config's
policies:) with OPA's tester, in the same sandbox as lint: the built-in modules (such as
data.ifacelint.lib), data.ifacelint.params (defaults merged with the config),
data.ifacelint.known_rules and, when the config names inventory roots,
data.ifacelint.inventory are available.

Exit codes: 0 every test passed, 1 a test failed or errored, 2 could not run (a policy
does not compile, no policy directory, no test found).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			req.PolicyDirs = args // else the config's policies:
			return session(cmd, &req, nil).Test(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&req.Config, "config", "", configUsage)
	f.StringVar(&opts.Run, "run", "", "run only the tests whose name (data.<package>.<test>) matches this regular expression")
	f.BoolVarP(&opts.Verbose, "verbose", "v", false, "print every test, not only failures")
	f.DurationVar(&opts.Timeout, "timeout", time.Minute, "time limit for each test")
	f.StringVar(&req.MaxMemory, "max-memory", app.DefaultMaxMemory, "memory limit of the tests (the Go heap), such as 256MiB or 1GiB; past it the run stops with exit 2 naming the test")
	return cmd
}
