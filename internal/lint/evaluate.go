package lint

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ifacelint/ifacelint/internal/builtins"
	"github.com/ifacelint/ifacelint/internal/policy"
	"github.com/ifacelint/ifacelint/internal/rules"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// firstPass evaluates a reported file's documents as far as they can be
// without the complete index. cf, when the run uses the cache, is the
// file's entry, which it fills with what it found.
func (r *runner) firstPass(ctx context.Context, f *inventory.File, cf *cachedFile) (*fileResult, error) {
	fr := &fileResult{problems: r.fileFindings(f), docs: make([][]Finding, len(f.Docs))}
	if cf != nil {
		cf.Results, cf.FileFindings = true, fr.problems
	}
	for d, doc := range f.Docs {
		if deferAll && r.opts.Engine != nil {
			fr.deferred = append(fr.deferred, d)
			continue
		}
		dr, err := r.evaluate(ctx, doc, true, nil)
		if errors.Is(err, errNeedsIndex) {
			fr.deferred = append(fr.deferred, d)
			if dr.local != nil {
				if fr.local == nil {
					fr.local = map[int]*localResult{}
				}
				fr.local[d] = dr.local
			}
			continue
		}
		if err != nil {
			return nil, err
		}
		fr.docs[d] = dr.findings
		if cf != nil {
			cf.Docs[d].Findings, cf.Docs[d].Waivers = dr.findings, dr.waivers
			if err := cf.Docs[d].setSpecs(r, f.Path, dr.specs); err != nil {
				return nil, err
			}
		}
	}
	return fr, nil
}

// docResult is what evaluating a document gave.
type docResult struct {
	findings []Finding
	waivers  []WaiverStatus
	// reads is what the evaluation read of the inventory
	// (policy.Engine.EvalTracked); nil when nothing, or when local.
	reads []string
	// specs are the files of the OpenAPI descriptions the evaluation read
	// (ifacelint.openapi), absolute, sorted; nil when none.
	specs []string
	// local, with errNeedsIndex when the evaluation succeeded, is what the
	// rules that cannot read the inventory found: final, so the second pass
	// evaluates only the others.
	local *localResult
}

// localResult is what a first-pass evaluation that read the inventory
// keeps for the second: the raw findings of the rules that cannot read it,
// and the description files the evaluation read (docResult.specs), which
// the second pass, evaluating only the other rules, would not see.
type localResult struct {
	findings []policy.Finding
	specs    []string
}

// errNeedsIndex: the document's evaluation read the inventory before the
// index was complete; it is evaluated again in the second pass.
var errNeedsIndex = errors.New("needs the complete inventory index")

// evaluate produces every finding of one document. With local, the
// evaluation must not depend on the inventory: if it read the inventory,
// evaluate returns errNeedsIndex (and, when the evaluation succeeded, the
// findings that do not depend on it in docResult.local). Given known, the
// raw findings of the rules that cannot read the inventory from such an
// evaluation of the same document, only the other rules are evaluated.
func (r *runner) evaluate(ctx context.Context, doc *inventory.Document, local bool, known *localResult) (docResult, error) {
	out, valid := r.schemaFindings(doc)
	if r.opts.Engine == nil {
		return docResult{findings: out}, nil
	}
	if !valid {
		r.noteNotEvaluated(doc, out)
	}
	var (
		raw   []policy.Finding
		reads []string
		err   error
	)
	rd, err := r.specs.forFile(doc.File)
	if err != nil {
		return docResult{}, err
	}
	limit := r.opts.DocTimeout
	if limit == 0 {
		limit = DefaultDocTimeout
	}
	docCtx, cancel := ctx, context.CancelFunc(func() {})
	if limit > 0 {
		docCtx, cancel = context.WithTimeout(ctx, limit)
		if abort := r.opts.Abort; abort != nil {
			hard := time.AfterFunc(limit+policy.HardStopGrace, func() {
				abort(&DocTimeoutError{File: doc.File, Doc: doc.Index + 1, Limit: limit})
			})
			defer hard.Stop()
		}
	}
	specs := &docSpecs{reader: rd}
	if known != nil {
		specs.files = slices.Clone(known.specs)
	}
	docCtx = policy.WithWhere(builtins.WithDescriptions(docCtx, specs), docWhere{doc})
	if local {
		var read bool
		raw, read, err = r.opts.Engine.EvalLocal(docCtx, doc.Value, valid)
		if read {
			cancel()
			if err != nil {
				return docResult{}, errNeedsIndex
			}
			kept := make([]policy.Finding, 0, len(raw))
			for _, f := range raw {
				if !r.opts.Engine.ReadsInventory(f.Rule) {
					kept = append(kept, f)
				}
			}
			return docResult{local: &localResult{findings: kept, specs: specs.read()}}, errNeedsIndex
		}
	} else if known != nil {
		raw, reads, err = r.opts.Engine.EvalInventoryRules(docCtx, doc.Value, valid)
		raw = append(slices.Clip(known.findings), raw...)
	} else {
		raw, reads, err = r.opts.Engine.EvalTracked(docCtx, doc.Value, valid)
	}
	docOver := docCtx.Err() != nil && ctx.Err() == nil
	cancel()
	if err != nil && docOver {
		return docResult{}, &DocTimeoutError{File: doc.File, Doc: doc.Index + 1, Limit: limit}
	}
	if err != nil {
		return docResult{}, fmt.Errorf("%s: %w", docWhere{doc}, err)
	}
	found := make([]Finding, 0, len(raw))
	for _, f := range raw {
		found = append(found, r.docFinding(doc, f.Rule, f.Message, f.Path))
	}
	found, waivers := r.applyWaivers(doc, found, valid)
	r.recordWaivers(waivers)
	for _, f := range found {
		if r.enabled(f.Rule) {
			out = append(out, f)
		}
	}
	return docResult{findings: out, waivers: waivers, reads: reads, specs: specs.read()}, nil
}

