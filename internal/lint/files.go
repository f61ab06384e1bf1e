package lint

import (
	"context"
	"fmt"

	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// fileEvaluator gives the two passes (twoPass) each file: plainFiles loads
// and evaluates every file; the content cache (cachedFiles, cache.go)
// wraps it, serving unchanged files from their entries.
type fileEvaluator interface {
	// first loads file i and, when it is reported on, evaluates its
	// documents as far as they can be without the complete index. It runs
	// concurrently for the files of a chunk.
	first(ctx context.Context, i int) (*loaded, error)
	// second completes a reported file once the index is complete: its
	// pending and deferred documents. It runs concurrently for the files.
	second(ctx context.Context, i int, fr *fileResult) error
}

// plainFiles loads and evaluates every file.
type plainFiles struct {
	r    *runner
	srcs []source
	// full are the loader's options for a reported file, light for one
	// read for context only.
	full, light inventory.Options
}

func newPlainFiles(r *runner, srcs []source) *plainFiles {
	full := loadOptions(r.opts, r.validator)
	light := full
	if r.opts.Collect == nil {
		light.PositionDepth = 2 // metadata.id, for inventory/unique-id
	}
	return &plainFiles{r: r, srcs: srcs, full: full, light: light}
}

// options are the loader's options for file i.
func (p *plainFiles) options(i int) inventory.Options {
	if p.srcs[i].report {
		return p.full
	}
	return p.light
}

func (p *plainFiles) first(ctx context.Context, i int) (*loaded, error) {
	f, err := p.load(ctx, i, p.options(i))
	if err != nil {
		return nil, err
	}
	return p.evaluate(ctx, i, f, p.r.headsOf(f), nil)
}

// evaluate is the first pass of a parsed file whose documents' index data
// are heads; done is told each document's final result.
func (p *plainFiles) evaluate(ctx context.Context, i int, f *inventory.File, heads []docHead, done docDone) (*loaded, error) {
	l := &loaded{heads: heads, count: len(f.Docs) + len(f.Problems), file: f, collect: f}
	if p.srcs[i].report {
		var err error
		if l.result, err = p.r.firstPass(ctx, f, done); err != nil {
			return nil, err
		}
	}
	return l, nil
}

func (p *plainFiles) second(ctx context.Context, i int, fr *fileResult) error {
	return p.evaluateDeferred(ctx, i, fr, nil)
}

// evaluateDeferred evaluates a file's deferred documents, from the file
// kept in memory or read again, unchanged; done is told each document's
// result.
func (p *plainFiles) evaluateDeferred(ctx context.Context, i int, fr *fileResult, done docDone) error {
	defer func() { fr.local = nil }()
	if len(fr.deferred) == 0 {
		return nil
	}
	f := fr.file
	fr.file = nil
	if f == nil {
		var err error
		if f, err = p.load(ctx, i, p.full); err != nil {
			return err
		}
		if f.Digest != fr.digest {
			return fmt.Errorf("%s: the file changed while it was being linted; run again", p.srcs[i].path)
		}
	}
	return p.r.secondPass(ctx, f, fr, done)
}

// load reads and parses file i: below Options.Reuse's Dir for a file of
// its Paths (reuse.go).
func (p *plainFiles) load(ctx context.Context, i int, o inventory.Options) (*inventory.File, error) {
	if src := p.srcs[i]; src.elsewhere {
		return p.r.loadElsewhere(ctx, src, o)
	}
	return inventory.LoadFileContext(ctx, p.srcs[i].path, o)
}
