package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	"github.com/ifacelint/ifacelint/internal/baseline"
	"github.com/ifacelint/ifacelint/internal/format"
	"github.com/ifacelint/ifacelint/internal/lint"
	"github.com/ifacelint/ifacelint/internal/policy"
	"github.com/ifacelint/ifacelint/internal/risk"
	"github.com/ifacelint/ifacelint/internal/textsafe"
)

// stages choose the parts of the preparation a command needs.
type stages struct {
	rules bool // resolve the rules and start compiling the engine
	cache bool // open the content cache
}

// prepare is the one preparation path of lint, validate, report and graph:
// the config, the inventory walk (started) and the policies; the fail-on
// level, the rule resolution and the engine (started); the baseline read;
// every output file checked (a refused one costs nothing and no output is
// written); the content cache.
func (s *Session) prepare(ctx context.Context, outs []output, st stages) error {
	s.useCache = st.cache
	if err := s.loadProject(ctx); err != nil {
		return err
	}
	if st.rules {
		failOn, err := failLevel(s.req.FailOn, s.config)
		if err != nil {
			return err
		}
		s.failOn = failOn
		if err := s.configureRules(ctx); err != nil {
			return err
		}
	}
	inputs := map[string]string{}
	if s.base != nil && s.req.Baseline != "" {
		// The base's baseline; the work tree's file is still an input no
		// output may overwrite.
		s.lint.Baseline = s.base.session.lint.Baseline
		inputs[s.req.Baseline] = "the baseline read by this run"
	} else if _, err := os.Lstat(s.req.Baseline); s.ofBase && s.req.Baseline != "" && errors.Is(err, fs.ErrNotExist) {
		// The change adds the baseline: the base accepted nothing.
		fmt.Fprintf(s.stderr, "ifacelint: the base revision has no %s: it accepts no finding\n", textsafe.Terminal(s.req.Baseline))
	} else if s.req.Baseline != "" && s.req.WriteBaseline == "" {
		b, err := baseline.Read(s.req.Baseline)
		if err != nil {
			return err
		}
		s.lint.Baseline = b
		inputs[s.req.Baseline] = "the baseline read by this run"
	}
	if err := s.checkOutputs(outs, inputs); err != nil {
		return err
	}
	if st.cache {
		return s.attachCache(ctx)
	}
	return nil
}

// run is lint.Run with the progress line and the run's clock, its errors
// turned into the messages people read.
func (s *Session) run(ctx context.Context, quiet bool) (*lint.Result, error) {
	res, err := runLintWithProgress(ctx, s.stderr, s.lint, quiet)
	switch {
	case errors.Is(err, lint.ErrNoDocuments):
		return nil, s.errNoDocuments()
	case errors.Is(err, policy.ErrTimeout), errors.Is(err, context.DeadlineExceeded):
		return nil, clockOf(ctx).err()
	}
	return res, err
}

// Lint validates the inventory, evaluates the enabled rules and writes the
// report to every output (or, with WriteBaseline, the baseline). The error
// is ErrFindings when an open finding is at or above the fail-on level.
func (s *Session) Lint(ctx context.Context) error {
	return s.withClock(ctx, func(ctx context.Context) error {
		start := time.Now()
		outs, err := findingOutputs(s.req)
		if err != nil {
			return err
		}
		if s.req.WriteBaseline != "" {
			outs = []output{{format: "baseline", file: s.req.WriteBaseline}}
		}
		closeBase, err := s.openBaseRun(ctx)
		if err != nil {
			return err
		}
		defer closeBase()
		res, outside, err := s.lintRun(ctx, outs)
		if err != nil {
			return err
		}
		if s.req.WriteBaseline != "" {
			return s.writeBaseline(outs, res)
		}
		out, err := s.lintOutcome(ctx, res, outside, start)
		if err != nil {
			return err
		}
		if err := s.writeReport(outs, out.Report); err != nil {
			return err
		}
		if out.Fails {
			return ErrFindings
		}
		return nil
	})
}

// LintOutcome is what a lint run found, before any output is written: the
// report every format is written from (its FailOn and Accepted set, as
// Lint sets them), and whether it fails the gate.
type LintOutcome struct {
	Report *format.Report
	// Fails is set when an open finding is at or above the fail-on level:
	// Lint's ErrFindings.
	Fails bool
}

