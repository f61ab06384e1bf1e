// Package vcs asks the local repository what a run needs of it: where the
// repository's root is (RepoRoot), which files git tracks (Tracking, with a
// reader of the index when git is not installed), and runs git safely
// (Command): hooks, fsmonitor and pager off, no optional lock, no prompt.
// Outside a repository every answer is "not known", never an error that
// stops a run.
package vcs

import (
	"context"
	"path/filepath"
)

// Tracked returns the absolute paths of the files tracked in the work tree
// holding dir (symlinks resolved), and whether that could be known.
func Tracked(ctx context.Context, dir string) ([]string, bool) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, false
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	top, ok := RepoRoot(abs)
	if !ok {
		return nil, false
	}
	return NewTracking(top).Files(ctx)
}
