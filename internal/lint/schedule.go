package lint

import (
	"context"
	"errors"
	"fmt"

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
}

// empty reports whether the file has no finding and nothing deferred or
// pending.
func (fr *fileResult) empty() bool {
	if len(fr.problems) > 0 || len(fr.deferred) > 0 || len(fr.pending) > 0 {
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
	if err := eachFile(ctx, len(p.srcs), p.files.first, opts.Workers, p.index); err != nil {
		return nil, err
	}
	if p.total == 0 {
		return nil, ErrNoDocuments
	}
	p.r.index.markUsed()
	if opts.Engine != nil {
		opts.Engine.SetCompactInventory(p.r.index.compact())
	}
	if afterIndexPass != nil {
		afterIndexPass()
	}
	err := forEach(ctx, len(p.srcs), opts.Workers, func(ctx context.Context, i int) error {
		if fr := p.results[i]; fr != nil {
			return p.files.second(ctx, i, fr)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return p.results, nil
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
		if done != nil {
			done(d, dr)
		}
	}
	return fr, nil
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
