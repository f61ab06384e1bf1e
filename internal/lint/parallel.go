package lint

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// forEach calls fn(ctx, i) for i in [0, n) on up to workers goroutines (0
// means GOMAXPROCS). The first error cancels the rest and is returned; a
// cancelled ctx stops handing out work and returns ctx.Err().
func forEach(ctx context.Context, n, workers int, fn func(context.Context, int) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg       sync.WaitGroup
		errOnce  sync.Once
		firstErr error
		next     atomic.Int64 // the next i to hand out: cheaper than a channel per item
	)
	for range min(workers, max(n, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if err := fn(ctx, i); err != nil {
					errOnce.Do(func() { firstErr = err; cancel() })
				}
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	return ctx.Err()
}
