package app

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"

	"github.com/ifacelint/ifacelint/internal/cache"
	"github.com/ifacelint/ifacelint/internal/policy"
	"github.com/ifacelint/ifacelint/internal/textsafe"
	"github.com/ifacelint/ifacelint/internal/vcs"
)

// CacheEnv names the cache directory when --cache-dir does not; "off"
// turns the cache off, like --no-cache.
const CacheEnv = "IFACELINT_CACHE_DIR"

// attachCache opens the cache for a run. The cache is an optimisation: a
// directory that cannot be created leaves the run without one, silently,
// unless it was named with --cache-dir. A directory holding files the
// repository tracks (cache.Planted) is never used: the run goes on without
// a cache and says so on stderr.
// The cache is that of lint, validate, report and graph
// (docs/performance.md, "The content cache"): CacheDir, else $IFACELINT_CACHE_DIR, else the user's
// cache directory; NoCache turns it off.
func (s *Session) attachCache(ctx context.Context) error {
	oc := s.openCache(ctx)
	if oc.notice != "" {
		fmt.Fprint(s.stderr, oc.notice)
	}
	if oc.err != nil {
		return oc.err
	}
	if oc.store != nil {
		s.lint.Cache, s.lint.CacheKey = oc.store, binaryIdentity(s.req.Version)
	}
	return nil
}

// openedCache is what opening the cache gave: the store (nil: no cache),
// the notice to print and the error to return when the run attaches it.
type openedCache struct {
	store  *cache.Store
	notice string
	err    error
}

// openCache opens the cache once: loading the policies reads the built-in
// catalogue from it (cacheArtefacts) before the run attaches it.
func (s *Session) openCache(ctx context.Context) openedCache {
	if s.cache == nil {
		oc := s.doOpenCache(ctx)
		s.cache = &oc
	}
	return *s.cache
}

func (s *Session) doOpenCache(ctx context.Context) openedCache {
	dir := s.req.CacheDir
	if s.req.NoCache || (dir == "" && os.Getenv(CacheEnv) == "off") {
		return openedCache{}
	}
	named := dir != ""
	if dir == "" {
		dir = os.Getenv(CacheEnv)
	}
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return openedCache{}
		}
		dir = filepath.Join(base, "ifacelint")
	}
	if cache.Planted(ctx, dir) {
		return openedCache{notice: fmt.Sprintf("ifacelint: not using the cache in %s: the repository tracks files there, and a pull request could plant entries in it\n", textsafe.Terminal(dir))}
	}
	store, err := cache.Open(dir, 0)
	if err != nil {
		if named {
			return openedCache{err: fmt.Errorf("--cache-dir: %w", err)}
		}
		return openedCache{}
	}
	return openedCache{store: store}
}

// artefactsNS is the content cache's space of what loading the policies
// derives from the built-in modules (policy.Artefacts); the key of each
// entry says which binary and which modules it is of.
var artefactsNS = cache.Key(sha256.Sum256([]byte("ifacelint policy artefacts")))

// cacheArtefacts is the content cache as policy.Load's artefact store, for
// a run that will use the cache (prepare's stages); nil otherwise.
func (s *Session) cacheArtefacts(ctx context.Context) policy.Artefacts {
	if !s.useCache {
		return nil
	}
	oc := s.openCache(ctx)
	if oc.store == nil {
		return nil
	}
	return artefacts{oc.store.Space(artefactsNS, cache.NoManifest)}
}

// artefacts adapts a cache space to policy.Artefacts. Reads are not
// counted as the run's hits or misses, which are its files'.
type artefacts struct{ sp *cache.Space }

func (a artefacts) Get(k [32]byte) ([]byte, bool)  { return a.sp.Peek(cache.Key(k)) }
func (a artefacts) Put(k [32]byte, payload []byte) { a.sp.Put(cache.Key(k), payload) }

// binaryIdentity is what the cache keys on for the binary itself: its
// version, and the executable's path, size and modification time, so that
// a rebuilt development binary of the same version never reads the entries
// of the one before it.
func binaryIdentity(version string) []byte {
	id := version
	if exe, err := os.Executable(); err == nil {
		if info, err := os.Stat(exe); err == nil {
			id += fmt.Sprintf("\x00%s\x00%d\x00%d", exe, info.Size(), info.ModTime().UnixNano())
		}
	}
	return []byte(id)
}

// listingsNS is the content cache's space of the commits' listings that
// runs against a base revision read (vcs.Listings); each entry is keyed
// by its commit id alone: it proves itself against that id when read.
var listingsNS = cache.Key(sha256.Sum256([]byte("ifacelint base listings")))

// BaseListingEntry is where the content cache keeps the listing of a
// commit: its space and its key.
func BaseListingEntry(commit string) (space, key cache.Key) {
	return listingsNS, cache.Key(sha256.Sum256([]byte("ifacelint base listing\x00" + commit)))
}

// baseListings is the content cache as vcs.Listings, for a run that will
// use the cache; nil otherwise. Reads are not counted as the run's hits
// or misses.
func (s *Session) baseListings(ctx context.Context) vcs.Listings {
	if s.req.NoCache {
		return nil
	}
	oc := s.openCache(ctx)
	if oc.store == nil {
		return nil
	}
	return listings{oc.store.Space(listingsNS, cache.NoManifest)}
}

type listings struct{ sp *cache.Space }

func (l listings) Get(commit string) ([]byte, bool) {
	_, k := BaseListingEntry(commit)
	return l.sp.Peek(k)
}

func (l listings) Put(commit string, payload []byte) {
	_, k := BaseListingEntry(commit)
	l.sp.Put(k, payload)
}
