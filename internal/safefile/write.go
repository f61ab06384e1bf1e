package safefile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// NewFileMode is the mode of a file that did not exist before; a replaced
// file keeps its permission bits.
const NewFileMode fs.FileMode = 0o644

// Guard decides which paths a run may write: it knows the run's inputs and
// the repository root.
type Guard struct {
	// Root is the repository root: no directory on an output's path below
	// it may be a symlink (a pull request can plant one). Empty skips that
	// check; the other checks always apply.
	Root string

	inputs []input
}

type input struct {
	what string
	info fs.FileInfo
}

// AddInput records a file the run reads, so that no output replaces it.
// what says what it is in a message ("the config"). A path that cannot be
// stat'ed is ignored: it is not a file that could be overwritten.
func (g *Guard) AddInput(what, path string) {
	if info, err := os.Stat(path); err == nil {
		g.inputs = append(g.inputs, input{what: what, info: info})
	}
}

// Target is an output path that passed the checks.
type Target struct {
	// Path is the path as given, for messages.
	Path string
	// Exclusive makes Commit fail rather than replace a file that appeared
	// after the check (ifacelint init never overwrites).
	Exclusive bool

	final string      // the resolved directory joined with the base name
	perm  fs.FileMode // the replaced file's permission bits, or NewFileMode
}

// RefusedError is a target refused before anything was written.
type RefusedError struct {
	Path   string
	Reason string
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("refusing to write %s: %s", e.Path, e.Reason)
}

// Check resolves and checks every path before any is written, so a refused
// second target does not leave the first written. Two paths naming the same
// file are refused too: the second would silently replace the first.
func (g *Guard) Check(paths ...string) ([]*Target, error) {
	var targets []*Target
	seen := map[string]string{}
	for _, p := range paths {
		t, err := g.check(p)
		if err != nil {
			return nil, err
		}
		if first, ok := seen[t.final]; ok {
			return nil, &RefusedError{Path: p, Reason: "it is also the output " + first}
		}
		seen[t.final] = p
		targets = append(targets, t)
	}
	return targets, nil
}

func (g *Guard) check(path string) (*Target, error) {
	refuse := func(format string, args ...any) error {
		return &RefusedError{Path: path, Reason: fmt.Sprintf(format, args...)}
	}
	dir, base := filepath.Split(path)
	if base == "" || base == "." || base == ".." {
		return nil, refuse("not a file name")
	}
	realDir, lexDir, err := resolveDir(dir)
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	// "link/../x": the system climbs out of the symlink's target, not out
	// of link's directory.
	if realLex, err := filepath.EvalSymlinks(lexDir); err != nil || realLex != realDir {
		return nil, refuse("its path goes through a symlink and back out of it with ..")
	}
	if g.Root != "" {
		root, err := filepath.EvalSymlinks(g.Root)
		if err != nil {
			return nil, fmt.Errorf("write %s: repository root: %w", path, err)
		}
		if link := symlinkInside(root, lexDir); link != "" {
			return nil, refuse("a directory on its path is a symlink inside the repository (%s)", link)
		}
	}
	t := &Target{Path: path, final: filepath.Join(realDir, base), perm: NewFileMode}
	info, err := os.Lstat(t.final)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return t, nil
	case err != nil:
		return nil, fmt.Errorf("write %s: %w", path, err)
	case info.Mode()&fs.ModeSymlink != 0:
		return nil, refuse("it is a symlink (outputs never follow symlinks)")
	case !info.Mode().IsRegular():
		return nil, refuse("it is %s, not a regular file", Describe(info.Mode()))
	}
	for _, in := range g.inputs {
		if os.SameFile(info, in.info) {
			return nil, refuse("it is %s, an input of this run", in.what)
		}
	}
	t.perm = info.Mode().Perm()
	return t, nil
}

// resolveDir returns the directory with every symlink resolved, as the
// system would, and its lexical absolute form, both from the physical
// working directory.
func resolveDir(dir string) (real, lex string, err error) {
	raw := dir
	if raw == "" {
		raw = "."
	}
	if !filepath.IsAbs(raw) {
		wd, err := os.Getwd()
		if err != nil {
			return "", "", err
		}
		if wd, err = filepath.EvalSymlinks(wd); err != nil {
			return "", "", err
		}
		// Not filepath.Join: that would clean "link/.." away before the
		// system sees it.
		raw = wd + string(filepath.Separator) + raw
	}
	real, err = filepath.EvalSymlinks(raw)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return "", "", fmt.Errorf("directory %s: %w", strings.TrimSuffix(dir, string(filepath.Separator)), err)
	}
	if info, err := os.Stat(real); err != nil || !info.IsDir() {
		return "", "", fmt.Errorf("%s is not a directory", strings.TrimSuffix(dir, string(filepath.Separator)))
	}
	return real, filepath.Clean(raw), nil
}

