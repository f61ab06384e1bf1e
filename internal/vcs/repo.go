package vcs

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
)

// RepoRoot is the nearest directory at or above dir (absolute) that holds
// .git, and whether there is one; without one, dir itself.
func RepoRoot(dir string) (string, bool) {
	for d := dir; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d, true
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dir, false
		}
		d = parent
	}
}

// Command returns the command that runs git with args in dir, made safe
// to run in a repository ifacelint does not trust: no file-system monitor
// (core.fsmonitor runs a program the repository's config names), no hooks,
// no pager, no optional lock (status does not write the index), no prompt,
// and messages in English, which callers may match. The error is git
// missing from PATH.
func Command(ctx context.Context, dir string, args ...string) (*exec.Cmd, error) {
	git, err := exec.LookPath("git")
	if err != nil {
		return nil, err
	}
	args = append([]string{"-c", "core.fsmonitor=false", "-c", "core.hooksPath=" + os.DevNull,
		"--no-pager", "--no-optional-locks"}, args...)
	cmd := exec.CommandContext(ctx, git, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "LC_ALL=C", "GIT_TERMINAL_PROMPT=0")
	return cmd, nil
}
