package lint

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ifacelint/ifacelint/internal/ruleeval"
	"github.com/ifacelint/ifacelint/internal/rules"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// docResult is what evaluating a document gave.
type docResult struct {
	findings []Finding
	waivers  []WaiverStatus
	// reads is what the evaluation read of the inventory
	// (Evaluator.EvalTracked); nil when nothing, or when local.
	reads []string
	// specs are the files of the OpenAPI descriptions the evaluation read
	// (ifacelint.openapi), absolute, sorted; nil when none.
	specs []string
	// local, with errNeedsIndex when the evaluation succeeded, is what the
	// rules that cannot read the inventory found: final, so the second pass
	// evaluates only the others.
	local *localResult
	// early: the evaluation read the inventory before the index was
	// complete, only entries the early view answers (runner.early); the
	// result is final once the complete index is seen to hold them, and
	// its waivers are recorded then (settleEarly).
	early bool
}

// localResult is what a first-pass evaluation that read the inventory
// keeps for the second: the raw findings of the rules that cannot read it,
// the description files the evaluation read (docResult.specs), which
// the second pass, evaluating only the other rules, would not see, and
// what the schema found (validated once: the second pass does not
// validate the document again).
type localResult struct {
	findings []ruleeval.Result
	specs    []string
	schema   []Finding
	valid    bool
}

// errNeedsIndex: the document's evaluation read the inventory before the
// index was complete; it is evaluated again in the second pass.
var errNeedsIndex = errors.New("needs the complete inventory index")

// evaluate produces every finding of one document, in stages: validate
// (the schema), evalRules (the rules, through the Evaluator), locate (each
// raw result becomes a finding at a region of the document), waive (the
// decision on each of its waivers); the findings of the rules enabled are
// kept. With local, the evaluation must not depend on the inventory: if it
// read the inventory, evaluate returns errNeedsIndex (and, when the
// evaluation succeeded, the findings that do not depend on it in
// docResult.local). Given known, the raw findings of the rules that cannot
// read the inventory from such an evaluation of the same document, only
// the other rules are evaluated.
func (r *runner) evaluate(ctx context.Context, doc *inventory.Document, local bool, known *localResult) (docResult, error) {
	var (
		out   []Finding
		valid bool
	)
	if known != nil {
		out, valid = slices.Clip(known.schema), known.valid
	} else {
		out, valid = r.validate(doc)
		if r.opts.Engine == nil {
			return docResult{findings: out}, nil
		}
		if !valid {
			r.noteNotEvaluated(doc, out)
		}
	}
	raw, dr, err := r.evalRules(ctx, doc, valid, local, known)
	if err != nil {
		if dr.local != nil {
			dr.local.schema, dr.local.valid = out, valid
		}
		return dr, err
	}
	found, waivers := r.applyWaivers(doc, r.locate(doc, raw), valid)
	if !dr.early {
		r.recordWaivers(waivers)
	}
	for _, f := range found {
		if r.enabled(f.Rule) {
			out = append(out, f)
		}
	}
	dr.findings, dr.waivers = out, waivers
	return dr, nil
}

