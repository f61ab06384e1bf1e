package lint

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"

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

	// HoldFiles caps how many files with deferred documents (see Run) are
	// kept in memory between the two passes; the others are read and parsed
	// again. 0 means DefaultHoldFiles; negative keeps none.
	HoldFiles int

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
	// Waivers holds the status of every waiver of every reported document
	// the rules evaluated (a run with an Engine), sorted by file, document
	// line and index: whether lint honoured it. Reports show this decision
	// and derive none of their own.
	Waivers []WaiverStatus
}

// ErrNoDocuments is returned when the run found no inventory document to
// report on: a linter that checked nothing must not pass.
var ErrNoDocuments = errors.New("no inventory documents found")

// source is one inventory file of the run and whether it is reported on
// (the others are cross-document context).
type source struct {
	path   string
	report bool
}

// sources walks the inventory and the targets; the result keeps the walk's
// order.
func sources(opts Options) ([]source, error) {
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
	out := make([]source, len(paths))
	for i, p := range paths {
		out[i] = source{path: p, report: len(opts.Targets) == 0 || report[absPath(p)]}
	}
	return out, nil
}

// loadOptions are the loader's options for a run.
func loadOptions(opts Options, validator *schema.Validator) inventory.Options {
	lopts := opts.Load
	lopts.WantsString = validator.WantsString
	lopts.Redact = validator.Redact // no credential in a duplicate-key message
	return lopts
}

// loadChunk is how many files the first pass reads, parses and evaluates
// at once, concurrently, before it indexes them in walk order and lets them
// go.
const loadChunk = 256

// eachFile loads srcs a chunk at a time: load and then work (unless nil) run
// concurrently for each file of a chunk; then index runs for each file, in
// walk order, and the chunk's files are let go. Loading runs under ctx: its
// error (ctx.Err()) ends the run.
func eachFile(ctx context.Context, srcs []source, load func(ctx context.Context, i int) (*inventory.File, error), workers int,
	work func(ctx context.Context, i int, f *inventory.File) error, index func(i int, f *inventory.File)) error {
	files := make([]*inventory.File, loadChunk)
	for start := 0; start < len(srcs); start += loadChunk {
		n := min(loadChunk, len(srcs)-start)
		err := forEach(ctx, n, workers, func(ctx context.Context, i int) error {
			f, err := load(ctx, start+i)
			if err != nil {
				return err
			}
			files[i] = f
			if work != nil {
				return work(ctx, start+i, f)
			}
			return nil
		})
		if err != nil {
			return err
		}
		for i := range n {
			index(start+i, files[i])
			files[i] = nil
		}
	}
	return nil
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

	mu      sync.Mutex
	waivers []WaiverStatus
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
	f.Kind, f.ID, f.Path, f.DocIndex = doc.Kind, doc.ID, path, doc.Index
	if f.Path == nil {
		f.Path = inventory.Path{}
	}
	return f
}

func (r *runner) fileFindings(file *inventory.File) []Finding {
	out := make([]Finding, 0, len(file.Problems))
	for _, p := range file.Problems {
		f := r.newFinding(policy.SchemaInvalid, p.Message, file.Path, p.Pos)
		f.FileLevel, f.DocIndex = true, -1
		f.Path = inventory.Path{}
		out = append(out, f)
	}
	return out
}

// MaxSchemaFindings is how many schema/invalid findings one document
// yields, the loader's and the schema's together; past it, one more
// finding says how many were left out.
const MaxSchemaFindings = 20

// schemaFindings returns the document's schema/invalid findings and
// whether it is valid (only then do the other rules evaluate it). Past
// MaxSchemaFindings, the first in file order are kept and one finding, at
// the next one's place and about the whole document, counts the rest.
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
	if len(out) <= MaxSchemaFindings {
		return out, len(out) == 0
	}
	Sort(out) // file order: the findings kept are the first printed
	next := out[MaxSchemaFindings]
	more := r.docFinding(doc, policy.SchemaInvalid, fmt.Sprintf(
		"and %d more schema problems in this document (at most %d are reported per document)",
		len(out)-MaxSchemaFindings, MaxSchemaFindings), nil)
	more.Line, more.Column = next.Line, next.Column
	return append(out[:MaxSchemaFindings:MaxSchemaFindings], more), false
}
