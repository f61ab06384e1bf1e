package main

import (
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/ifacelint/ifacelint/internal/app"
	"github.com/ifacelint/ifacelint/internal/format"
)

// The flags of the inventory commands write straight into an app.Request;
// session completes it with what the command line does not say.

const (
	configUsage    = "config file (default: .ifacelint.yaml looked up from the working directory)"
	timeoutUsage   = "time limit for the whole run: loading the config, policies and inventory, and evaluating the policies (default: 60s plus 5ms per inventory file)"
	maxMemoryUsage = "memory limit of policy evaluation (the Go heap), such as 256MiB or 1GiB; past it the run stops with exit 2 naming the rule"
)

// session builds the session of a command from its request and arguments.
func session(cmd *cobra.Command, req *app.Request, args []string) *app.Session {
	req.Targets = args
	req.TimeoutSet = cmd.Flags().Changed("timeout")
	req.BaseSet = cmd.Flags().Changed("base")
	req.Version = buildVersion()
	req.Stdout, req.Stderr = cmd.OutOrStdout(), cmd.ErrOrStderr()
	return app.New(*req)
}

// outputFlags are shared by every command that prints findings.
func outputFlags(cmd *cobra.Command, req *app.Request) {
	f := cmd.Flags()
	f.StringArrayVarP(&req.Formats, "format", "f", []string{"text"},
		"output format: "+strings.Join(format.Formats(), ", ")+"; FORMAT=FILE writes that format to FILE (repeatable; text still goes to standard output when every format names a file)")
	f.StringVarP(&req.Output, "output", "o", "", "write the output to FILE instead of standard output")
	f.StringVar(&req.Color, "color", "auto", "colour: auto (only on a terminal, never with a non-empty NO_COLOR), always or never")
	f.BoolVar(&req.NoColor, "no-color", false, "same as --color never")
	f.BoolVarP(&req.Quiet, "quiet", "q", false, "text output: the findings alone, without the summary line (a clean run prints nothing)")
	f.StringVar(&req.SARIFCategory, "sarif-category", format.DefaultSARIFCategory,
		"SARIF automationDetails.id, to tell apart several runs uploaded for one commit (a / is added at the end when missing)")
}

// policyFlags choose the policies of a run.
func policyFlags(cmd *cobra.Command, req *app.Request) {
	cmd.Flags().StringArrayVar(&req.PolicyDirs, "policy", nil, "directory of custom Rego policies (repeatable; adds to the config's policies:)")
	cmd.Flags().BoolVar(&req.NoBuiltin, "no-builtin", false, "run only the custom policies (schema validation still applies)")
}

// cacheFlags choose the content cache of lint, validate, report and graph
// (docs/performance.md, "The content cache").
func cacheFlags(cmd *cobra.Command, req *app.Request) {
	f := cmd.Flags()
	f.StringVar(&req.CacheDir, "cache-dir", "", "directory of the content cache, which skips unchanged files (default: $"+app.CacheEnv+", else the user's cache directory)")
	f.BoolVar(&req.NoCache, "no-cache", false, "neither read nor write the content cache")
}

// evidenceFlags are what `report` and `graph` share with `lint`: the config,
// the policies, the evaluation date and the time limit. They are evidence,
// not gates: no --fail-on, and findings never change the exit code.
func evidenceFlags(cmd *cobra.Command, req *app.Request, formats []string, help string) {
	f := cmd.Flags()
	f.StringVar(&req.Config, "config", "", configUsage)
	f.StringVar(&req.Now, "now", "", "evaluate as if today were `YYYY-MM-DD` (default: today, UTC); the report's evaluation date")
	f.DurationVar(&req.Timeout, "timeout", 60*time.Second, timeoutUsage+", building and writing the output")
	f.StringVar(&req.MaxMemory, "max-memory", app.DefaultMaxMemory, maxMemoryUsage)
	policyFlags(cmd, req)
	f.StringArrayVarP(&req.Formats, "format", "f", []string{formats[0]}, help)
	f.StringVarP(&req.Output, "output", "o", "", "write the output to FILE instead of standard output")
	cacheFlags(cmd, req)
}
