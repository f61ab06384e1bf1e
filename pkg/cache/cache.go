// Package cache is ifacelint's on-disk content cache: entries addressed by a
// SHA-256 key, each a checksummed payload in its own file. It is never
// wrong and never fatal: an entry that is missing, truncated, corrupt, of
// another format or being written by another run reads as a miss, and a
// write that fails is dropped. Writes are atomic (a temporary file renamed
// into place), so two runs at once only ever see whole entries. The
// directory is bounded in size: Close prunes the least recently used
// entries past the bound.
//
// What a key covers is the caller's business (pkg/lint: the file's bytes
// and path, the binary, the policies, the config and the date).
package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ifacelint/ifacelint/pkg/safefile"
)

// Key addresses an entry.
type Key [32]byte

// DefaultMaxBytes bounds a cache directory's entries unless told otherwise.
const DefaultMaxBytes = 512 << 20

// MaxEntry is the largest entry read or written; larger ones are not
// cached.
const MaxEntry = 16 << 20

// magic starts every entry: the format, then the payload's SHA-256.
var magic = []byte("ifacelint-cache-1\n")

// formatDir holds this format's entries, so that another format's never
// meet them.
const formatDir = "v1"

// Store is one cache directory.
type Store struct {
	dir      string // formatDir inside the directory given
	maxBytes int64

	wrote    atomic.Int64 // bytes written by this run
	mkdirs   sync.Map     // fan-out directories known to exist
	hits     atomic.Int64
	misses   atomic.Int64
	failures atomic.Int64
}

// Open returns the cache in dir, creating it (mode 0700) if needed;
// maxBytes ≤ 0 means DefaultMaxBytes. The directory is the user's (a flag
// or the environment, never the repository's config); its entries are read
// without following symbolic links.
func Open(dir string, maxBytes int64) (*Store, error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	if dir == "" {
		return nil, errors.New("cache: no directory")
	}
	d := filepath.Join(dir, formatDir)
	if err := os.MkdirAll(d, 0o700); err != nil {
		return nil, fmt.Errorf("cache directory %s: %w", dir, unwrapPath(err))
	}
	if info, err := os.Lstat(d); err != nil || !info.IsDir() {
		return nil, fmt.Errorf("cache directory %s: %s is not a directory", dir, d)
	}
	return &Store{dir: d, maxBytes: maxBytes}, nil
}

// Dir is the directory the entries are in.
func (s *Store) Dir() string { return s.dir }

func (s *Store) path(k Key) (dir, file string) {
	h := hex.EncodeToString(k[:])
	dir = filepath.Join(s.dir, h[:2])
	return dir, filepath.Join(dir, h[2:])
}

// Get returns the payload stored under k, or false.
func (s *Store) Get(k Key) ([]byte, bool) {
	_, p := s.path(k)
	data, err := safefile.ReadFile(p, MaxEntry+int64(len(magic))+sha256.Size)
	if err != nil {
		s.misses.Add(1)
		return nil, false
	}
	payload, ok := open(data)
	if !ok {
		s.misses.Add(1)
		return nil, false
	}
	s.hits.Add(1)
	touch(p)
	return payload, true
}

// open checks an entry's header and checksum and returns its payload.
func open(data []byte) ([]byte, bool) {
	rest, ok := bytes.CutPrefix(data, magic)
	if !ok || len(rest) < sha256.Size {
		return nil, false
	}
	sum, payload := rest[:sha256.Size], rest[sha256.Size:]
	got := sha256.Sum256(payload)
	if !bytes.Equal(sum, got[:]) {
		return nil, false
	}
	return payload, true
}

// touch marks an entry as used for pruning, at most once an hour.
func touch(p string) {
	info, err := os.Lstat(p)
	if err != nil {
		return
	}
	if now := time.Now(); now.Sub(info.ModTime()) > time.Hour {
		_ = os.Chtimes(p, now, now)
	}
}

// Put stores payload under k. It never fails the run: a payload over
// MaxEntry, or a write that fails, leaves the entry missing.
func (s *Store) Put(k Key, payload []byte) {
	if len(payload) > MaxEntry {
		return
	}
	dir, p := s.path(k)
	if _, ok := s.mkdirs.Load(dir); !ok {
		if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
			s.failures.Add(1)
			return
		}
		s.mkdirs.Store(dir, true)
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		s.failures.Add(1)
		return
	}
	sum := sha256.Sum256(payload)
	var buf bytes.Buffer
	buf.Grow(len(magic) + len(sum) + len(payload))
	buf.Write(magic)
	buf.Write(sum[:])
	buf.Write(payload)
	_, werr := tmp.Write(buf.Bytes())
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), p) != nil {
		_ = os.Remove(tmp.Name())
		s.failures.Add(1)
		return
	}
	s.wrote.Add(int64(buf.Len()))
}

// Stats are what a run did with the cache.
type Stats struct {
	Hits, Misses, Failures int64
	Wrote                  int64 // bytes
}

// Stats returns the counts so far.
func (s *Store) Stats() Stats {
	return Stats{Hits: s.hits.Load(), Misses: s.misses.Load(), Failures: s.failures.Load(), Wrote: s.wrote.Load()}
}

// Close prunes the directory when this run wrote to it: while the entries
// take more than the bound, the least recently used go (down to 80% of the
// bound, so that pruning is not needed at every run). Temporary files of
// writes that did not finish are removed after an hour.
func (s *Store) Close() error {
	if s.wrote.Load() == 0 {
		return nil
	}
	return s.prune()
}

type entry struct {
	path string
	size int64
	used time.Time
}

func (s *Store) prune() error {
	var entries []entry
	var total int64
	stale := time.Now().Add(-time.Hour)
	err := filepath.WalkDir(s.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // a directory pruned by another run meanwhile
		}
		if d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil || !info.Mode().IsRegular() {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".tmp-") {
			if info.ModTime().Before(stale) {
				_ = os.Remove(p)
			}
			return nil
		}
		entries = append(entries, entry{p, info.Size(), info.ModTime()})
		total += info.Size()
		return nil
	})
	if err != nil || total <= s.maxBytes {
		return err
	}
	slices.SortFunc(entries, func(a, b entry) int { return a.used.Compare(b.used) })
	goal := s.maxBytes / 10 * 8
	for _, e := range entries {
		if total <= goal {
			break
		}
		if os.Remove(e.path) == nil {
			total -= e.size
		}
	}
	return nil
}

// unwrapPath drops the path an *fs.PathError repeats, for a message that
// already names it.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
