package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/ifacelint/ifacelint/internal/format"
	"github.com/ifacelint/ifacelint/internal/lint"
	"github.com/ifacelint/ifacelint/internal/policy"
)

func newTestCmd() *cobra.Command {
	var (
		configFlag string
		run        string
		verbose    bool
		timeout    time.Duration
		maxMemory  string
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
			start := time.Now()
			limit, err := parseSize(maxMemory)
			if err != nil {
				return fmt.Errorf("--max-memory %q: %w", maxMemory, err)
			}
			pf := &policyFlags{dirs: args}
			if len(args) == 0 {
				// The config's policies: are the default.
				pf = nil
			}
			p, err := loadCatalogue(cmd, configFlag, pf)
			if err != nil {
				return err
			}
			if len(args) == 0 && (p.config == nil || len(p.config.Policies) == 0) {
				return fmt.Errorf("no policies to test: name directories, or list them under `policies:` in .ifacelint.yaml")
			}
			tests, err := p.policies.UserTests()
			if err != nil {
				return err
			}
			if len(tests) == 0 {
				// A policy that does not compile says so first.
				if _, err := policy.Compile(p.policies.Modules); err != nil {
					return err
				}
				return errors.New("no *_test.rego file found in the policy directories")
			}
			var inv map[string]any
			if p.config != nil && len(p.config.Inventory) > 0 {
				inv, err = lint.InventoryData(cmd.Context(), lint.Options{
					Inventory: p.config.Inventory,
					Walk:      inventoryWalk(cmd, p),
				})
				if err != nil {
					return err
				}
			}
			res, err := p.resolve(policy.Selection{})
			if err != nil {
				return err
			}
			results, err := policy.RunTests(cmd.Context(), policy.TestOptions{
				Modules:   p.policies.Modules,
				Tests:     tests,
				Data:      policy.Data(p.catalogue, res.Params, inv),
				Run:       run,
				Timeout:   timeout,
				MaxMemory: limit,
				Abort:     hardStopOf(cmd.Context()).abortFunc(),
			})
			if err != nil {
				return err
			}
			if len(results) == 0 {
				if run != "" {
					return fmt.Errorf("no test matches --run %q", run)
				}
				return errors.New("no test rule (test_*) found in the *_test.rego files")
			}
			return printTests(cmd, results, verbose, time.Since(start))
		},
	}
	f := cmd.Flags()
	f.StringVar(&configFlag, "config", "", "config file (default: .ifacelint.yaml looked up from the working directory)")
	f.StringVar(&run, "run", "", "run only the tests whose name (data.<package>.<test>) matches this regular expression")
	f.BoolVarP(&verbose, "verbose", "v", false, "print every test, not only failures")
	f.DurationVar(&timeout, "timeout", time.Minute, "time limit for each test")
	f.StringVar(&maxMemory, "max-memory", defaultMaxMemory, "memory limit of the tests (the Go heap), such as 256MiB or 1GiB; past it the run stops with exit 2 naming the test")
	return cmd
}

func printTests(cmd *cobra.Command, results []policy.TestResult, verbose bool, took time.Duration) error {
	w := &stickyWriter{w: cmd.OutOrStdout()}
	t := format.Terminal
	passed, failed, skipped := 0, 0, 0
	for _, r := range results {
		status := "PASS"
		switch {
		case r.Skip:
			status = "SKIP"
			skipped++
		case r.Err != "":
			status = "ERROR"
			failed++
		case !r.Pass:
			status = "FAIL"
			failed++
		default:
			passed++
		}
		if status == "PASS" && !verbose {
			continue
		}
		fmt.Fprintf(w, "%-5s %s (%s)\n", status, t(r.Name), t(r.Location))
		if r.Err != "" {
			fmt.Fprintf(w, "      %s\n", t(r.Err))
		}
		if r.FailedAt != "" {
			fmt.Fprintf(w, "      failed at %s\n", t(r.FailedAt))
		}
		for _, line := range strings.Split(strings.TrimRight(r.Output, "\n"), "\n") {
			if line != "" {
				fmt.Fprintf(w, "      %s\n", t(line))
			}
		}
	}
	summary := fmt.Sprintf("%d passed, %d failed", passed, failed)
	if skipped > 0 {
		summary += fmt.Sprintf(", %d skipped", skipped)
	}
	fmt.Fprintf(w, "%s (%s)\n", summary, took.Round(time.Millisecond))
	// Results nobody could read are not a pass.
	if w.err != nil {
		return fmt.Errorf("write test results: %w", w.err)
	}
	if failed > 0 {
		return errFindings
	}
	return nil
}

// stickyWriter keeps the first write error, so a run of Fprintf calls can
// be checked once.
type stickyWriter struct {
	w   io.Writer
	err error
}

func (s *stickyWriter) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(p)
	s.err = err
	return n, err
}
