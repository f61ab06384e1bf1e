package lint

import (
	"context"
	"fmt"

	"github.com/ifacelint/ifacelint/pkg/baseline"
	"github.com/ifacelint/ifacelint/pkg/inventory"
	"github.com/ifacelint/ifacelint/pkg/policy"
	"github.com/ifacelint/ifacelint/pkg/schema"
)

// Run lints the inventory: every reported document is validated against
// the schema and, when opts.Engine is set, evaluated by the rules with the
// whole inventory as context. Policy errors and time-outs end the run with
// an error: it fails closed.
func Run(ctx context.Context, opts Options) (*Result, error) {
	validator, err := schema.Default()
	if err != nil {
		return nil, err
	}
	files, err := load(ctx, opts, validator)
	if err != nil {
		return nil, err
	}
	r := &runner{opts: opts, validator: validator}

	// First, cheap pass over every document: the cross-document index.
	total := 0
	var docs []*inventory.Document // reported documents, in order
	index := newIndex()
	res := &Result{}
	for _, lf := range files {
		total += len(lf.file.Docs) + len(lf.file.Problems)
		for _, doc := range lf.file.Docs {
			if opts.Collect != nil {
				opts.Collect(doc, lf.report)
			}
			first := index.add(doc)
			if lf.report && first != nil && r.enabled(policy.UniqueID) {
				res.Findings = append(res.Findings, r.docFinding(doc, policy.UniqueID,
					fmt.Sprintf("%s id %q is already used by the document at %s:%d:%d", doc.Kind, doc.ID, first.File, first.Start().Line, first.Start().Column),
					inventory.Path{"metadata", "id"}))
			}
		}
		if lf.report {
			res.Files++
			res.Documents += len(lf.file.Docs)
			res.Findings = append(res.Findings, r.fileFindings(lf.file)...)
			docs = append(docs, lf.file.Docs...)
		}
	}
	if total == 0 {
		return nil, ErrNoDocuments
	}
	if opts.Engine != nil {
		if err := opts.Engine.SetInventory(ctx, index.data()); err != nil {
			return nil, fmt.Errorf("load inventory into the policy engine: %w", err)
		}
	}

	// Second pass: evaluate the reported documents concurrently.
	perDoc := make([][]Finding, len(docs))
	err = forEach(ctx, len(docs), opts.Workers, func(ctx context.Context, i int) error {
		fs, err := r.evaluate(ctx, docs[i])
		perDoc[i] = fs
		return err
	})
	if err != nil {
		return nil, err
	}
	for _, fs := range perDoc {
		res.Findings = append(res.Findings, fs...)
	}
	Sort(res.Findings)
	if opts.Baseline != nil {
		reported := map[string]bool{}
		for _, lf := range files {
			if lf.report {
				reported[lf.file.Path] = true
			}
		}
		res.StaleBaseline = applyBaseline(opts.Baseline, res.Findings, func(f string) bool { return reported[f] })
	}
	return res, nil
}

// applyBaseline marks the findings the baseline accepts, in sorted order,
// and returns the number of stale entries. Waived findings are not matched:
// a baseline holds only unwaived findings.
func applyBaseline(b *baseline.File, findings []Finding, inScope func(string) bool) int {
	m := b.NewMatcher()
	for i := range findings {
		if f := &findings[i]; !f.Waived && m.Match(BaselineKey(f)) {
			f.Baselined = true
		}
	}
	return m.Stale(inScope)
}

// BaselineKey is what a baseline records of a finding.
func BaselineKey(f *Finding) baseline.Finding {
	return baseline.Finding{Rule: f.Rule, Kind: f.Kind, ID: f.ID, Path: f.Path.String(), File: f.File, FileLevel: f.FileLevel}
}

// NewBaseline builds a baseline of every unwaived finding.
func NewBaseline(findings []Finding) *baseline.File {
	keys := make([]baseline.Finding, 0, len(findings))
	for i := range findings {
		if !findings[i].Waived {
			keys = append(keys, BaselineKey(&findings[i]))
		}
	}
	return baseline.Build(keys)
}

// InventoryData loads the inventory and returns data.ifacelint.inventory,
// the compact cross-document index policies see (for `ifacelint test`).
func InventoryData(ctx context.Context, opts Options) (map[string]any, error) {
	validator, err := schema.Default()
	if err != nil {
		return nil, err
	}
	opts.Targets = nil
	files, err := load(ctx, opts, validator)
	if err != nil {
		return nil, err
	}
	index := newIndex()
	for _, lf := range files {
		for _, doc := range lf.file.Docs {
			index.add(doc)
		}
	}
	return index.data(), nil
}

// enabled reports whether rule id reports findings in this run.
func (r *runner) enabled(id string) bool {
	return id == policy.SchemaInvalid || (r.opts.Engine != nil && r.opts.Enabled[id])
}

// evaluate produces every finding of one document.
func (r *runner) evaluate(ctx context.Context, doc *inventory.Document) ([]Finding, error) {
	out, valid := r.schemaFindings(doc)
	if r.opts.Engine == nil {
		return out, nil
	}
	raw, err := r.opts.Engine.Eval(ctx, doc.Value, valid)
	if err != nil {
		return nil, fmt.Errorf("%s: document %d: %w", doc.File, doc.Index+1, err)
	}
	found := make([]Finding, 0, len(raw))
	for _, f := range raw {
		found = append(found, r.docFinding(doc, f.Rule, f.Message, f.Path))
	}
	if valid {
		found = r.applyWaivers(doc, found)
	}
	for _, f := range found {
		if r.enabled(f.Rule) {
			out = append(out, f)
		}
	}
	return out, nil
}
