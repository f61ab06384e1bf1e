package lint

import (
	"context"
	"fmt"

	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// deferredPass evaluates the deferred documents with the complete index,
// from their file kept in memory or read again, unchanged. A document whose
// findings came from the cache but depend on the inventory keeps them when
// what it read is unchanged, and is evaluated again otherwise. Entries are
// written to the cache once their documents are final.
func (r *runner) deferredPass(ctx context.Context, srcs []source, results []*fileResult) error {
	lopts := loadOptions(r.opts, r.validator)
	return forEach(ctx, len(srcs), r.opts.Workers, func(ctx context.Context, i int) error {
		fr := results[i]
		if fr == nil {
			return nil
		}
		for _, d := range fr.pending {
			doc := &fr.cached.Docs[d]
			if r.current(srcs[i].path, doc) {
				fr.docs[d] = doc.Findings
				r.recordWaivers(doc.Waivers)
			} else {
				fr.deferred = append(fr.deferred, d)
			}
		}
		fr.pending = nil
		defer func() { fr.local = nil }()
		if len(fr.deferred) == 0 {
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
			dr, err := r.evaluate(ctx, f.Docs[d], false, fr.local[d])
			if err != nil {
				return err
			}
			fr.docs[d] = dr.findings
			if cf := fr.cached; cf != nil {
				doc := &cf.Docs[d]
				doc.Findings, doc.Waivers, doc.Reads = dr.findings, dr.waivers, dr.reads
				if dr.reads != nil {
					doc.ReadDigest = r.index.readDigest(dr.reads)
				}
				if err := doc.setSpecs(r, srcs[i].path, dr.specs); err != nil {
					return err
				}
			}
		}
		if fr.cached != nil {
			r.cachePut(fr.key, fr.cached)
			fr.cached = nil
		}
		return nil
	})
}
