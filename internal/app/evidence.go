package app

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/ifacelint/ifacelint/internal/audit"
	"github.com/ifacelint/ifacelint/internal/frameworks"
	"github.com/ifacelint/ifacelint/internal/graph"
	"github.com/ifacelint/ifacelint/internal/policy"
)

// ReportFormats and GraphFormats are the formats of report and graph.
var (
	ReportFormats = []string{"markdown", "html", "csv"}
	GraphFormats  = []string{"mermaid", "dot"}
)

// Report evaluates the inventory like Lint and writes the audit evidence
// (markdown, html, csv) to every output. Findings never fail it: it is
// evidence, not a gate.
func (s *Session) Report(ctx context.Context) error {
	outs, err := evidenceOutputs(s.req.Formats, s.req.Output, ReportFormats)
	if err != nil {
		return err
	}
	if _, err := frameworkFlags(s.req.Frameworks, nil, true); err != nil {
		return err
	}
	return s.withEvidence(ctx, outs, s.req.Frameworks, false, func(ctx context.Context, e *audit.Evidence) error {
		return writeOutputs(s.stdout, outs, func(w io.Writer, format string) error {
			w = ctxWriter{ctx, w}
			switch format {
			case "html":
				return audit.HTML(w, e)
			case "csv":
				return audit.CSV(w, e)
			}
			return audit.Markdown(w, e)
		})
	})
}

// Graph evaluates the inventory like Lint and draws the data-flow diagram
// (mermaid, dot) to every output, its provenance as comments at the top.
// Findings never fail it.
func (s *Session) Graph(ctx context.Context) error {
	outs, err := evidenceOutputs(s.req.Formats, s.req.Output, GraphFormats)
	if err != nil {
		return err
	}
	return s.withEvidence(ctx, outs, nil, true, func(ctx context.Context, e *audit.Evidence) error {
		comments := graphComments(e.Provenance)
		for _, out := range outs {
			if out.format != "mermaid" {
				continue
			}
			// A diagram the renderers refuse is no diagram: say so
			// before any output is written.
			if err := graph.MermaidFits(e.Graph, comments...); err != nil {
				return fmt.Errorf("-f mermaid: %w; write it with -f dot for Graphviz, which lays out a large inventory with sfdp (docs/audit-evidence.md)", err)
			}
		}
		return writeOutputs(s.stdout, outs, func(w io.Writer, format string) error {
			w = ctxWriter{ctx, w}
			if format == "dot" {
				return graph.DOT(w, e.Graph, comments...)
			}
			return graph.Mermaid(w, e.Graph, comments...)
		})
	})
}

// withEvidence builds the evidence and hands it to write, all under the
// run's clock: --timeout bounds everything from finding the config and
// compiling the policies to writing the last output. An error of a run
// whose time ran out is the time-out error: a write that failed because
// time was up is not a write error.
func (s *Session) withEvidence(ctx context.Context, outs []output, fws []string, diagramOnly bool, write func(context.Context, *audit.Evidence) error) error {
	ctx, _, stop := startClock(ctx, s.req.Timeout, s.req.TimeoutSet)
	defer stop()
	timedOut := func(err error) error {
		if err != nil && ctx.Err() != nil {
			return clockOf(ctx).err()
		}
		return err
	}
	e, err := s.evidence(ctx, outs, fws, diagramOnly)
	if err != nil {
		return timedOut(err)
	}
	return timedOut(write(ctx, e))
}

