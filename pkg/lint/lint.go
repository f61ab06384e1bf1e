package lint

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/ifacelint/ifacelint/pkg/baseline"
	"github.com/ifacelint/ifacelint/pkg/inventory"
	"github.com/ifacelint/ifacelint/pkg/policy"
	"github.com/ifacelint/ifacelint/pkg/schema"
)

// DefaultHoldFiles is how many files a run keeps in memory between its
// index pass and its evaluation pass (Options.HoldFiles).
const DefaultHoldFiles = 256

// afterIndexPass, when set (by tests), runs between the two passes.
var afterIndexPass func()

// deferAll, when set (by tests), evaluates every document in the second
// pass, with the complete index: the one-pass result the two passes must
// equal.
var deferAll bool

// fileResult is what the index pass keeps of a reported file.
type fileResult struct {
	problems []Finding   // file-level
	docs     [][]Finding // per document; nil for those deferred
	deferred []int       // documents to evaluate with the complete index
	file     *inventory.File
	digest   [32]byte // of the file, when it must be read again
}

// empty reports whether the file has no finding and nothing deferred.
func (fr *fileResult) empty() bool {
	if len(fr.problems) > 0 || len(fr.deferred) > 0 {
		return false
	}
	for _, fs := range fr.docs {
		if len(fs) > 0 {
			return false
		}
	}
	return true
}

// Run lints the inventory: every reported document is validated against
// the schema and, when opts.Engine is set, evaluated by the rules with the
// whole inventory as context. Policy errors and time-outs end the run with
// an error: it fails closed.
//
// Memory stays bounded (SPEC section 3) and each file is parsed once,
// mostly. The first pass reads, parses, indexes and evaluates every file in
// walk order, a chunk at a time, and lets its documents go; a document whose
// evaluation read data.ifacelint.inventory (policy.Engine.EvalLocal) is
// deferred. Once the index is complete, the second pass evaluates the
// deferred documents, reading their files again unless they were kept (at
// most opts.HoldFiles are). A file that changed between the two reads ends
// the run with an error.
func Run(ctx context.Context, opts Options) (*Result, error) {
	validator, err := schema.Default()
	if err != nil {
		return nil, err
	}
	srcs, err := sources(opts)
	if err != nil {
		return nil, err
	}
	r := &runner{opts: opts, validator: validator}
	res := &Result{}
	results, err := r.indexPass(ctx, srcs, res)
	if err != nil {
		return nil, err
	}
	if afterIndexPass != nil {
		afterIndexPass()
	}
	if err := r.deferredPass(ctx, srcs, results); err != nil {
		return nil, err
	}
	for _, fr := range results {
		if fr == nil {
			continue
		}
		res.Findings = append(res.Findings, fr.problems...)
		for _, fs := range fr.docs {
			res.Findings = append(res.Findings, fs...)
		}
	}
	Sort(res.Findings)
	res.Waivers = r.waivers
	slices.SortFunc(res.Waivers, func(a, b WaiverStatus) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Index, b.Index))
	})
	if opts.Baseline != nil {
		reported := map[string]bool{}
		for _, src := range srcs {
			if src.report {
				reported[src.path] = true
			}
		}
		res.StaleBaseline = applyBaseline(opts.Baseline, res.Findings, func(f string) bool { return reported[f] })
	}
	return res, nil
}

// indexPass reads every file once, in walk order: it builds the index
// (handing it to the engine at the end), counts what is reported, finds
// duplicate ids, and evaluates the reported files as far as it can
// (firstPass). It returns what it keeps of each reported file; nil for a
// file with nothing left to report or evaluate.
func (r *runner) indexPass(ctx context.Context, srcs []source, res *Result) ([]*fileResult, error) {
	opts := r.opts
	lopts := loadOptions(opts, r.validator)
	light := lopts // for files that are context only
	if opts.Collect == nil {
		light.PositionDepth = 2 // metadata.id, for inventory/unique-id
	}
	hold := opts.HoldFiles
	if hold == 0 {
		hold = DefaultHoldFiles
	}
	total := 0
	results := make([]*fileResult, len(srcs))
	index := newIndex(opts.Engine != nil && opts.Engine.ReadsInterfaces())
	entries := make([][][]byte, len(srcs)) // index entries, encoded concurrently

	load := func(ctx context.Context, i int) (*inventory.File, error) {
		o := light
		if srcs[i].report {
			o = lopts
		}
		f, err := inventory.LoadFileContext(ctx, srcs[i].path, o)
		if err != nil {
			return nil, err
		}
		entries[i] = make([][]byte, len(f.Docs))
		for d, doc := range f.Docs {
			entries[i][d] = entryOf(doc, index.withInterfaces)
		}
		return f, nil
	}
	evaluate := func(ctx context.Context, i int, f *inventory.File) error {
		if !srcs[i].report {
			return nil
		}
		fr, err := r.firstPass(ctx, f)
		results[i] = fr
		return err
	}
	add := func(i int, f *inventory.File) {
		total += len(f.Docs) + len(f.Problems)
		for d, doc := range f.Docs {
			if opts.Collect != nil {
				opts.Collect(doc, srcs[i].report)
			}
			first := index.add(doc, entries[i][d])
			if srcs[i].report && first != nil && r.enabled(policy.UniqueID) {
				res.Findings = append(res.Findings, r.docFinding(doc, policy.UniqueID,
					fmt.Sprintf("%s id %q is already used by the document at %s:%d:%d", doc.Kind, doc.ID, first.file, first.start.Line, first.start.Column),
					inventory.Path{"metadata", "id"}))
			}
		}
		entries[i] = nil
		fr := results[i]
		if fr == nil {
			return
		}
		res.Files++
		res.Documents += len(f.Docs)
		switch {
		case fr.empty():
			results[i] = nil // most files: nothing to keep
		case len(fr.deferred) == 0:
		case hold > 0:
			fr.file = f
			hold--
		default:
			fr.digest = f.Digest
		}
	}
	if err := eachFile(ctx, srcs, load, opts.Workers, evaluate, add); err != nil {
		return nil, err
	}
	if total == 0 {
		return nil, ErrNoDocuments
	}
	if opts.Engine != nil {
		opts.Engine.SetCompactInventory(index.compact())
	}
	return results, nil
}

