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

// eachFile loads n files a chunk at a time: load runs concurrently for
// each file of a chunk; then index runs for each file, in walk order, on
// one goroutine, while the next chunk loads, and the chunk's files are let
// go. index must not depend on what load does for other files. Loading
// runs under ctx: its error (ctx.Err()) ends the run, once the chunks
// loaded before are indexed.
func eachFile[T any](ctx context.Context, n int, load func(ctx context.Context, i int) (T, error), workers int, index func(i int, f T)) error {
	type chunk struct {
		start int
		files []T
	}
	// Two chunks at most: one loading, one indexing.
	free := make(chan []T, 2)
	free <- make([]T, loadChunk)
	free <- make([]T, loadChunk)
	loaded := make(chan chunk, 1)
	indexed := make(chan struct{})
	go func() {
		defer close(indexed)
		var zero T
		for c := range loaded {
			for i, f := range c.files {
				index(c.start+i, f)
				c.files[i] = zero
			}
			free <- c.files
		}
	}()
	var err error
	for start := 0; start < n && err == nil; start += loadChunk {
		files := (<-free)[:min(loadChunk, n-start)]
		err = forEach(ctx, len(files), workers, func(ctx context.Context, i int) error {
			f, err := load(ctx, start+i)
			if err != nil {
				return err
			}
			files[i] = f
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
