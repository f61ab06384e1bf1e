package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/ifacelint/ifacelint/internal/cache"
	"github.com/ifacelint/ifacelint/internal/format"
	"github.com/ifacelint/ifacelint/internal/lint"
)

// cacheEnv names the cache directory when --cache-dir does not; "off"
// turns the cache off, like --no-cache.
const cacheEnv = "IFACELINT_CACHE_DIR"

// cacheFlags choose the content cache of lint and validate
// (docs/performance.md, "The content cache").
type cacheFlags struct {
	dir string
	off bool
}

func (c *cacheFlags) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&c.dir, "cache-dir", "", "directory of the content cache, which skips unchanged files (default: $"+cacheEnv+", else the user's cache directory)")
	f.BoolVar(&c.off, "no-cache", false, "neither read nor write the content cache")
}

// attach opens the cache for a run. The cache is an optimisation: a
// directory that cannot be created leaves the run without one, silently,
// unless it was named with --cache-dir. A directory holding files the
// repository tracks (cache.Planted) is never used: the run goes on without
// a cache and says so on stderr.
func (c *cacheFlags) attach(ctx context.Context, stderr io.Writer, opts *lint.Options) error {
	dir := c.dir
	if c.off || (dir == "" && os.Getenv(cacheEnv) == "off") {
		return nil
	}
	named := dir != ""
	if dir == "" {
		dir = os.Getenv(cacheEnv)
	}
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return nil
		}
		dir = filepath.Join(base, "ifacelint")
	}
	if cache.Planted(ctx, dir) {
		fmt.Fprintf(stderr, "ifacelint: not using the cache in %s: the repository tracks files there, and a pull request could plant entries in it\n", format.Terminal(dir))
		return nil
	}
	store, err := cache.Open(dir, 0)
	if err != nil {
		if named {
			return fmt.Errorf("--cache-dir: %w", err)
		}
		return nil
	}
	opts.Cache, opts.CacheKey = store, binaryIdentity()
	return nil
}

// binaryIdentity is what the cache keys on for the binary itself: its
// version, and the executable's path, size and modification time, so that
// a rebuilt development binary of the same version never reads the entries
// of the one before it.
func binaryIdentity() []byte {
	id := buildVersion()
	if exe, err := os.Executable(); err == nil {
		if info, err := os.Stat(exe); err == nil {
			id += fmt.Sprintf("\x00%s\x00%d\x00%d", exe, info.Size(), info.ModTime().UnixNano())
		}
	}
	return []byte(id)
}