// deferredPass evaluates the deferred documents with the complete index,
// from their file kept in memory or read again, unchanged.
func (r *runner) deferredPass(ctx context.Context, srcs []source, results []*fileResult) error {
	lopts := loadOptions(r.opts, r.validator)
	return forEach(ctx, len(srcs), r.opts.Workers, func(ctx context.Context, i int) error {
		fr := results[i]
		if fr == nil || len(fr.deferred) == 0 {
			return nil
		}
		f := fr.file
		fr.file = nil
		if f == nil {
			var err error
			if f, err = inventory.LoadFileContext(ctx, srcs[i].path, lopts); err != nil {
				return err
			}
			if f.Digest != fr.digest {
				return fmt.Errorf("%s: the file changed while it was being linted; run again", srcs[i].path)
			}
		}
		for _, d := range fr.deferred {
			fs, err := r.evaluate(ctx, f.Docs[d], false)
			if err != nil {
				return err
			}
			fr.docs[d] = fs
		}
		return nil
	})
}

// firstPass evaluates a reported file's documents as far as they can be
// without the complete index.
func (r *runner) firstPass(ctx context.Context, f *inventory.File) (*fileResult, error) {
	fr := &fileResult{problems: r.fileFindings(f), docs: make([][]Finding, len(f.Docs))}
	for d, doc := range f.Docs {
		if deferAll && r.opts.Engine != nil {
			fr.deferred = append(fr.deferred, d)
			continue
		}
		fs, err := r.evaluate(ctx, doc, true)
		if errors.Is(err, errNeedsIndex) {
			fr.deferred = append(fr.deferred, d)
			continue
		}
		if err != nil {
			return nil, err
		}
		fr.docs[d] = fs
	}
	return fr, nil
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
	srcs, err := sources(opts)
	if err != nil {
		return nil, err
	}
	index := newIndex(true)
	lopts := loadOptions(opts, validator)
	lopts.PositionDepth = 1
	err = eachFile(ctx, srcs, func(ctx context.Context, i int) (*inventory.File, error) {
		return inventory.LoadFileContext(ctx, srcs[i].path, lopts)
	}, opts.Workers, nil, func(_ int, f *inventory.File) {
		for _, doc := range f.Docs {
			index.add(doc, nil)
		}
	})
	if err != nil {
		return nil, err
	}
	return index.data(), nil
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

// enabled reports whether rule id reports findings in this run.
func (r *runner) enabled(id string) bool {
	return id == policy.SchemaInvalid || (r.opts.Engine != nil && r.opts.Enabled[id])
}

// errNeedsIndex: the document's evaluation read the inventory before the
// index was complete; it is evaluated again in the second pass.
var errNeedsIndex = errors.New("needs the complete inventory index")

// evaluate produces every finding of one document. With local, the
// evaluation must not depend on the inventory: if it read the inventory,
// evaluate returns errNeedsIndex.
func (r *runner) evaluate(ctx context.Context, doc *inventory.Document, local bool) ([]Finding, error) {
	out, valid := r.schemaFindings(doc)
	if r.opts.Engine == nil {
		return out, nil
	}
	var (
		raw []policy.Finding
		err error
	)
	if local {
		var read bool
		raw, read, err = r.opts.Engine.EvalLocal(ctx, doc.Value, valid)
		if read {
			return nil, errNeedsIndex
		}
	} else {
		raw, err = r.opts.Engine.Eval(ctx, doc.Value, valid)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: document %d: %w", doc.File, doc.Index+1, err)
	}
	found := make([]Finding, 0, len(raw))
	for _, f := range raw {
		found = append(found, r.docFinding(doc, f.Rule, f.Message, f.Path))
	}
	var waivers []WaiverStatus
	if valid {
		found, waivers = r.applyWaivers(doc, found)
	} else {
		waivers = schemaInvalidWaivers(doc)
	}
	r.recordWaivers(waivers)
	for _, f := range found {
		if r.enabled(f.Rule) {
			out = append(out, f)
		}
	}
	return out, nil
}