// within reports whether p is root or below it.
func within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// symlinkInside returns the first directory on the way down to dir that is
// a symlink living inside root (a pull request can plant one), relative to
// root, or "". Symlinks outside root, such as a symlinked home directory or
// an alias of the checkout, are the runner's and allowed.
func symlinkInside(root, dir string) string {
	vol := filepath.VolumeName(dir)
	p := vol + string(filepath.Separator)
	for _, part := range strings.Split(strings.TrimPrefix(dir, p), string(filepath.Separator)) {
		if part == "" {
			continue
		}
		p = filepath.Join(p, part)
		info, err := os.Lstat(p)
		if err != nil || info.Mode()&fs.ModeSymlink == 0 {
			continue
		}
		if parent, err := filepath.EvalSymlinks(filepath.Dir(p)); err == nil && within(root, parent) {
			rel, err := filepath.Rel(root, filepath.Join(parent, part))
			if err != nil {
				return p
			}
			return rel
		}
	}
	return ""
}

// File is an output being written: a temporary file beside the target.
type File struct {
	f      *os.File
	target *Target
	tmp    string
	closed bool
}

// Write writes to the temporary file; an error names the target, not the
// temporary file.
func (f *File) Write(p []byte) (int, error) {
	n, err := f.f.Write(p)
	if err != nil {
		err = &fs.PathError{Op: "write", Path: f.target.Path, Err: unwrapPath(err)}
	}
	return n, err
}

// pending are the temporary files of outputs not yet committed or
// aborted, for AbortPending. commitMu is held while a set of outputs is
// committed (CommitAll), so that AbortPending never ends a process between
// two of them.
var (
	pendingMu sync.Mutex
	pending   = map[*File]bool{}
	commitMu  sync.Mutex
)

// Create starts writing the target: a new temporary file in its directory.
func (t *Target) Create() (*File, error) {
	f, err := os.CreateTemp(filepath.Dir(t.final), ".ifacelint-*.tmp")
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", t.Path, unwrapPath(err))
	}
	file := &File{f: f, target: t, tmp: f.Name()}
	pendingMu.Lock()
	pending[file] = true
	pendingMu.Unlock()
	return file, nil
}

func (f *File) settled() {
	pendingMu.Lock()
	delete(pending, f)
	pendingMu.Unlock()
}

// CommitAll commits files in order, as one step for AbortPending: a
// process that ends through it has either committed every file or none
// it had not committed before. On the first error the rest are aborted.
func CommitAll(files []*File) error {
	commitMu.Lock()
	defer commitMu.Unlock()
	for i, f := range files {
		if err := f.Commit(); err != nil {
			for _, rest := range files[i+1:] {
				rest.Abort()
			}
			return err
		}
	}
	return nil
}

// AbortPending removes the temporary file of every output being written,
// once any CommitAll under way has finished; the process is about to end
// (a hard stop), and the targets stay as they were. No CommitAll starts
// until resume is called: a process that ends does not call it.
func AbortPending() (resume func()) {
	commitMu.Lock()
	pendingMu.Lock()
	defer pendingMu.Unlock()
	for f := range pending {
		os.Remove(f.tmp)
	}
	return commitMu.Unlock
}

// Commit syncs the temporary file and renames it over the target; the
// target is checked again just before. On any error the temporary file is
// removed and the target is left as it was.
func (f *File) Commit() (err error) {
	defer f.settled()
	defer func() {
		if err != nil {
			f.Abort()
			err = fmt.Errorf("write %s: %w", f.target.Path, unwrapPath(err))
		}
	}()
	if err := f.f.Chmod(f.target.perm); err != nil {
		return err
	}
	if err := f.f.Sync(); err != nil {
		return err
	}
	f.closed = true
	if err := f.f.Close(); err != nil {
		return err
	}
	final := f.target.final
	if info, err := os.Lstat(final); err == nil {
		switch {
		case f.target.Exclusive:
			return fs.ErrExist
		case info.Mode()&fs.ModeSymlink != 0:
			return ErrSymlink
		case !info.Mode().IsRegular():
			return &KindError{Mode: info.Mode()}
		}
	}
	if f.target.Exclusive {
		// A hard link fails if the target appeared meanwhile; rename would
		// replace it.
		if err := os.Link(f.tmp, final); err != nil {
			return err
		}
		os.Remove(f.tmp)
	} else if err := os.Rename(f.tmp, final); err != nil {
		return err
	}
	syncDir(filepath.Dir(final))
	return nil
}

// Abort removes the temporary file; the target is untouched. It is safe to
// call after Commit.
func (f *File) Abort() {
	defer f.settled()
	if !f.closed {
		f.closed = true
		f.f.Close()
	}
	os.Remove(f.tmp)
}

// syncDir makes a rename durable; a failure is not worth failing the run.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// WriteFile checks path and writes data to it safely.
func (g *Guard) WriteFile(path string, data []byte) error {
	ts, err := g.Check(path)
	if err != nil {
		return err
	}
	f, err := ts[0].Create()
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Abort()
		return fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	return CommitAll([]*File{f})
}
