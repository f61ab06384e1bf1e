package cache

import (
	"io/fs"
	"runtime/debug"

	"github.com/ifacelint/ifacelint/internal/safefile"
)

// openFile returns the content of a regular file of at most limit bytes,
// without following a symbolic link: when mapped is set, mapped read-only
// where the platform can (mapFile), else read whole. release, when not nil, unmaps it;
// the content must not be used after.
//
// A mapping faults (SIGBUS) where the file is truncated under it. No run
// of ifacelint ever changes a pack in place: packs are written to a
// temporary file and renamed into place whole, and only removed (by
// compaction and pruning), which leaves a mapping of them whole until it
// is released. Something else that truncates a pack is caught (guard)
// wherever the mapping is read: while the pack is checked, and while an
// entry is looked up and its payload copied out and checked (pack.get):
// a miss, not a crash. No slice of a mapping leaves the package.
func openFile(p string, limit int64, mapped bool) (data []byte, release func(), err error) {
	f, info, err := safefile.Open(p)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	if info.Size() > limit {
		return nil, nil, fs.ErrInvalid
	}
	if mapped {
		if data, release, ok := mapFile(f, info.Size()); ok {
			return data, release, nil
		}
	}
	data = make([]byte, info.Size())
	if n, _ := f.ReadAt(data, 0); n != len(data) {
		return nil, nil, fs.ErrInvalid // shorter than it said: being replaced
	}
	return data, nil, nil
}

// guard returns what fn returns, or false when fn faulted reading a
// mapped file (truncated under the mapping: openFile).
func guard(fn func() bool) (ok bool) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if _, fault := r.(interface{ Addr() uintptr }); !fault {
				panic(r)
			}
			ok = false
		}
	}()
	return fn()
}
