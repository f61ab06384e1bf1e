package openapi

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/ifacelint/ifacelint/internal/safefile"
)

// What lint may read of a repository for a description: never git's own
// files, and, in a git work tree, only the files the repository tracks. A
// description is read while a pull request is linted, and the policies that
// ask for one (ifacelint.openapi) are the pull request's: without these
// limits a policy could learn whether any file of the checkout exists and
// parses — .git/config, a file an earlier CI step wrote, an ignored
// credentials file — and copy its servers into a finding.

// errInsideGit is the reason a path inside .git is refused.
const errInsideGit = "git's own files are never read"

// insideGit reports whether a slash-separated path has a segment that names
// git's directory: .git in any letter case (case-insensitive file systems
// open .GIT as .git), also with the trailing dots and spaces Windows drops,
// and its 8.3 short name GIT~1.
func insideGit(p string) bool {
	for _, seg := range strings.Split(p, "/") {
		seg = strings.TrimRight(seg, ". ")
		if strings.EqualFold(seg, ".git") || strings.EqualFold(seg, "git~1") {
			return true
		}
	}
	return false
}

// tracking answers which files a git work tree tracks, asking git once per
// run (git ls-files), when a description is first read.
type tracking struct {
	root string // the Reader's root, absolute, symlinks resolved
	once sync.Once
	// inGit is false when root is not in a git work tree: every file there
	// may be read. files are the tracked paths, relative to root; err says
	// why git could not tell (every file is then refused).
	inGit bool
	files map[string]bool
	err   string
}

// gitTimeout bounds each git command.
const gitTimeout = 30 * time.Second

// load asks git, once; without git, it reads the index (gitindex.go).
func (t *tracking) load(ctx context.Context) {
	t.once.Do(func() {
		top, ok := safefile.RepoRoot(t.root)
		if !ok {
			return // no .git at or above the root: not a work tree
		}
		if _, err := exec.LookPath("git"); err != nil {
			t.loadIndex(top)
			return
		}
		run := func(args ...string) ([]byte, string, error) {
			ctx, cancel := context.WithTimeout(ctx, gitTimeout)
			defer cancel()
			cmd, err := safefile.GitCommand(ctx, t.root, args...)
			if err != nil {
				return nil, "", err
			}
			var out, errOut bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &errOut
			err = cmd.Run()
			if ctx.Err() != nil {
				err = ctx.Err()
			}
			return out.Bytes(), strings.TrimSpace(errOut.String()), err
		}
		out, stderr, err := run("rev-parse", "--is-inside-work-tree")
		switch {
		case err != nil && strings.Contains(stderr, "not a git repository"):
			return // a .git that git does not take for a repository
		case err != nil:
			t.inGit, t.err = true, "git cannot tell which files the repository tracks: "+firstLine(stderr, err)
			return
		case strings.TrimSpace(string(out)) != "true":
			return // inside a .git directory, or a bare repository
		}
		t.inGit = true
		out, stderr, err = run("ls-files", "-z", "--cached", "--", ".")
		if err != nil {
			t.err = "git cannot tell which files the repository tracks: " + firstLine(stderr, err)
			return
		}
		t.files = map[string]bool{}
		for _, f := range bytes.Split(out, []byte{0}) {
			if len(f) > 0 {
				t.files[string(f)] = true
			}
		}
	})
}

// loadIndex reads the tracked files from the index of the work tree at
// top, when git is not installed.
func (t *tracking) loadIndex(top string) {
	files, err := indexFiles(top)
	switch {
	case errors.Is(err, errNotRepository):
		return
	case err != nil:
		t.inGit, t.err = true, "git is not installed, and "+err.Error()
		return
	}
	t.inGit = true
	prefix, err := filepath.Rel(top, t.root)
	if err != nil || prefix == "." {
		t.files = files
		return
	}
	prefix = filepath.ToSlash(prefix) + "/"
	t.files = map[string]bool{}
	for f := range files {
		if rest, ok := strings.CutPrefix(f, prefix); ok {
			t.files[rest] = true
		}
	}
}

// state is the tracking state of the file at abs (absolute, inside root):
// "" when it may be read, else the state a cache keys on and the reason it
// is refused. The answer depends on the path alone, never on whether the
// file exists, so a refusal tells a policy nothing about the file.
func (t *tracking) state(ctx context.Context, abs string) (state, why string) {
	t.load(ctx)
	if !t.inGit {
		return "", ""
	}
	if t.err != "" {
		return "untracked: " + t.err, "cannot tell whether the repository tracks it: " + t.err
	}
	rel, err := filepath.Rel(t.root, abs)
	if err != nil || !within(t.root, abs) {
		return "untracked", "the repository does not track it"
	}
	if t.files[filepath.ToSlash(rel)] {
		return "", ""
	}
	return "untracked", "the repository does not track it (git ls-files): only files it tracks are read"
}

// firstLine is why a git command failed, in one line.
func firstLine(stderr string, err error) string {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return "git took longer than " + gitTimeout.String()
	case stderr == "":
		return err.Error()
	}
	line, _, _ := strings.Cut(stderr, "\n")
	return line
}

// Untracked returns those of files (absolute, symlinks resolved, below
// root) that lint would refuse because git does not track them, with why;
// nil outside a git work tree. import uses it to say so when it drafts
// from such a file.
func Untracked(ctx context.Context, root string, files []string) map[string]string {
	t := &tracking{root: root}
	var out map[string]string
	for _, f := range files {
		state, why := t.state(ctx, f)
		if state == "" {
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		if state == "untracked" {
			why = "git does not track it"
		}
		out[f] = why
	}
	return out
}
