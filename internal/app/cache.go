package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/ifacelint/ifacelint/internal/cache"
	"github.com/ifacelint/ifacelint/internal/textsafe"
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
	dir := s.req.CacheDir
	if s.req.NoCache || (dir == "" && os.Getenv(CacheEnv) == "off") {
		return nil
	}
	named := dir != ""
	if dir == "" {
		dir = os.Getenv(CacheEnv)
	}
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return nil
		}
		dir = filepath.Join(base, "ifacelint")
	}
	if cache.Planted(ctx, dir) {
		fmt.Fprintf(s.stderr, "ifacelint: not using the cache in %s: the repository tracks files there, and a pull request could plant entries in it\n", textsafe.Terminal(dir))
		return nil
	}
	store, err := cache.Open(dir, 0)
	if err != nil {
		if named {
			return fmt.Errorf("--cache-dir: %w", err)
		}
		return nil
	}
	s.lint.Cache, s.lint.CacheKey = store, binaryIdentity(s.req.Version)
	return nil
}

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
