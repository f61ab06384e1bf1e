package lint

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/ifacelint/ifacelint/internal/ruleeval"
	"github.com/ifacelint/ifacelint/internal/rules"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// twoPass schedules a run's evaluation in two passes, and its output is
// every reported document's findings (fileResult, by source).
//
// The first pass hands each file to the file evaluator (fileEvaluator: the
// plain one, or the content cache around it), a chunk at a time and
// concurrently, and indexes what it returns in walk order (index): the
// cross-document index, duplicate ids, the counts, Collect. A document
// whose rules read the inventory before the index was complete is
// deferred. Once the index is complete and handed to the engine, the
// second pass completes the files with deferred (or, from the cache,
// pending) documents.
type twoPass struct {
	r       *runner
	srcs    []source
	files   fileEvaluator
	res     *Result
	results []*fileResult // by source; nil for a file with nothing left
	total   int           // documents and file-level problems loaded
	hold    int           // how many more files with deferred documents may be kept in memory
}

// fileResult is what the two passes keep of a reported file: each
// document's findings once final.
type fileResult struct {
	problems []Finding   // file-level
	docs     [][]Finding // per document; nil for those not final yet
	deferred []int       // documents to evaluate with the complete index
	// pending are the documents whose findings came from elsewhere (the
	// cache) and hold only if what they read of the inventory is
	// unchanged: the second pass settles them (fileEvaluator.second).
	pending []int
	file    *inventory.File // kept for the second pass (Options.HoldFiles)
	digest  [32]byte        // of the file, when it must be read again

	// local holds, for a deferred document whose first evaluation
	// succeeded, what the rules that cannot read the inventory found
	// (localResult): the second pass evaluates only the others.
	local map[int]*localResult
	// early are the documents whose first evaluation read only entries of
	// the early view (runner.early): their findings (in docs) are final,
	// and their waivers' statuses (earlyWaivers) recorded, once the
	// complete index is seen to hold those entries (settleEarly).
	early        []int
	earlyWaivers []WaiverStatus
}

// empty reports whether the file has no finding and nothing deferred or
// pending.
func (fr *fileResult) empty() bool {
	if len(fr.problems) > 0 || len(fr.deferred) > 0 || len(fr.pending) > 0 || len(fr.early) > 0 {
		return false
	}
	for _, fs := range fr.docs {
		if len(fs) > 0 {
			return false
		}
	}
	return true
}

// loaded is a file as the first pass hands it to the index: its documents'
// index data and, for a reported file, what its first evaluation found.
type loaded struct {
	heads []docHead // each document's index data, in file order
	count int       // documents and file-level problems
	// file is the file parsed, nil when the cache served it unparsed;
	// collect the file whose documents Collect sees (nil: none).
	file, collect *inventory.File
	result        *fileResult // a reported file's first-pass result
	// waivers are the statuses of the waivers of the documents whose
	// findings came from the cache, recorded in walk order.
	waivers []WaiverStatus
}

// docHead is what the index needs of a document.
type docHead struct {
	Kind, ID string
	Index    int
	Start    inventory.Pos    // the document's first key
	IDAt     inventory.Region // metadata.id, for inventory/unique-id
	Entry    []byte           // its index entry (entryOf)
	// Uses are the ids the document names as a supplier or a flow's end
	// (usesOf): the index marks each ThirdParty used or not.
	Uses []string
}

// headsOf is the index data of a parsed file's documents.
func (r *runner) headsOf(f *inventory.File) []docHead {
	heads := make([]docHead, len(f.Docs))
	for d, doc := range f.Docs {
		idAt, _ := doc.LocateRegion(inventory.Path{"metadata", "id"})
		heads[d] = docHead{Kind: doc.Kind, ID: doc.ID, Index: doc.Index, Start: doc.Start(), IDAt: idAt, Entry: entryOf(doc, r.index.withInterfaces), Uses: usesOf(doc)}
	}
	return heads
}

