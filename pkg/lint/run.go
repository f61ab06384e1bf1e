package lint

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/ifacelint/ifacelint/pkg/baseline"
	"github.com/ifacelint/ifacelint/pkg/inventory"
	"github.com/ifacelint/ifacelint/pkg/policy"
	"github.com/ifacelint/ifacelint/pkg/schema"
)

// Options configure one run.
type Options struct {
	// Inventory roots: every file below them is loaded, for cross-document
	// context (unique ids, third-party references).
	Inventory []string
	// Targets limit what is reported: files or directories. Empty reports
	// on the whole inventory.
	Targets []string
	// Walk holds exclude globs and the notice sink.
	Walk inventory.WalkOptions
	// Load holds the loader's limits.
	Load inventory.Options
	// Catalogue describes the rules; it is required (schema/invalid's
	// severity, controls and remediation come from it).
	Catalogue *policy.Catalogue
	// Severity overrides per rule id, from the config.
	Severity map[string]policy.Severity
	// Workers bounds concurrency; 0 means GOMAXPROCS.
	Workers int

	// Engine evaluates the Rego rules; nil runs the schema stage only
	// (`ifacelint validate`). Run writes the inventory into it, so one
	// Engine must not serve two concurrent Runs.
	Engine *policy.Engine
	// Enabled says which rules report findings (Rego and Go-computed);
	// schema/invalid always reports. Unused with a nil Engine.
	Enabled map[string]bool

	// Baseline, when set, marks the findings it accepts as baselined.
	Baseline *baseline.File

	// Collect, when set, is called once for every loaded document, in walk
	// order, before evaluation; reported says whether the document's file is
	// reported on (the others are cross-document context). A caller that
	// needs documents as well as findings (`ifacelint report`) keeps what it
	// needs; runs without it hold no documents after Run returns.
	Collect func(doc *inventory.Document, reported bool)
}

// Result of a run.
type Result struct {
	Findings  []Finding
	Files     int // files reported on
	Documents int // documents in them
	// StaleBaseline counts baseline entries, about the files reported on,
	// that accepted more findings than there are now.
	StaleBaseline int
}

// ErrNoDocuments is returned when the run found no inventory document to
// report on: a linter that checked nothing must not pass.
var ErrNoDocuments = errors.New("no inventory documents found")

// loaded is one file's documents plus whether it is reported on.
type loaded struct {
	file   *inventory.File
	report bool
}

// load walks the inventory and the targets, then reads and parses every
// inventory file concurrently. The result keeps the walk's order.
func load(ctx context.Context, opts Options, validator *schema.Validator) ([]loaded, error) {
	paths, err := inventory.Walk(opts.Inventory, opts.Walk)
	if err != nil {
		return nil, err
	}
	report := map[string]bool{}
	if len(opts.Targets) > 0 {
		inInventory := make(map[string]bool, len(paths))
		for _, p := range paths {
			inInventory[absPath(p)] = true
		}
		quiet := opts.Walk
		quiet.Exclude = nil // an excluded target gets its own notice below
		targets, err := inventory.Walk(opts.Targets, quiet)
		if err != nil {
			return nil, err
		}
		for _, t := range targets {
			switch {
			case opts.Walk.Excluded(t):
				notice(opts.Walk, "%s: skipped: matches an exclude pattern", t)
			case !inInventory[absPath(t)]:
				notice(opts.Walk, "%s: skipped: outside the inventory roots", t)
			default:
				report[absPath(t)] = true
			}
		}
	}
	lopts := opts.Load
	lopts.WantsString = validator.WantsString
	lopts.Redact = validator.Redact // no credential in a duplicate-key message
	out := make([]loaded, len(paths))
	err = forEach(ctx, len(paths), opts.Workers, func(_ context.Context, i int) error {
		out[i] = loaded{
			file:   inventory.LoadFile(paths[i], lopts),
			report: len(opts.Targets) == 0 || report[absPath(paths[i])],
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func notice(w inventory.WalkOptions, format string, args ...any) {
	if w.Notice != nil {
		w.Notice(fmt.Sprintf(format, args...))
	}
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return filepath.Clean(p)
}

// runner holds what every stage of one run needs.
type runner struct {
	opts      Options
	validator *schema.Validator
}

// newFinding fills a finding's catalogue fields for rule id.
func (r *runner) newFinding(id, msg, file string, pos inventory.Pos) Finding {
	f := Finding{Rule: id, Message: msg, File: file, Line: pos.Line, Column: pos.Column, Severity: policy.Error}
	if rule := r.opts.Catalogue.Get(id); rule != nil {
		f.Severity = rule.Severity
		f.Controls = rule.Controls
		f.Remediation = rule.Remediation
	}
	if sev, ok := r.opts.Severity[id]; ok && id != policy.SchemaInvalid {
		f.Severity = sev
	}
	return f
}

// docFinding locates a finding about doc at path: the node itself, else its
// nearest existing parent, else the document's first key.
func (r *runner) docFinding(doc *inventory.Document, id, msg string, path inventory.Path) Finding {
	pos, _ := doc.Locate(path)
	f := r.newFinding(id, msg, doc.File, pos)
	f.Kind, f.ID, f.Path = doc.Kind, doc.ID, path
	if f.Path == nil {
		f.Path = inventory.Path{}
	}
	return f
}

func (r *runner) fileFindings(file *inventory.File) []Finding {
	out := make([]Finding, 0, len(file.Problems))
	for _, p := range file.Problems {
		f := r.newFinding(policy.SchemaInvalid, p.Message, file.Path, p.Pos)
		f.FileLevel = true
		f.Path = inventory.Path{}
		out = append(out, f)
	}
	return out
}

// schemaFindings returns the document's schema/invalid findings and
// whether it is valid (only then do the other rules evaluate it).
func (r *runner) schemaFindings(doc *inventory.Document) ([]Finding, bool) {
	var out []Finding
	for _, p := range doc.Problems {
		f := r.docFinding(doc, policy.SchemaInvalid, p.Message, p.Path)
		f.Line, f.Column = p.Pos.Line, p.Pos.Column // the loader knows the exact node
		out = append(out, f)
	}
	for _, e := range r.validator.Validate(doc.Value) {
		out = append(out, r.docFinding(doc, policy.SchemaInvalid, e.Message, e.Path))
	}
	return out, len(out) == 0
}
