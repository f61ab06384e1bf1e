package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/ifacelint/ifacelint/pkg/audit"
	"github.com/ifacelint/ifacelint/pkg/lint"
	"github.com/ifacelint/ifacelint/pkg/policy"
)

// evidenceFlags are what `report` and `graph` share with `lint`: the config,
// the policies, the evaluation date and the time limit. They are evidence,
// not gates: no --fail-on, and findings never change the exit code.
type evidenceFlags struct {
	config string
	pol    policyFlags
	rules  ruleFlags
}

func (f *evidenceFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.config, "config", "", "config file (default: .ifacelint.yaml looked up from the working directory)")
	fl.StringVar(&f.rules.now, "now", "", "evaluate as if today were `YYYY-MM-DD` (default: today, UTC); the report's evaluation date")
	fl.DurationVar(&f.rules.timeout, "timeout", 60*time.Second, timeoutUsage)
	fl.StringVar(&f.rules.maxMemory, "max-memory", defaultMaxMemory, maxMemoryUsage)
	f.pol.register(cmd)
}

// evidence runs the rules over the inventory, as lint does, and builds the
// audit evidence with its provenance.
func (f *evidenceFlags) evidence(cmd *cobra.Command, args []string) (e *audit.Evidence, err error) {
	err = withTimeout(cmd, f.rules.timeout, func() error {
		e, err = f.build(cmd, args)
		return err
	})
	return e, err
}

func (f *evidenceFlags) build(cmd *cobra.Command, args []string) (*audit.Evidence, error) {
	now, err := f.rules.clock()
	if err != nil {
		return nil, err
	}
	p, err := loadProject(cmd, f.config, &f.pol, args)
	if err != nil {
		return nil, err
	}
	if err := p.configureRules(cmd, &f.rules); err != nil {
		return nil, err
	}
	collector := audit.NewCollector()
	p.lint.Collect = collector.Collect
	res, err := lint.Run(cmd.Context(), p.lint)
	switch {
	case errors.Is(err, lint.ErrNoDocuments):
		return nil, errNoDocuments(p)
	case errors.Is(err, policy.ErrTimeout), errors.Is(err, context.DeadlineExceeded):
		return nil, fmt.Errorf("policy evaluation exceeded --timeout %s", f.rules.timeout)
	case err != nil:
		return nil, err
	}
	prov := audit.Provenance{
		Version:      buildVersion(),
		PolicyDigest: p.policies.Digest(),
		ConfigDigest: "none",
		Commit:       audit.GitState(cmd.Context(), p.lint.Inventory),
		Evaluated:    now.Format(time.DateOnly),
		Files:        res.Files,
		Documents:    res.Documents,
	}
	for _, root := range p.lint.Inventory {
		prov.Inventory = append(prov.Inventory, displayPath(root))
	}
	if p.config != nil {
		prov.ConfigFile = displayPath(p.config.File)
		if prov.ConfigDigest, err = audit.FileDigest(p.config.File); err != nil {
			return nil, err
		}
	}
	return audit.Build(collector, res.Findings, audit.Options{
		Catalogue: p.catalogue, Enabled: p.lint.Enabled, Now: now, Provenance: prov,
	}), nil
}

// displayPath shows a path relative to the working directory when it is
// below it, so a report does not carry the machine's home directory.
func displayPath(p string) string {
	wd, err := os.Getwd()
	if err != nil || !filepath.IsAbs(p) {
		return p
	}
	rel, err := filepath.Rel(wd, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return p
	}
	return rel
}

// evidenceOutput is one destination of a report or diagram.
type evidenceOutput struct {
	format string
	file   string // "" is standard output
}

// evidenceOutputs resolves repeatable --format FORMAT[=FILE] and --output,
// like lint's: at most one format goes to standard output (or --output).
func evidenceOutputs(formats []string, output string, known []string) ([]evidenceOutput, error) {
	var outs []evidenceOutput
	toStdout := 0
	for _, spec := range formats {
		name, file, hasFile := strings.Cut(spec, "=")
		if !slices.Contains(known, name) {
			return nil, fmt.Errorf("unknown format %q (want %s)", name, strings.Join(known, ", "))
		}
		if hasFile && file == "" {
			return nil, fmt.Errorf("--format %s: missing file name after =", spec)
		}
		if !hasFile {
			file = output
			toStdout++
		}
		outs = append(outs, evidenceOutput{format: name, file: file})
	}
	if toStdout > 1 {
		return nil, errors.New("only one --format can go to standard output or --output; give the others a file (FORMAT=FILE)")
	}
	return outs, nil
}

// writeEvidence renders to every destination.
func writeEvidence(cmd *cobra.Command, outs []evidenceOutput, render func(w io.Writer, format string) error) error {
	for _, out := range outs {
		if out.file == "" {
			if err := render(cmd.OutOrStdout(), out.format); err != nil {
				return fmt.Errorf("write %s output: %w", out.format, err)
			}
			continue
		}
		f, err := os.Create(out.file)
		if err != nil {
			return fmt.Errorf("write %s output: %w", out.format, err)
		}
		err = render(f, out.format)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("write %s output: %w", out.format, err)
		}
	}
	return nil
}