func newTwoPass(r *runner, srcs []source, res *Result) *twoPass {
	hold := r.opts.HoldFiles
	if hold == 0 {
		hold = DefaultHoldFiles
	}
	r.index.reserve(len(srcs)) // a file holds a document or more
	if res.Checked == nil {
		res.Checked = make([]DocumentRef, 0, len(srcs))
	}
	plain := newPlainFiles(r, srcs)
	var files fileEvaluator = plain
	if r.opts.Cache != nil {
		files = newCachedFiles(r, srcs, plain) // the cache wraps file evaluation
	}
	return &twoPass{r: r, srcs: srcs, files: files, res: res, results: make([]*fileResult, len(srcs)), hold: hold}
}

// run evaluates every reported document and returns the files' results,
// by source.
func (p *twoPass) run(ctx context.Context) ([]*fileResult, error) {
	opts := p.r.opts
	if p.r.early = p.earlyView(ctx); ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if err := eachFile(ctx, len(p.srcs), p.files.first, opts.Workers, p.index); err != nil {
		return nil, err
	}
	if p.total == 0 {
		return nil, ErrNoDocuments
	}
	held := p.r.early != nil && p.r.index.holds(p.r.early)
	if earlyChecked != nil {
		earlyChecked(p.r.early != nil, held)
	}
	p.r.early = nil
	p.r.index.markUsed()
	if opts.Engine != nil {
		opts.Engine.SetCompactInventory(p.r.index.compact())
	}
	if afterIndexPass != nil {
		afterIndexPass()
	}
	err := forEach(ctx, len(p.srcs), opts.Workers, func(ctx context.Context, i int) error {
		if fr := p.results[i]; fr != nil {
			p.r.settleEarly(fr, held)
			return p.files.second(ctx, i, fr)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return p.results, nil
}

// earlyView returns the entries of the early view (ruleeval.Early): every
// System and ThirdParty of the inventory, as the index will hold them (the
// ThirdParty entries before markUsed), so that the first pass evaluates as
// final the documents whose rules read only those, such as the flow rules
// on a flow between Systems, instead of evaluating them again in the
// second. It reads every file once more, cheaply: only a file that holds
// "System" or "ThirdParty" is parsed. nil, and no view, with the cache
// (whose warm runs do not read unchanged files at all), when no rule
// evaluated may read the inventory, or for a file read elsewhere (Reuse). The
// complete index is checked to hold exactly these entries (index.holds)
// before any result that rests on them is kept.
func (p *twoPass) earlyView(ctx context.Context) ruleeval.Inventory {
	r := p.r
	if r.opts.Engine == nil || r.opts.Cache != nil || deferAll || !r.readsInventory() {
		return nil
	}
	type entry struct {
		kind, id string
		entry    []byte
	}
	found := make([][]entry, len(p.srcs))
	plain := newPlainFiles(r, p.srcs)
	err := forEach(ctx, len(p.srcs), r.opts.Workers, func(ctx context.Context, i int) error {
		src := p.srcs[i]
		if src.elsewhere {
			return errNoEarlyView
		}
		o := plain.options(i)
		data, bad := inventory.Read(src.path, o)
		if bad != nil {
			return nil // indexed by no pass: unreadable (should it become readable, the check sees it)
		}
		if !bytes.Contains(data, []byte("System")) && !bytes.Contains(data, []byte("ThirdParty")) {
			return nil
		}
		f, err := inventory.ParseBytes(ctx, src.path, data, [32]byte{}, o)
		if err != nil {
			return err
		}
		for _, doc := range f.Docs {
			if (doc.Kind == "System" || doc.Kind == "ThirdParty") && indexed(doc) {
				found[i] = append(found[i], entry{doc.Kind, doc.ID, entryOf(doc, false)})
			}
		}
		return nil
	})
	if err != nil {
		return nil
	}
	view := ruleeval.Inventory{"System": {}, "ThirdParty": {}}
	for _, es := range found {
		for _, e := range es {
			if _, dup := view[e.kind][e.id]; !dup { // the first in walk order, as the index keeps
				view[e.kind][e.id] = e.entry
			}
		}
	}
	return view
}

// errNoEarlyView stops building the early view.
var errNoEarlyView = errors.New("no early view")

// readsInventory reports whether a rule the run evaluates may read the
// inventory.
func (r *runner) readsInventory() bool {
	for _, rule := range r.opts.Catalogue.Rules {
		if r.opts.Engine.ReadsInventory(rule.ID) { // false for a rule not evaluated
			return true
		}
	}
	return false
}

// index takes a loaded file in walk order, on one goroutine: its documents
// go to Collect and into the index (a duplicate id is reported), the
// counts grow, and what the first pass found of a reported file is kept
// when there is any.
func (p *twoPass) index(i int, l *loaded) {
	opts, src := p.r.opts, p.srcs[i]
	if opts.Progress != nil {
		opts.Progress(i+1, len(p.srcs))
	}
	if opts.Collect != nil && l.collect != nil {
		for _, doc := range l.collect.Docs {
			opts.Collect(doc, src.report)
		}
	}
	p.total += l.count
	for _, h := range l.heads {
		p.unique(src.report, src.path, h)
	}
	if !src.report {
		return
	}
	p.res.Files++
	p.res.Documents += len(l.heads)
	for _, h := range l.heads {
		p.res.Checked = append(p.res.Checked, DocumentRef{File: src.path, Index: h.Index, Kind: h.Kind, ID: h.ID})
	}
	p.r.recordWaivers(l.waivers)
	fr := l.result
	switch {
	case fr == nil || fr.empty():
		return // most files: nothing to keep
	case len(fr.deferred) == 0:
		if len(fr.early) > 0 && l.file != nil {
			fr.digest = l.file.Digest // read again only if the early view proves wrong
		}
	case p.hold > 0:
		fr.file = l.file
		p.hold--
	default:
		fr.digest = l.file.Digest
	}
	p.results[i] = fr
}

// unique records a document in the index and reports a duplicate id.
func (p *twoPass) unique(report bool, file string, h docHead) {
	p.r.index.use(h.Uses)
	first := p.r.index.addEntry(h.Kind, h.ID, file, h.Start, h.Entry)
	if report && first != nil && p.r.enabled(rules.UniqueID) {
		f := p.r.newFinding(rules.UniqueID,
			fmt.Sprintf("%s id %q is already used by the document at %s:%d:%d", h.Kind, h.ID, first.file, first.start.Line, first.start.Column),
			&DocInfo{File: file, Kind: h.Kind, ID: h.ID, DocIndex: h.Index}, h.IDAt)
		f.Path = inventory.Path{"metadata", "id"}
		p.res.Findings = append(p.res.Findings, f)
	}
}

// docDone is told each document's result once it is final (the cache
// records it); nil when nobody listens.
type docDone func(d int, dr docResult)

// firstPass evaluates a reported file's documents as far as they can be
// without the complete index, and defers the others.
func (r *runner) firstPass(ctx context.Context, f *inventory.File, done docDone) (*fileResult, error) {
	fr := &fileResult{problems: r.fileFindings(f), docs: make([][]Finding, len(f.Docs))}
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
		if dr.early { // a run with the cache (done) has no early view
			fr.early = append(fr.early, d)
			fr.earlyWaivers = append(fr.earlyWaivers, dr.waivers...)
			continue
		}
		if done != nil {
			done(d, dr)
		}
	}
	return fr, nil
}

// settleEarly makes final the results of a file's documents evaluated
// with the early view when held says that the complete index holds what
// the view answered (their waivers are recorded now, once); otherwise
// those documents are evaluated again, with the complete index, as the
// deferred ones are.
func (r *runner) settleEarly(fr *fileResult, held bool) {
	if len(fr.early) == 0 {
		return
	}
	if held {
		r.recordWaivers(fr.earlyWaivers)
	} else {
		for _, d := range fr.early {
			fr.docs[d] = nil
		}
		fr.deferred = append(fr.deferred, fr.early...)
		slices.Sort(fr.deferred)
	}
	fr.early, fr.earlyWaivers = nil, nil
}

// secondPass evaluates a file's deferred documents with the complete
// index.
func (r *runner) secondPass(ctx context.Context, f *inventory.File, fr *fileResult, done docDone) error {
	for _, d := range fr.deferred {
		dr, err := r.evaluate(ctx, f.Docs[d], false, fr.local[d])
		if err != nil {
			return err
		}
		fr.docs[d] = dr.findings
		if done != nil {
			done(d, dr)
		}
	}
	return nil
}
