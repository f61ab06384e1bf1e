package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// source is one inventory file of the run and whether it is reported on
// (the others are cross-document context).
type source struct {
	path   string
	report bool
	// elsewhere: the file is one of Options.Reuse's Paths, read (when it
	// is read at all) below Reuse.Dir.
	elsewhere bool
}

// Walk is a walk of the inventory started before Run (StartWalk), so that
// it overlaps loading and compiling the policies.
type Walk struct {
	done     chan struct{}
	srcs     []source
	excluded int
	err      error
	mu       sync.Mutex
	notices  []string
}

// StartWalk begins walking opts.Inventory and opts.Targets with opts.Walk
// in the background. Run waits for it when given it (Options.Walked) and
// passes on its notices then, in their order, so that they come where a
// walk of its own would have printed them. The Run must have the same
// Inventory, Targets and Walk.
func StartWalk(opts Options) *Walk {
	w := &Walk{done: make(chan struct{})}
	notice := opts.Walk.Notice
	if notice != nil {
		opts.Walk.Notice = func(s string) {
			w.mu.Lock()
			defer w.mu.Unlock()
			w.notices = append(w.notices, s)
		}
	}
	go func() {
		defer close(w.done)
		w.srcs, w.excluded, w.err = walkSources(opts)
	}()
	return w
}

// wait returns the walk's result once it is done, after handing its
// notices to notice.
func (w *Walk) wait(notice func(string)) ([]source, int, error) {
	<-w.done
	w.mu.Lock()
	defer w.mu.Unlock()
	if notice != nil {
		for _, s := range w.notices {
			notice(s)
		}
	}
	return w.srcs, w.excluded, w.err
}

// sources walks the inventory and the targets; the result keeps the walk's
// order.
func sources(opts Options) ([]source, error) {
	srcs, _, err := walkSources(opts)
	return srcs, err
}

// walkSources is sources, and the number of files the exclude globs left
// out of the inventory.
func walkSources(opts Options) ([]source, int, error) {
	excluded := 0
	opts.Walk.Skipped = func(string) { excluded++ }
	roots, elsewhere := opts.Inventory, map[string]bool(nil)
	var elsewhereList []string
	if opts.Reuse != nil {
		roots, elsewhere, elsewhereList = opts.Reuse.roots(roots)
	}
	paths, err := inventory.Walk(roots, opts.Walk)
	if err != nil {
		return nil, 0, err
	}
	if elsewhere != nil {
		paths = mergeElsewhere(paths, elsewhere, elsewhereList)
	}
	report := map[string]bool{}
	absPath := absPaths()
	if len(opts.Targets) > 0 {
		inInventory := make(map[string]bool, len(paths))
		for _, p := range paths {
			inInventory[absPath(p)] = true
		}
		quiet := opts.Walk
		quiet.Exclude = nil // an excluded target gets its own notice below
		quiet.Skipped = nil
		targets, err := inventory.Walk(opts.Targets, quiet)
		if err != nil {
			return nil, 0, err
		}
		for _, t := range targets {
			switch {
			case opts.Walk.Excluded(t):
				notice(opts.Walk, "%s: skipped: matches an exclude pattern", t)
			case !inInventory[absPath(t)]:
				notice(opts.Walk, "%s: skipped: outside the inventory roots", t)
			default:
				report[absPath(t)] = true
			}
		}
	}
	out := make([]source, len(paths))
	for i, p := range paths {
		out[i] = source{path: p, report: len(opts.Targets) == 0 || report[absPath(p)], elsewhere: elsewhere[p]}
	}
	return out, excluded, nil
}

func notice(w inventory.WalkOptions, format string, args ...any) {
	if w.Notice != nil {
		w.Notice(fmt.Sprintf(format, args...))
	}
}

// absPaths returns filepath.Abs without its error, the working directory
// looked up once rather than for every path (two stat calls each).
func absPaths() func(string) string {
	wd, err := os.Getwd()
	return func(p string) string {
		switch {
		case filepath.IsAbs(p):
			return filepath.Clean(p)
		case err == nil && runtime.GOOS != "windows": // Windows: drive-relative paths
			return filepath.Join(wd, p)
		}
		if a, err := filepath.Abs(p); err == nil {
			return a
		}
		return filepath.Clean(p)
	}
}
