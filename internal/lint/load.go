package lint

import (
	"context"

	"github.com/ifacelint/ifacelint/internal/schema"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

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
// walk order, on one goroutine, while the next chunk loads, and the chunk's
// files are let go. index must not depend on what load or work do for
// other files. Loading runs under ctx: its error (ctx.Err()) ends the run,
// once the chunks loaded before are indexed.
func eachFile(ctx context.Context, srcs []source, load func(ctx context.Context, i int) (*inventory.File, error), workers int,
	work func(ctx context.Context, i int, f *inventory.File) error, index func(i int, f *inventory.File)) error {
	type chunk struct {
		start int
		files []*inventory.File
	}
	// Two chunks at most: one loading, one indexing.
	free := make(chan []*inventory.File, 2)
	free <- make([]*inventory.File, loadChunk)
	free <- make([]*inventory.File, loadChunk)
	loaded := make(chan chunk, 1)
	indexed := make(chan struct{})
	go func() {
		defer close(indexed)
		for c := range loaded {
			for i, f := range c.files {
				index(c.start+i, f)
				c.files[i] = nil
			}
			free <- c.files
		}
	}()
	var err error
	for start := 0; start < len(srcs) && err == nil; start += loadChunk {
		files := (<-free)[:min(loadChunk, len(srcs)-start)]
		err = forEach(ctx, len(files), workers, func(ctx context.Context, i int) error {
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
		if err == nil {
			loaded <- chunk{start, files}
		}
	}
	close(loaded)
	<-indexed
	return err
}
