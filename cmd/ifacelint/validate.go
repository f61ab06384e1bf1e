package main

import (
	"errors"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/ifacelint/ifacelint/internal/format"
	"github.com/ifacelint/ifacelint/internal/lint"
)

func newValidateCmd() *cobra.Command {
	var (
		configFlag string
		out        outputFlags
		cacheOpts  cacheFlags
	)
	cmd := &cobra.Command{
		Use:   "validate [PATH...]",
		Short: "Check inventory documents against the schema only",
		Long: `validate checks every inventory document against the embedded JSON Schema
(see 'ifacelint schema') and reports each offending node as a schema/invalid finding
with its file, line and column. No policy is evaluated.

Exit codes: 0 valid, 1 schema findings, 2 could not run (no documents found, bad flag,
unreadable config).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			start := time.Now()
			outs, err := out.outputs()
			if err != nil {
				return err
			}
			p, err := loadProject(cmd, configFlag, nil, args)
			if err != nil {
				return err
			}
			if err := p.checkOutputs(outs, nil); err != nil {
				return err
			}
			if err := cacheOpts.attach(cmd.Context(), cmd.ErrOrStderr(), &p.lint); err != nil {
				return err
			}
			res, err := runLintWithProgress(cmd.Context(), cmd.ErrOrStderr(), p.lint, out.quiet)
			if errors.Is(err, lint.ErrNoDocuments) {
				return errNoDocuments(p)
			}
			if err != nil {
				return err
			}
			rep := newReport(res, p, start)
			if err := out.write(cmd, outs, rep); err != nil {
				return err
			}
			if rep.Summary.Errors > 0 {
				return errFindings
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&configFlag, "config", "", "config file (default: "+".ifacelint.yaml"+" looked up from the working directory)")
	out.register(cmd, strings.Join(format.Formats(), ", "))
	cacheOpts.register(cmd)
	return cmd
}

func errNoDocuments(p *project) error {
	return errors.New("no inventory documents found in " + joinPaths(p.lint.Inventory) + " (.yaml/.yml files)")
}

func joinPaths(ps []string) string {
	s := ""
	for i, p := range ps {
		if i > 0 {
			s += ", "
		}
		s += p
	}
	return s
}
