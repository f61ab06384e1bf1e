// Package vcs asks the local git repository what a run needs of it: the
// files git tracks. Git runs with its hooks, fsmonitor and pager off and
// never writes (no optional locks); without git, or outside a repository,
// every answer is "not known" (ok false), never an error that stops a run.
package vcs

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"time"

	"github.com/ifacelint/ifacelint/internal/safefile"
)

// timeout bounds one git command.
const timeout = 10 * time.Second

// git runs git in dir through safefile.GitCommand (no hooks, fsmonitor,
// pager or optional lock) within timeout, and returns its standard output.
func git(ctx context.Context, dir string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd, err := safefile.GitCommand(ctx, dir, args...)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// Tracked returns the absolute paths of the files git tracks in the work
// tree holding dir, and whether that could be asked.
func Tracked(ctx context.Context, dir string) ([]string, bool) {
	top, err := git(ctx, dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, false
	}
	root := strings.TrimSpace(string(top))
	out, err := git(ctx, root, "ls-files", "-z", "--full-name")
	if err != nil {
		return nil, false
	}
	var files []string
	for _, name := range strings.Split(string(out), "\x00") {
		if name != "" {
			files = append(files, filepath.Join(root, filepath.FromSlash(name)))
		}
	}
	return files, true
}
