// Package cache is ifacelint's on-disk content cache: payloads addressed
// by a SHA-256 key, kept in packs, and a manifest of the files a run read.
// It is never wrong and never fatal: a pack or manifest that is missing,
// truncated, corrupt, of another format or being written by another run
// reads as a miss, and a write that fails is dropped. Writes are atomic (a
// temporary file renamed into place), so two runs at once only ever see
// whole files. The directory is bounded in size: Close prunes the least
// recently used packs past the bound.
//
// A Space is the part of the cache one kind of run uses (internal/lint: the
// binary, the policies, the config and the date): its packs, each holding
// the payloads one run wrote with an index by key, and its manifests, each
// mapping the files one working directory's runs read to their metadata
// and content digest, so that an unchanged file is not even read. What a
// key covers is the caller's business.
package cache

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Key addresses an entry.
type Key [32]byte

// NoManifest, as Store.Space's working directory, asks for a space
// without a manifest of files.
var NoManifest Key

// DefaultMaxBytes bounds a cache directory's packs unless told otherwise.
const DefaultMaxBytes = 512 << 20

// MaxEntry is the largest entry read or written; larger ones are not
// cached.
const MaxEntry = 16 << 20

// formatDir holds this format's packs and manifests, so that another
// format's never meet them.
const formatDir = "v2"

// Store is one cache directory.
type Store struct {
	dir      string // formatDir inside the directory given
	maxBytes int64
	// Clock, when set, is the time a run starts: whether a file changed
	// too recently to be trusted by its metadata (Racy) is measured from
	// it. Tests set it to step over Racy without sleeping; nil is
	// time.Now.
	Clock func() time.Time

	mu     sync.Mutex
	spaces map[[2]Key]*Space

	wrote    atomic.Int64 // bytes of packs written by this run
	hits     atomic.Int64
	misses   atomic.Int64
	failures atomic.Int64
	known    atomic.Int64 // digests the manifest gave
}

// Open returns the cache in dir, creating it (mode 0700) if needed;
// maxBytes ≤ 0 means DefaultMaxBytes. The directory is the user's (a flag
// or the environment, never the repository's config); its files are read
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
	return &Store{dir: d, maxBytes: maxBytes, spaces: map[[2]Key]*Space{}}, nil
}

// Dir is the directory the packs are in.
func (s *Store) Dir() string { return s.dir }

// Stats are what a run did with the cache.
type Stats struct {
	Hits, Misses, Failures int64
	Wrote                  int64 // bytes of packs
	// Known counts the files whose digest the manifest gave, so that they
	// were not read.
	Known int64
}

// Stats returns the counts so far.
func (s *Store) Stats() Stats {
	return Stats{Hits: s.hits.Load(), Misses: s.misses.Load(), Failures: s.failures.Load(), Wrote: s.wrote.Load(), Known: s.known.Load()}
}

// Close ends the run: it writes what the run's spaces gathered (a pack of
// the entries put, the manifest when it changed), unmaps the packs read,
// and, when it wrote a pack, prunes the directory: while the packs take
// more than the bound, the least recently used go (down to 80% of the
// bound, so that pruning is not needed at every run). Temporary files of writes that did not finish are removed
// after an hour. A write that fails is dropped.
func (s *Store) Close() error {
	s.mu.Lock()
	spaces := s.spaces
	s.spaces = map[[2]Key]*Space{}
	s.mu.Unlock()
	order := slices.SortedFunc(maps.Keys(spaces), func(a, b [2]Key) int {
		return bytes.Compare(append(a[0][:], a[1][:]...), append(b[0][:], b[1][:]...))
	})
	shareWrites(spaces, order)
	for _, k := range order {
		spaces[k].flush()
		spaces[k].release()
	}
	if s.wrote.Load() == 0 {
		return nil
	}
	return s.prune()
}

// shareWrites makes the spaces of one run key seen from several working
// directories (lint --base: the work tree's, and the base's without a
// manifest), which share their packs, write one pack together: the first
// in order takes the others' entries put (a later space's win, as its pack
// would have been the newer) and the entries they used, so that a
// compaction keeps what any of them used, not only what the one that
// writes did. It compacts only if every one of them noted what it used
// (Space.compacts).
func shareWrites(spaces map[[2]Key]*Space, order [][2]Key) {
	first := map[string]*Space{}
	for _, k := range order {
		sp := spaces[k]
		f, ok := first[sp.dir]
		if !ok {
			first[sp.dir] = sp
			continue
		}
		f.load()
		sp.load()
		sp.mu.Lock()
		put, used, compacts := sp.put, sp.used, sp.compacts
		sp.put, sp.putSize, sp.used = map[Key][]byte{}, 0, map[Key]bool{}
		sp.mu.Unlock()
		f.mu.Lock()
		maps.Copy(f.put, put)
		maps.Copy(f.used, used)
		f.compacts = f.compacts && compacts
		f.mu.Unlock()
	}
}

type packFile struct {
	path  string
	space string
	size  int64
	used  time.Time
}

func (s *Store) prune() error {
	var packs []packFile
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
		name := d.Name()
		switch {
		case strings.HasPrefix(name, ".tmp-"):
			if info.ModTime().Before(stale) {
				_ = os.Remove(p)
			}
		case strings.HasSuffix(name, packExt):
			packs = append(packs, packFile{p, filepath.Dir(p), info.Size(), info.ModTime()})
			total += info.Size()
		default:
			total += info.Size() // manifests count, and go with their space
		}
		return nil
	})
	if err != nil || total <= s.maxBytes {
		return err
	}
	slices.SortFunc(packs, func(a, b packFile) int { return a.used.Compare(b.used) })
	goal := s.maxBytes / 10 * 8
	emptied := map[string]bool{}
	for _, pk := range packs {
		if total <= goal {
			break
		}
		if os.Remove(pk.path) == nil {
			total -= pk.size
			emptied[pk.space] = true
		}
	}
	// A space left without packs goes, manifests and all: a manifest
	// alone serves nothing.
	for dir := range emptied {
		names, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		left := false
		for _, e := range names {
			if strings.HasSuffix(e.Name(), packExt) {
				left = true
			}
		}
		if !left {
			for _, e := range names {
				if strings.HasPrefix(e.Name(), manifestPrefix) {
					_ = os.Remove(filepath.Join(dir, e.Name()))
				}
			}
			_ = os.Remove(dir) // only if empty
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
