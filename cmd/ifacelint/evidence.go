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

	"github.com/ifacelint/ifacelint/internal/audit"
	"github.com/ifacelint/ifacelint/internal/frameworks"
	"github.com/ifacelint/ifacelint/internal/lint"
	"github.com/ifacelint/ifacelint/internal/policy"
)

// evidenceFlags are what `report` and `graph` share with `lint`: the config,
// the policies, the evaluation date and the time limit. They are evidence,
// not gates: no --fail-on, and findings never change the exit code.
type evidenceFlags struct {
	config string
	pol    policyFlags
	rules  ruleFlags
	// frameworks are report's --framework values, checked (frameworkFlags).
	frameworks []string
}

func (f *evidenceFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.config, "config", "", "config file (default: .ifacelint.yaml looked up from the working directory)")
	fl.StringVar(&f.rules.now, "now", "", "evaluate as if today were `YYYY-MM-DD` (default: today, UTC); the report's evaluation date")
	fl.DurationVar(&f.rules.timeout, "timeout", 60*time.Second, timeoutUsage+", building and writing the output")
	fl.StringVar(&f.rules.maxMemory, "max-memory", defaultMaxMemory, maxMemoryUsage)
	f.pol.register(cmd)
}

// timed is the context of a report or diagram: --timeout bounds everything
// from finding the config and compiling the policies to writing the last
// output. It becomes the command's context, which loading uses.
func (f *evidenceFlags) timed(cmd *cobra.Command) (context.Context, context.CancelFunc) {
	ctx, _, stop := startClock(cmd.Context(), f.rules.timeout, cmd.Flags().Changed("timeout"))
	cmd.SetContext(ctx)
	return ctx, stop
}

// timedOut turns an error of a run whose context ran out into the time-out
// error: a write that failed because time was up is not a write error.
func (f *evidenceFlags) timedOut(ctx context.Context, err error) error {
	if err != nil && ctx.Err() != nil {
		return clockOf(ctx).err()
	}
	return err
}

// evidence runs the rules over the inventory, as lint does, and builds the
// audit evidence with its provenance, under ctx (see timed). The output
// files are checked first.
func (f *evidenceFlags) evidence(ctx context.Context, cmd *cobra.Command, args []string, outs []output) (*audit.Evidence, error) {
	now, err := f.rules.clock()
	if err != nil {
		return nil, err
	}
	p, err := loadProject(cmd, f.config, &f.pol, args)
	if err != nil {
		return nil, err
	}
	if err := p.checkOutputs(outs, nil); err != nil {
		return nil, err
	}
	if err := p.configureRules(cmd, &f.rules); err != nil {
		return nil, err
	}
	collector := audit.NewCollector()
	p.lint.Collect = collector.Collect
	res, err := runLintWithProgress(ctx, cmd.ErrOrStderr(), p.lint, false)
	switch {
	case errors.Is(err, lint.ErrNoDocuments):
		return nil, errNoDocuments(p)
	case errors.Is(err, policy.ErrTimeout), errors.Is(err, context.DeadlineExceeded):
		return nil, clockOf(ctx).err()
	case err != nil:
		return nil, err
	}
	prov := audit.Provenance{
		Version:      buildVersion(),
		PolicyDigest: p.policies.Digest(),
		ConfigDigest: "none",
		Commit:       audit.GitState(ctx, p.lint.Inventory),
		Evaluated:    now.Format(time.DateOnly),
		Files:        res.Files,
		Documents:    res.Documents,
	}
	for _, root := range p.lint.Inventory {
		prov.Inventory = append(prov.Inventory, displayPath(root))
	}
	if p.config != nil {
		prov.ConfigFile = displayPath(p.config.File)
		prov.ConfigDigest = p.config.Digest // of the content read, not read again
	}
	fws := f.frameworks
	if len(fws) == 0 && p.config != nil {
		fws = p.config.Frameworks
	}
	e := audit.Build(collector, res.Findings, audit.Options{
		Catalogue: p.catalogue, Enabled: p.lint.Enabled, Waivers: res.Waivers, Provenance: prov, Frameworks: fws,
	})
	if ctx.Err() != nil {
		// Also when git was cut short: its answer would be wrong.
		return nil, f.timedOut(ctx, ctx.Err())
	}
	return e, nil
}

// frameworkFlags checks report's --framework values: known keys, each kept
// once, in the order given.
func frameworkFlags(values []string) ([]string, error) {
	var out []string
	for _, v := range values {
		if frameworks.Get(v) == nil {
			return nil, fmt.Errorf("unknown framework %q (want %s)", v, frameworks.KeyList())
		}
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out, nil
}

// ctxWriter fails its writes once ctx is done: rendering stops at the
// time-out.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (w ctxWriter) Write(p []byte) (int, error) {
	if err := w.ctx.Err(); err != nil {
		return 0, err
	}
	return w.w.Write(p)
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

// evidenceOutputs resolves repeatable --format FORMAT[=FILE] and --output,
// like lint's: at most one format goes to standard output (or --output).
func evidenceOutputs(formats []string, stdout string, known []string) ([]output, error) {
	var outs []output
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
			file = stdout
			toStdout++
		}
		outs = append(outs, output{format: name, file: file})
	}
	if toStdout > 1 {
		return nil, errors.New("only one --format can go to standard output or --output; give the others a file (FORMAT=FILE)")
	}
	return outs, nil
}