// evalRules evaluates the rules on a document that is valid or not (then
// only secrets/no-inline), under the document's time limit, and returns
// their raw results, with what the evaluation read (docResult.reads and
// specs); see evaluate for local and known.
func (r *runner) evalRules(ctx context.Context, doc *inventory.Document, valid, local bool, known *localResult) ([]ruleeval.Result, docResult, error) {
	var (
		raw   []ruleeval.Result
		reads []string
		err   error
	)
	if evaluated != nil {
		evaluated(doc.File, doc.Index)
	}
	rd, err := r.specs.forFile(doc.File)
	if err != nil {
		return nil, docResult{}, err
	}
	limit := r.opts.DocTimeout
	if limit == 0 {
		limit = DefaultDocTimeout
	}
	docCtx, cancel := ctx, context.CancelFunc(func() {})
	if limit > 0 {
		docCtx, cancel = context.WithTimeout(ctx, limit)
		if abort := r.opts.Abort; abort != nil {
			hard := time.AfterFunc(limit+ruleeval.HardStopGrace, func() {
				abort(&DocTimeoutError{File: doc.File, Doc: doc.Index + 1, Limit: limit})
			})
			defer hard.Stop()
		}
	}
	specs := &docSpecs{reader: rd}
	if known != nil {
		specs.files = slices.Clone(known.specs)
	}
	docCtx = ruleeval.WithWhere(ruleeval.WithDescriptions(docCtx, specs), docWhere{doc})
	if local {
		read := false
		if r.early != nil && valid {
			var final bool
			raw, reads, final, err = r.opts.Engine.EvalEarly(docCtx, doc.Value, valid, &ruleeval.Early{Entries: r.early, Named: usesOf(doc)})
			read = !final
		} else {
			raw, read, err = r.opts.Engine.EvalLocal(docCtx, doc.Value, valid)
		}
		if read {
			cancel()
			if err != nil {
				return nil, docResult{}, errNeedsIndex
			}
			kept := make([]ruleeval.Result, 0, len(raw))
			for _, f := range raw {
				if !r.opts.Engine.ReadsInventory(f.Rule) {
					f.Path = r.paths.intern(f.Path) // held until the second pass
					kept = append(kept, f)
				}
			}
			return nil, docResult{local: &localResult{findings: kept, specs: specs.read()}}, errNeedsIndex
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
		return nil, docResult{}, &DocTimeoutError{File: doc.File, Doc: doc.Index + 1, Limit: limit}
	}
	if err != nil {
		return nil, docResult{}, fmt.Errorf("%s: %w", docWhere{doc}, err)
	}
	return raw, docResult{reads: reads, specs: specs.read(), early: local && reads != nil}, nil
}

// locate makes each raw result a finding at the region of the document its
// path names (docFinding).
func (r *runner) locate(doc *inventory.Document, raw []ruleeval.Result) []Finding {
	if len(raw) == 0 {
		return nil
	}
	found := make([]Finding, 0, len(raw))
	di := docInfo(doc)
	for _, f := range raw {
		found = append(found, r.docFinding(doc, di, f.Rule, f.Message, f.Path))
	}
	return found
}

// enabled reports whether rule id reports findings in this run.
func (r *runner) enabled(id string) bool {
	return id == rules.SchemaInvalid || (r.opts.Engine != nil && r.opts.Enabled[id])
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
		case !r.enabled(id), id == rules.SchemaInvalid, id == rules.SecretsNoInline,
			strings.HasPrefix(id, "waiver/"), strings.HasPrefix(id, "baseline/"), strings.HasPrefix(id, "gate/"), rules.IsChange(id):
		case slices.Contains(rules.DocumentKinds, kind) && !rule.AppliesTo(kind):
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

// validate returns the document's schema/invalid findings and
// whether it is valid (only then do the other rules evaluate it). Past
// MaxSchemaFindings, the first in file order are kept and one finding, at
// the next one's place and about the whole document, counts the rest.
func (r *runner) validate(doc *inventory.Document) ([]Finding, bool) {
	var out []Finding
	var di *DocInfo
	if len(doc.Problems) > 0 {
		di = docInfo(doc)
	}
	for _, p := range doc.Problems {
		f := r.docFinding(doc, di, rules.SchemaInvalid, p.Message, p.Path)
		f.SetRegion(inventory.Region{Start: p.Pos, End: p.End}) // the loader knows the exact node
		out = append(out, f)
	}
	for _, e := range r.validator.ValidateDocument(doc) {
		if di == nil {
			di = docInfo(doc)
		}
		out = append(out, r.docFinding(doc, di, rules.SchemaInvalid, e.Message, e.Path))
	}
	if len(out) <= MaxSchemaFindings {
		return out, len(out) == 0
	}
	Sort(out) // file order: the findings kept are the first printed
	next := out[MaxSchemaFindings]
	more := r.docFinding(doc, di, rules.SchemaInvalid, fmt.Sprintf(
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
