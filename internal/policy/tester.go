package policy

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"
)

// TestOptions configure a run of Rego unit tests.
type TestOptions struct {
	// Modules are the non-test modules (built-in and user) the tests may use.
	Modules []*ast.Module
	// Tests are the parsed *_test.rego modules to run.
	Tests []*ast.Module
	// Data is the data.ifacelint document the tests see (params,
	// known_rules, inventory), as the engine would build it.
	Data map[string]any
	// Run, when set, runs only the tests whose full name
	// (data.<package>.<test>) matches it.
	Run     string
	Timeout time.Duration
	// MaxMemory bounds the Go heap while the tests run, as
	// EngineOptions.MaxMemory does evaluation: 0 means DefaultMaxMemory,
	// negative no limit.
	MaxMemory int64
	// Abort is EngineOptions.Abort for the tests: called when a test the
	// memory limit cancelled goes on with the heap over the limit, or a
	// test goes on HardStopGrace past Timeout.
	Abort func(error)
}

// TestResult is one Rego test's outcome.
type TestResult struct {
	Name     string // data.<package>.<test>
	Location string // file:line:col
	Pass     bool
	Skip     bool
	Err      string // a runtime error, when the test errored
	FailedAt string // the expression that failed
	Output   string // print() output
	Duration time.Duration
}

// RunTests runs Rego unit tests in the same sandbox as evaluation:
// forbidden built-ins do not compile and built-in errors are raised.
func RunTests(ctx context.Context, opts TestOptions) ([]TestResult, error) {
	if opts.Run != "" {
		if _, err := regexp.Compile(opts.Run); err != nil {
			return nil, fmt.Errorf("--run %q: %w", opts.Run, err)
		}
	}
	mods := moduleMap(append(append([]*ast.Module{}, opts.Modules...), opts.Tests...))
	store := inmem.NewFromObjectWithOpts(roundTrip(map[string]any{"ifacelint": opts.Data}), inmem.OptRoundTripOnWrite(false))
	txn, err := store.NewTransaction(ctx)
	if err != nil {
		return nil, err
	}
	defer store.Abort(ctx, txn)
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = time.Minute
	}
	runner := tester.NewRunner().
		SetCompiler(ast.NewCompiler().WithCapabilities(Capabilities()).WithEnablePrintStatements(true)).
		SetStore(store).
		SetModules(mods).
		SetDefaultRegoVersion(ast.RegoV1).
		RaiseBuiltinErrors(true).
		CapturePrintOutput(true).
		SetTimeout(timeout)
	if opts.Run != "" {
		runner = runner.Filter(opts.Run)
	}
	var guard *memoryGuard
	switch {
	case opts.MaxMemory == 0:
		guard = newMemoryGuard(DefaultMaxMemory)
	case opts.MaxMemory > 0:
		guard = newMemoryGuard(opts.MaxMemory)
	}
	var (
		out  []TestResult
		over string // the test running when the heap passed the limit
	)
	run := func(ctx context.Context) ([]Finding, error) {
		ch, err := runner.RunTests(ctx, txn)
		if err != nil {
			var errs ast.Errors
			if errors.As(err, &errs) {
				explainForbidden(errs)
			}
			return nil, &PolicyError{listError("compile policies", err)}
		}
		if opts.Abort != nil {
			// Tests run one after the other: one still running
			// HardStopGrace past its time limit does not see the
			// cancellation (a built-in computing in one call).
			stuck := time.AfterFunc(timeout+HardStopGrace, func() {
				opts.Abort(&PolicyError{fmt.Errorf("a test ran past its time limit of %s (--timeout) and did not stop", timeout)})
			})
			defer stuck.Stop()
			ch = resetEach(ch, func() { stuck.Reset(timeout + HardStopGrace) })
		}
		for r := range ch {
			if r.Error != nil && errors.Is(context.Cause(ctx), errOverMemory) && over == "" {
				over = r.Package + "." + r.Name
			}
			out = append(out, testResult(r))
		}
		return nil, nil
	}
	if guard == nil {
		_, err = run(ctx)
	} else {
		guard.abort = opts.Abort
		what := func() error {
			return &PolicyError{fmt.Errorf("a test went past the memory limit of %s (--max-memory)", FormatBytes(guard.limit))}
		}
		_, err = guard.run(ctx, what, run)
	}
	if errors.Is(err, errOverMemory) {
		if over == "" {
			over = "a test"
		}
		return nil, &PolicyError{fmt.Errorf("%s went past the memory limit of %s (--max-memory)", over, FormatBytes(guard.limit))}
	}
	if err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Location < out[j].Location })
	return out, nil
}

// testResult reads one result of OPA's tester.
func testResult(r *tester.Result) TestResult {
	tr := TestResult{
		Name: r.Package + "." + r.Name, Pass: r.Pass(), Skip: r.Skip,
		Output: string(r.Output), Duration: r.Duration,
	}
	if r.Location != nil {
		tr.Location = fmt.Sprintf("%s:%d:%d", r.Location.File, r.Location.Row, r.Location.Col)
	}
	if r.Error != nil {
		tr.Err = FormatError(r.Error)
	}
	if r.FailedAt != nil {
		tr.FailedAt = r.FailedAt.String()
		if r.FailedAt.Location != nil {
			tr.FailedAt = fmt.Sprintf("%s:%d:%d: %s", r.FailedAt.Location.File, r.FailedAt.Location.Row, r.FailedAt.Location.Col, r.FailedAt)
		}
	}
	return tr
}

// Data builds the data.ifacelint document for evaluation and tests.
func Data(cat *Catalogue, params map[string]map[string]any, inventory map[string]any) map[string]any {
	known := map[string]any{}
	for _, r := range cat.Rules {
		known[r.ID] = map[string]any{"severity": string(r.Severity), "title": r.Title}
	}
	p := map[string]any{}
	for id, v := range params {
		p[id] = v
	}
	if inventory == nil {
		inventory = map[string]any{"Interface": map[string]any{}, "ThirdParty": map[string]any{}, "System": map[string]any{}}
	}
	return map[string]any{"params": p, "known_rules": known, "inventory": inventory}
}

// resetEach passes on the results of ch, calling reset before each.
func resetEach(ch chan *tester.Result, reset func()) chan *tester.Result {
	out := make(chan *tester.Result)
	go func() {
		defer close(out)
		for r := range ch {
			reset()
			out <- r
		}
	}()
	return out
}