// enabled reports whether rule id reports findings in this run.
func (r *runner) enabled(id string) bool {
	return id == policy.SchemaInvalid || (r.opts.Engine != nil && r.opts.Enabled[id])
}

// recordWaivers keeps the status of a reported document's waivers for
// Result.Waivers; documents are evaluated concurrently.
func (r *runner) recordWaivers(ws []WaiverStatus) {
	if len(ws) == 0 {
		return
	}
	r.mu.Lock()
	r.waivers = append(r.waivers, ws...)
	r.mu.Unlock()
}

// noteNotEvaluated says, once per schema-invalid document, on its first
// schema/invalid finding in file order, how many rules did not evaluate it:
// a finding that cannot be accepted still shows what it keeps from view.
func (r *runner) noteNotEvaluated(doc *inventory.Document, found []Finding) {
	n := r.notEvaluated(doc.Kind)
	if n == 0 || len(found) == 0 {
		return
	}
	first := &found[0]
	for i := range found {
		if f := &found[i]; f.Line < first.Line || (f.Line == first.Line && f.Column < first.Column) {
			first = f
		}
	}
	rules := "rules were"
	if n == 1 {
		rules = "rule was"
	}
	first.Message += fmt.Sprintf(" (%d other %s not evaluated on this document: it is schema-invalid)", n, rules)
}

// notEvaluated counts the enabled rules a schema-invalid document of kind
// misses: every rule that applies to the kind but schema/invalid and
// secrets/no-inline, which still evaluate it, the waiver, baseline and gate
// rules, which are not about the document's content, and the change rules,
// which compare with a base revision and are not run by this pipeline.
func (r *runner) notEvaluated(kind string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	if n, ok := r.skipped[kind]; ok {
		return n
	}
	n := 0
	for _, rule := range r.opts.Catalogue.Rules {
		switch id := rule.ID; {
		case !r.enabled(id), id == policy.SchemaInvalid, id == policy.SecretsNoInline,
			strings.HasPrefix(id, "waiver/"), strings.HasPrefix(id, "baseline/"), strings.HasPrefix(id, "gate/"), rules.IsChange(id):
		case slices.Contains(policy.DocumentKinds, kind) && !rule.AppliesTo(kind):
		default:
			n++
		}
	}
	if r.skipped == nil {
		r.skipped = map[string]int{}
	}
	r.skipped[kind] = n
	return n
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
		f.SetRegion(inventory.Region{Start: p.Pos, End: p.End}) // the loader knows the exact node
		out = append(out, f)
	}
	for _, e := range r.validator.ValidateDocument(doc) {
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
	more.SetRegion(next.Region())
	return append(out[:MaxSchemaFindings:MaxSchemaFindings], more), false
}

// docWhere names a document in an error: "file: document 2".
type docWhere struct{ doc *inventory.Document }

func (w docWhere) String() string {
	return fmt.Sprintf("%s: document %d", w.doc.File, w.doc.Index+1)
}
