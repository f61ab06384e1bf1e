package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/ifacelint/ifacelint/internal/lint"
	"github.com/ifacelint/ifacelint/internal/policy"
	"github.com/ifacelint/ifacelint/internal/textsafe"
)

// TestOptions are the settings of `ifacelint test` beyond the Request
// (whose PolicyDirs are the DIR arguments, else the config's policies:).
type TestOptions struct {
	Run     string        // only the tests whose name matches this regular expression
	Verbose bool          // print every test, not only failures
	Timeout time.Duration // time limit for each test
}

// Test runs the Rego unit tests of the custom policies and prints their
// results. The error is ErrFindings when a test failed or errored.
func (s *Session) Test(ctx context.Context, o TestOptions) error {
	start := time.Now()
	limit, err := parseSize(s.req.MaxMemory)
	if err != nil {
		return fmt.Errorf("--max-memory %q: %w", s.req.MaxMemory, err)
	}
	if err := s.loadCatalogue(ctx); err != nil {
		return err
	}
	if len(s.req.PolicyDirs) == 0 && (s.config == nil || len(s.config.Policies) == 0) {
		return fmt.Errorf("no policies to test: name directories, or list them under `policies:` in .ifacelint.yaml")
	}
	tests, err := s.policies.UserTests()
	if err != nil {
		return err
	}
	if len(tests) == 0 {
		// A policy that does not compile says so first.
		if _, err := policy.Compile(s.policies.Modules); err != nil {
			return err
		}
		return errors.New("no *_test.rego file found in the policy directories")
	}
	var inv map[string]any
	if s.config != nil && len(s.config.Inventory) > 0 {
		inv, err = lint.InventoryData(ctx, lint.Options{
			Inventory: s.config.Inventory,
			Walk:      s.inventoryWalk(),
		})
		if err != nil {
			return err
		}
	}
	res, err := s.resolve(policy.Selection{})
	if err != nil {
		return err
	}
	results, err := policy.RunTests(ctx, policy.TestOptions{
		Modules:   s.policies.Modules,
		Tests:     tests,
		Data:      policy.Data(s.catalogue, res.Params, inv),
		Run:       o.Run,
		Timeout:   o.Timeout,
		MaxMemory: limit,
		Abort:     hardStopOf(ctx).abortFunc(),
	})
	if err != nil {
		return err
	}
	if len(results) == 0 {
		if o.Run != "" {
			return fmt.Errorf("no test matches --run %q", o.Run)
		}
		return errors.New("no test rule (test_*) found in the *_test.rego files")
	}
	return printTests(s.stdout, results, o.Verbose, time.Since(start))
}

func printTests(out io.Writer, results []policy.TestResult, verbose bool, took time.Duration) error {
	w := &stickyWriter{w: out}
	t := textsafe.Terminal
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
		return ErrFindings
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