// LintResult is Lint without outputs: the same preparation (config,
// policies, the rule resolution, the sandboxed engine, the baseline, the
// content cache), the same run and the same report, returned instead of
// written. The request's output fields (Formats, Output, WriteBaseline and
// the like) are not read, and nothing is written to Stdout; notices still
// go to Stderr. Findings at or above the fail-on level are Fails, not an
// error; every error is one Lint returns (the command's exit 2).
func (s *Session) LintResult(ctx context.Context) (*LintOutcome, error) {
	var out *LintOutcome
	err := s.withClock(ctx, func(ctx context.Context) error {
		start := time.Now()
		closeBase, err := s.openBaseRun(ctx)
		if err != nil {
			return err
		}
		defer closeBase()
		res, outside, err := s.lintRun(ctx, nil)
		if err != nil {
			return err
		}
		out, err = s.lintOutcome(ctx, res, outside, start)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// lintRun is the part of Lint before any output: prepare (the outputs
// outs checked), the count of documents outside the inventory roots
// started beside the run (for the accepted-risk statement), and the run.
func (s *Session) lintRun(ctx context.Context, outs []output) (*lint.Result, func() int, error) {
	if err := s.prepare(ctx, outs, stages{rules: true, cache: true}); err != nil {
		return nil, nil, err
	}
	outside := s.startOutsideInventory(ctx) // for the accepted-risk statement
	// The base's run takes the files both revisions share from this one.
	s.lint.Keep = s.base != nil && s.base.held
	res, err := s.run(ctx, s.req.Quiet)
	if err != nil {
		return nil, nil, err
	}
	return res, outside, nil
}

// openBaseRun opens the base revision when the request names one
// (--base): its mirror and its session, whose config, policies and baseline
// judge the run. The returned function removes the mirror; call it when the
// run's outputs are written.
func (s *Session) openBaseRun(ctx context.Context) (func(), error) {
	if s.req.NewOnly && !s.baseAsked() {
		return nil, errors.New("--new-only needs --base REF: without a base revision no finding is new")
	}
	if !s.baseAsked() {
		return func() {}, nil
	}
	b, err := s.openBase(ctx, true)
	if err != nil {
		return nil, err
	}
	s.base = b
	return b.close, nil
}

// lintOutcome builds the report of a lint run, with its fail-on level and
// accepted risk, compared with the base revision when there is one, and
// decides the gate.
func (s *Session) lintOutcome(ctx context.Context, res *lint.Result, outside func() int, start time.Time) (*LintOutcome, error) {
	var base *format.Base
	if s.base != nil {
		if outside != nil {
			// Counted from the working directory, which the base's run
			// moves into the mirror for its time: done first.
			outside()
		}
		if err := s.evaluateBase(ctx, res); err != nil {
			return nil, err
		}
		var err error
		if base, err = s.compareWithBase(ctx, res); err != nil {
			return nil, err
		}
	}
	rep := s.newReport(res, start)
	rep.FailOn = s.failOn
	rep.SetBase(base)
	rep.Accepted = s.acceptedRisk(res, outside)
	if base != nil && len(base.Reviewed) > 0 {
		// A change ticket accepts a security-relevant change instead of a
		// finding: stated with the rest of what the run accepts.
		if rep.Accepted == nil {
			rep.Accepted = &risk.Statement{}
		}
		for _, c := range base.Reviewed {
			rep.Accepted.Tickets = append(rep.Accepted.Tickets, risk.TicketedChange{
				Rule: c.Rule, Kind: c.Kind, ID: c.ID, Ticket: c.Ticket, File: c.File, Line: c.Line,
			})
		}
	}
	out := &LintOutcome{Report: rep}
	for _, f := range rep.Open() {
		if rep.Fails(&f) {
			out.Fails = true
			break
		}
	}
	return out, nil
}

func (s *Session) writeBaseline(outs []output, res *lint.Result) error {
	b, left := lint.NewBaseline(res.Findings, s.lint.Fixed)
	if err := writeOutputs(s.stdout, outs, func(w io.Writer, _ string) error {
		_, err := w.Write(b.Marshal())
		return err
	}); err != nil {
		return err
	}
	fmt.Fprintf(s.stderr, "ifacelint: wrote %s: %d entries accepting %d findings\n",
		textsafe.Terminal(s.req.WriteBaseline), len(b.Entries), countAccepted(b))
	if left > 0 {
		fmt.Fprintf(s.stderr, "ifacelint: %d findings of rules no baseline may accept (schema/invalid, secrets/no-inline, …) were left out: fix them\n", left)
	}
	return nil
}

func countAccepted(b *baseline.File) int {
	n := 0
	for _, e := range b.Entries {
		n += e.Count
	}
	return n
}

// Validate checks the inventory against the schema only and writes the
// report. The error is ErrFindings when a document is invalid.
func (s *Session) Validate(ctx context.Context) error {
	start := time.Now()
	outs, err := findingOutputs(s.req)
	if err != nil {
		return err
	}
	if err := s.prepare(ctx, outs, stages{cache: true}); err != nil {
		return err
	}
	res, err := s.run(ctx, s.req.Quiet)
	if err != nil {
		return err
	}
	rep := s.newReport(res, start)
	if err := s.writeReport(outs, rep); err != nil {
		return err
	}
	if rep.Summary.Errors > 0 {
		return ErrFindings
	}
	return nil
}
