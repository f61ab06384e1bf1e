package lint

import (
	"context"
	"fmt"

	"github.com/ifacelint/ifacelint/pkg/inventory"
)

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
