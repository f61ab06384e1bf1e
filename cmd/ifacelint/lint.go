package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/ifacelint/ifacelint/internal/baseline"
	"github.com/ifacelint/ifacelint/internal/format"
	"github.com/ifacelint/ifacelint/internal/lint"
	"github.com/ifacelint/ifacelint/internal/policy"
)

func newLintCmd() *cobra.Command {
	var (
		configFlag string
		out        outputFlags
		rules      ruleFlags
		cacheOpts  cacheFlags
		pol        policyFlags
		baseFile   string
		writeBase  string
		runLint    func(cmd *cobra.Command, args []string) error
	)
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
			return withTimeout(cmd, rules.timeout, func() error { return runLint(cmd, args) })
		},
	}
	runLint = func(cmd *cobra.Command, args []string) error {
		start := time.Now()
		outs, err := out.outputs()
		if err != nil {
			return err
		}
		p, err := loadProject(cmd, configFlag, &pol, args)
		if err != nil {
			return err
		}
		failOn, err := rules.failLevel(p)
		if err != nil {
			return err
		}
		if err := p.configureRules(cmd, &rules); err != nil {
			return err
		}
		inputs := map[string]string{}
		if baseFile != "" && writeBase == "" {
			if p.lint.Baseline, err = baseline.Read(baseFile); err != nil {
				return err
			}
			inputs[baseFile] = "the baseline read by this run"
		}
		// Every output is checked before the run, so a refused one
		// costs nothing and no output is written.
		if writeBase != "" {
			outs = []output{{format: "baseline", file: writeBase}}
		}
		if err := p.checkOutputs(outs, inputs); err != nil {
			return err
		}
		if err := cacheOpts.attach(cmd.Context(), cmd.ErrOrStderr(), &p.lint); err != nil {
			return err
		}
		outside := p.startOutsideInventory(cmd.Context()) // for the accepted-risk statement
		res, err := runLintWithProgress(cmd.Context(), cmd.ErrOrStderr(), p.lint, out.quiet)
		switch {
		case errors.Is(err, lint.ErrNoDocuments):
			return errNoDocuments(p)
		case errors.Is(err, policy.ErrTimeout), errors.Is(err, context.DeadlineExceeded):
			return clockOf(cmd.Context()).err()
		case err != nil:
			return err
		}
		if writeBase != "" {
			b, left := lint.NewBaseline(res.Findings, p.lint.Fixed)
			if err := writeOutputs(cmd, outs, func(w io.Writer, _ string) error {
				_, err := w.Write(b.Marshal())
				return err
			}); err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "ifacelint: wrote %s: %d entries accepting %d findings\n",
				format.Terminal(writeBase), len(b.Entries), countAccepted(b))
			if left > 0 {
				fmt.Fprintf(cmd.ErrOrStderr(), "ifacelint: %d findings of rules no baseline may accept (schema/invalid, secrets/no-inline, …) were left out: fix them\n", left)
			}
			return nil
		}
		rep := newReport(res, p, start)
		rep.FailOn = failOn
		rep.Accepted = p.acceptedRisk(res, outside, failOn, rules.failOn != "", baseFile)
		if err := out.write(cmd, outs, rep); err != nil {
			return err
		}
		for _, f := range rep.Open() {
			if f.Severity.Fails(failOn) {
				return errFindings
			}
		}
		return nil
	}
	cmd.Flags().StringVar(&configFlag, "config", "", "config file (default: .ifacelint.yaml looked up from the working directory)")
	out.register(cmd, strings.Join(format.Formats(), ", "))
	out.registerSuppressed(cmd)
	rules.register(cmd)
	cacheOpts.register(cmd)
	pol.register(cmd)
	cmd.Flags().StringVar(&baseFile, "baseline", "", "accept the findings recorded in this baseline file (they are reported as baselined, not as problems)")
	cmd.Flags().StringVar(&writeBase, "write-baseline", "", "write every current unwaived finding to this baseline file and exit 0")
	return cmd
}

func countAccepted(b *baseline.File) int {
	n := 0
	for _, e := range b.Entries {
		n += e.Count
	}
	return n
}
