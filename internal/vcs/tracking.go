package vcs

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// NewTracking returns the tracking of the work tree below root (absolute,
// symlinks resolved).
func NewTracking(root string) *Tracking { return &Tracking{root: root} }

// Tracking answers which files a git work tree tracks below a directory,
// asking git once (git ls-files), when first asked; without git it reads
// the index (gitindex.go). Anything it cannot tell refuses every file.
type Tracking struct {
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
func (t *Tracking) load(ctx context.Context) {
	t.once.Do(func() {
		top, ok := RepoRoot(t.root)
		if !ok || namesNoDir(top) {
			// No .git at or above the root, or a .git file naming a
			// directory that does not exist (git says "not a git
			// repository", as for a base revision's mirror): not a work
			// tree.
			return
		}
		if _, err := exec.LookPath("git"); err != nil {
			t.loadIndex(top)
			return
		}
		run := func(args ...string) ([]byte, string, error) {
			ctx, cancel := context.WithTimeout(ctx, gitTimeout)
			defer cancel()
			cmd, err := Command(ctx, t.root, args...)
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

// namesNoDir reports whether top/.git is a regular file naming, in its
// "gitdir:" line, a directory that does not exist: git takes it for no
// repository ("fatal: not a git repository"), so it need not be asked.
func namesNoDir(top string) bool {
	dotGit := filepath.Join(top, ".git")
	info, err := os.Lstat(dotGit)
	if err != nil || !info.Mode().IsRegular() || info.Size() > 4096 {
		return false
	}
	b, err := os.ReadFile(dotGit)
	if err != nil {
		return false
	}
	target, ok := strings.CutPrefix(strings.TrimSpace(string(b)), "gitdir:")
	if target = strings.TrimSpace(target); !ok || target == "" {
		return false
	}
	if !filepath.IsAbs(target) {
		target = filepath.Join(top, target)
	}
	_, err = os.Lstat(target)
	return errors.Is(err, fs.ErrNotExist)
}

// loadIndex reads the tracked files from the index of the work tree at
// top, when git is not installed.
func (t *Tracking) loadIndex(top string) {
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

// State is the tracking state of the file at abs (absolute, inside root):
// "" when it may be read, else the state a cache keys on and the reason it
// is refused. The answer depends on the path alone, never on whether the
// file exists, so a refusal tells a policy nothing about the file.
func (t *Tracking) State(ctx context.Context, abs string) (state, why string) {
	t.load(ctx)
	if !t.inGit {
		return "", ""
	}
	if t.err != "" {
		return "untracked: " + t.err, "cannot tell whether the repository tracks it: " + t.err
	}
	rel, err := filepath.Rel(t.root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
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

// Files returns the files tracked below the root, absolute and sorted, and
// whether the root is in a work tree git (or its index) could answer for.
func (t *Tracking) Files(ctx context.Context) ([]string, bool) {
	t.load(ctx)
	if !t.inGit || t.err != "" {
		return nil, false
	}
	out := make([]string, 0, len(t.files))
	for f := range t.files {
		out = append(out, filepath.Join(t.root, filepath.FromSlash(f)))
	}
	sort.Strings(out)
	return out, true
}