// evidence runs the rules over the inventory, as lint does, and builds the
// audit evidence with its provenance (diagramOnly: only what the data-flow
// diagram draws, audit.Options.DiagramOnly). The output files are checked
// first.
func (s *Session) evidence(ctx context.Context, outs []output, fws []string, diagramOnly bool) (*audit.Evidence, error) {
	checks := s.baseAsked() && !diagramOnly
	if s.baseAsked() {
		// report --base: the base revision's config and policies judge
		// (base.go), and the base inventory is linted too, for the checks
		// of the change (BaseChecks: the gate/* and change/* rules), as
		// lint --base runs them. graph --base draws the head's inventory
		// styled by the base's rules only.
		b, err := s.openBase(ctx, checks)
		if err != nil {
			return nil, err
		}
		defer b.close()
		s.base = b
	}
	if err := s.prepare(ctx, outs, stages{rules: true, cache: true}); err != nil {
		return nil, err
	}
	now, err := clock(s.req.Now) // checked by prepare
	if err != nil {
		return nil, err
	}
	collector := audit.NewCollector()
	s.lint.Collect = collector.Collect
	s.lint.Keep = checks && s.base.held // the base's run takes the shared files from this one
	res, err := s.run(ctx, false)
	if err != nil {
		return nil, err
	}
	if checks {
		if err := s.evaluateBase(ctx, res); err != nil {
			return nil, err
		}
		if _, err := s.compareWithBase(ctx, res); err != nil {
			return nil, err
		}
	}
	prov := audit.Provenance{
		Version:      s.req.Version,
		PolicyDigest: s.policies.Digest(),
		ConfigDigest: "none",
		Commit:       audit.GitState(ctx, s.lint.Inventory),
		Evaluated:    now.Format(time.DateOnly),
		Files:        res.Files,
		Documents:    res.Documents,
	}
	for _, root := range s.lint.Inventory {
		prov.Inventory = append(prov.Inventory, displayPath(root))
	}
	if s.config != nil {
		prov.ConfigFile = displayPath(s.config.File)
		prov.ConfigDigest = s.config.Digest // of the content read, not read again
		if s.base != nil {
			prov.ConfigFile += " at " + s.req.Base + " (" + s.base.rev.Commit[:12] + ")"
		}
	}
	// A key of the config's own frameworks is known once the config is.
	fws, err = frameworkFlags(fws, s.catalogue, false)
	if err != nil {
		return nil, err
	}
	if len(fws) == 0 && s.config != nil {
		fws = s.config.Frameworks
	}
	e := audit.Build(collector, res.Findings, audit.Options{
		Catalogue: s.catalogue, Enabled: s.lint.Enabled, Waivers: res.Waivers, Provenance: prov, Frameworks: fws,
		DiagramOnly: diagramOnly, Compared: checks, ReviewDays: s.reviewDays,
	})
	if ctx.Err() != nil {
		// Also when git was cut short: its answer would be wrong.
		return nil, ctx.Err()
	}
	return e, nil
}

// graphComments is the diagram's provenance.
func graphComments(p audit.Provenance) []string {
	config := "none"
	if p.ConfigFile != "" {
		config = p.ConfigFile + " " + p.ConfigDigest
	}
	return []string{
		"data-flow diagram by ifacelint " + p.Version + ", evaluated " + p.Evaluated,
		"policies " + p.PolicyDigest + "; config " + config,
		"inventory commit " + p.Commit,
	}
}

// frameworkFlags checks report's --framework values: known keys (built-in,
// or of the config's own frameworks in cat), each kept once, in the order
// given; an alias is read as its key (iso27001 is iso-27001). early checks
// before the config is read: a key that may be the config's passes.
func frameworkFlags(values []string, cat *policy.Catalogue, early bool) ([]string, error) {
	var out []string
	for _, v := range values {
		if early && frameworks.Get(v) == nil && userKey.MatchString(v) {
			continue
		}
		if cat.Framework(v) == nil {
			return nil, fmt.Errorf("unknown framework %q (want %s)", v, strings.Join(cat.FrameworkKeys(), ", "))
		}
		if k := frameworks.Canonical(v); k != "" {
			v = k
		}
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out, nil
}

// userKey is what the key of a framework of the config's own looks like
// (config.schema.json).
var userKey = regexp.MustCompile(`^[a-z][a-z0-9-]{0,31}$`)

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
