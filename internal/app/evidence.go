package app

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/ifacelint/ifacelint/internal/audit"
	"github.com/ifacelint/ifacelint/internal/frameworks"
	"github.com/ifacelint/ifacelint/internal/graph"
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
	fws, err := frameworkFlags(s.req.Frameworks)
	if err != nil {
		return err
	}
	return s.withEvidence(ctx, outs, fws, false, func(ctx context.Context, e *audit.Evidence) error {
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
	if s.baseAsked() {
		// report --base: the base revision's config and policies judge
		// (base.go); its inventory is not evaluated.
		b, err := s.openBase(ctx, false)
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
	res, err := s.run(ctx, false)
	if err != nil {
		return nil, err
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
	if len(fws) == 0 && s.config != nil {
		fws = s.config.Frameworks
	}
	e := audit.Build(collector, res.Findings, audit.Options{
		Catalogue: s.catalogue, Enabled: s.lint.Enabled, Waivers: res.Waivers, Provenance: prov, Frameworks: fws,
		DiagramOnly: diagramOnly, ReviewDays: s.reviewDays,
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

// frameworkFlags checks report's --framework values: known keys, each kept
// once, in the order given; an alias is read as its key (iso27001 is
// iso-27001).
func frameworkFlags(values []string) ([]string, error) {
	var out []string
	for _, v := range values {
		if frameworks.Get(v) == nil {
			return nil, fmt.Errorf("unknown framework %q (want %s)", v, frameworks.KeyList())
		}
		v = frameworks.Canonical(v)
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
