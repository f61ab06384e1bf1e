package lint

import (
	"context"

	"github.com/ifacelint/ifacelint/pkg/inventory"
	"github.com/ifacelint/ifacelint/pkg/schema"
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
