package vcs

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha1" //nolint:gosec // git's object ids, not a security boundary of their own
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// This file reads another revision of the repository (lint --base REF) from
// git's object store alone — git rev-parse, ls-tree and cat-file through
// Command — and never writes the work tree or the index (Settle reads the
// index): no checkout. The
// blobs a run needs are written to a private mirror of the repository's
// layout (Mirror), which the caller removes (Revision.Close).

// RefError is a ref refused before git runs: Reason says why.
type RefError struct {
	Ref    string
	Reason string
}

func (e *RefError) Error() string {
	return fmt.Sprintf("--base %q: %s", e.Ref, e.Reason)
}

// CheckRef refuses, before git ever sees it, a ref that is empty, looks
// like an option (starts with "-"), or holds white space, control
// characters or a character git refuses in ref names (git check-ref-format:
// "~ ^ : ? * [ \", "..", "@{"), so that no ref reaches git as anything but
// a revision. A commit id, a branch, a tag and "origin/main" pass;
// "main~2" does not (name the commit instead).
func CheckRef(ref string) error {
	bad := func(reason string) error { return &RefError{Ref: ref, Reason: reason} }
	switch {
	case ref == "":
		return bad("empty: name a branch, a tag or a commit, such as origin/main")
	case strings.HasPrefix(ref, "-"):
		return bad("starts with \"-\", which git would read as an option: name a branch, a tag or a commit")
	case !utf8.ValidString(ref):
		return bad("not valid UTF-8")
	case len(ref) > 1024:
		return bad("longer than 1024 bytes")
	case strings.Contains(ref, ".."):
		return bad("holds \"..\", which git refs cannot hold (a range is not a revision)")
	case strings.Contains(ref, "@{"):
		return bad("holds \"@{\", which git refs cannot hold")
	case strings.Contains(ref, "//"), strings.HasSuffix(ref, "/"), strings.HasSuffix(ref, "."), strings.HasSuffix(ref, ".lock"):
		return bad("is not a well-formed ref name (git check-ref-format)")
	}
	for _, r := range ref {
		switch {
		case unicode.IsSpace(r):
			return bad("holds white space, which git refs cannot hold")
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			return bad("holds a control or format character, which git refs cannot hold")
		case strings.ContainsRune("~^:?*[\\", r):
			return bad(fmt.Sprintf("holds %q, which git refs cannot hold: name a branch, a tag or a commit", r))
		}
	}
	for _, part := range strings.Split(ref, "/") {
		if strings.HasPrefix(part, ".") {
			return bad("has a component starting with \".\", which git refs cannot hold")
		}
	}
	return nil
}

// ErrNotRepository is a --base run outside a git work tree.
var ErrNotRepository = errors.New("--base reads the base revision from git, but the working directory is not inside a git work tree: run ifacelint in a clone of the repository")

// MirrorLimits bound what Mirror writes.
type MirrorLimits struct {
	// MaxFiles is how many files the mirror may hold; MaxBytes how many
	// bytes of content it may hold in all.
	MaxFiles int
	MaxBytes int64
}

// DefaultMirrorLimits are the bounds of a base revision's mirror.
var DefaultMirrorLimits = MirrorLimits{MaxFiles: 200_000, MaxBytes: 512 << 20}

// Select says whether the file at path (slash-separated, relative to the
// repository root) belongs in the mirror, and the most bytes of it any
// reader of the run reads (a file larger than that is refused for its
// size by every reader, so its content is not needed).
type Select func(path string) (limit int64, ok bool)

// Revision is a commit of the repository, mirrored.
type Revision struct {
	Ref    string // as asked
	Commit string // the commit id
	// Root is the mirror's root (absolute, 0700): the repository's layout,
	// with only the selected regular files of the commit. WorkDir is the
	// directory in it that mirrors the working directory.
	Root    string
	WorkDir string
	Files   int   // files written
	Bytes   int64 // bytes of content written

	// tree are the selected regular files of the commit (Has), with
	// their object ids, sorted by path (bytewise, the order of git's
	// listing and of the index): looked up by binary search, and walked
	// with the index, so that no map of every path is built.
	tree []entry
	// mark says, for each file of tree, whether MirrorHeld held it back
	// until Settle (held: nheld files), or Settle left it out of the
	// mirror (out: out files), to be written by Ensure when a reader
	// asks for it. top is the work tree's root, real the mirror's root
	// with symlinks resolved.
	mu         sync.Mutex
	mark       []byte
	nheld, out int
	top, real  string
	ensureErr  error
}

// The marks of a tree's file (Revision.mark): written (or not selected
// for holding), held back, left out by Settle.
const (
	markNone byte = iota
	markHeld
	markOut
)

// Has reports whether the commit holds a regular file at path
// (repository-relative, slash-separated) that the selection chose.
func (r *Revision) Has(path string) bool {
	_, ok := findEntry(r.tree, path)
	return ok
}

// Holds reports whether the commit holds a selected file at path or below
// it (a directory).
func (r *Revision) Holds(path string) bool {
	if path == "." || path == "" || r.Has(path) {
		return true
	}
	prefix := path + "/"
	i, _ := findEntry(r.tree, prefix)
	return i < len(r.tree) && strings.HasPrefix(r.tree[i].path, prefix)
}

// findEntry is the index of the first entry of es (sorted by path) whose
// path is not below path, and whether it is path.
func findEntry(es []entry, path string) (int, bool) {
	return slices.BinarySearchFunc(es, path, func(e entry, p string) int { return strings.Compare(e.path, p) })
}

// sortEntries sorts es by path, bytewise (git's listing already is).
func sortEntries(es []entry) {
	if !slices.IsSortedFunc(es, compareEntries) {
		slices.SortStableFunc(es, compareEntries)
	}
}

func compareEntries(a, b entry) int { return strings.Compare(a.path, b.path) }

// Close removes the mirror.
func (r *Revision) Close() error {
	if r == nil || r.Root == "" {
		return nil
	}
	err := os.RemoveAll(r.Root)
	r.Root = ""
	return err
}

// git runs git with args in dir and returns its standard output; the
// error holds the first line git wrote on standard error.
func git(ctx context.Context, dir string, stdin io.Reader, args ...string) ([]byte, string, error) {
	cmd, err := Command(ctx, dir, args...)
	if err != nil {
		return nil, "", fmt.Errorf("--base needs git, which is not installed: %w", err)
	}
	var out, errOut bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, &out, &errOut
	err = cmd.Run()
	if ctx.Err() != nil {
		err = ctx.Err()
	}
	return out.Bytes(), strings.TrimSpace(errOut.String()), err
}

// Resolve returns the commit ref names in the repository holding dir,
// and the working directory's place in the work tree (git rev-parse
// --show-prefix: "" at the root, else slash-separated with a trailing
// slash). The ref is checked (CheckRef) before git runs. A ref the clone
// does not hold is an error that says how to fetch it.
func Resolve(ctx context.Context, dir, ref string) (commit, prefix string, err error) {
	if err := CheckRef(ref); err != nil {
		return "", "", err
	}
	// One git rev-parse answers all three: whether dir is in a work
	// tree, its place there, and the commit (the last, only when it
	// resolves: --verify --quiet prints nothing and fails otherwise).
	out, stderr, err := git(ctx, dir, nil, "rev-parse", "--is-inside-work-tree", "--show-prefix",
		"--verify", "--quiet", "--end-of-options", ref+"^{commit}")
	if ctx.Err() != nil {
		return "", "", ctx.Err()
	}
	if err != nil && strings.Contains(stderr, "not a git repository") {
		return "", "", ErrNotRepository
	}
	// Each answer is a line: "true", the place (empty at the root), and
	// the commit when it resolves.
	lines := strings.Split(string(out), "\n")
	if len(lines) < 3 {
		if err != nil && stderr != "" {
			return "", "", fmt.Errorf("--base: git cannot read the repository: %s", firstLine(stderr, err))
		}
		if err != nil {
			return "", "", fmt.Errorf("--base: %w", err)
		}
		return "", "", ErrNotRepository
	}
	if lines[0] != "true" {
		return "", "", ErrNotRepository
	}
	prefix = lines[1]
	if err != nil || len(lines) < 4 || lines[2] == "" {
		if stderr != "" && !strings.Contains(stderr, "Needed a single revision") {
			return "", "", fmt.Errorf("--base %q: git cannot resolve it: %s", ref, firstLine(stderr, err))
		}
		return "", "", missingRef(ctx, dir, ref)
	}
	out = []byte(lines[2])
	commit = strings.TrimSpace(string(out))
	if !isObjectID(commit) {
		return "", "", fmt.Errorf("--base %q: git rev-parse answered %q, not a commit id", ref, commit)
	}
	return commit, prefix, nil
}

// missingRef is the error of a ref the clone does not hold, with the fix.
func missingRef(ctx context.Context, dir, ref string) error {
	out, _, err := git(ctx, dir, nil, "rev-parse", "--is-shallow-repository")
	if err == nil && strings.TrimSpace(string(out)) == "true" {
		return fmt.Errorf("--base %q: no such commit in this clone, which is shallow (it holds only the latest commits): fetch the base first, `git fetch --depth=1 origin %s`, or clone with the history (in GitHub Actions, actions/checkout with `fetch-depth: 0`)", ref, ref)
	}
	return fmt.Errorf("--base %q: no such branch, tag or commit in this clone: fetch it first, such as `git fetch origin main` and --base origin/main (in GitHub Actions, actions/checkout with `fetch-depth: 0`)", ref)
}

func isObjectID(s string) bool {
	if len(s) != 40 && len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !lowerHex[s[i]] {
			return false
		}
	}
	return true
}

// lowerHex are the digits of git's object ids.
var lowerHex = func() (t [256]bool) {
	for _, c := range "0123456789abcdef" {
		t[c] = true
	}
	return t
}()

// entry is one file of a tree listing.
type entry struct {
	mode, kind, object, path string
	size                     int64
	limit                    int64 // Select's
}

// Mirror resolves ref (Resolve) in the repository holding dir and writes
// the selected regular files of its tree to a new private directory
// (0700), read from the object store only (git ls-tree, git cat-file
// --batch): the work tree and the index are never touched. Symbolic links
// (mode 120000) and submodules (160000) are not written, as the inventory
// walk does not follow them. A file larger than its Select limit is not
// read: its place holds a sparse file of its size, which every reader
// refuses for its size as it would the real one. Past limits, or on a
// path that could leave the mirror, Mirror fails and leaves nothing.
func Mirror(ctx context.Context, dir, ref string, sel Select, lim MirrorLimits) (*Revision, error) {
	commit, prefix, err := Resolve(ctx, dir, ref)
	if err != nil {
		return nil, err
	}
	return MirrorCommit(ctx, dir, ref, commit, prefix, sel, lim)
}

// MirrorCommit is Mirror of a commit Resolve gave (with the working
// directory's place in the work tree).
func MirrorCommit(ctx context.Context, dir, ref, commit, prefix string, sel Select, lim MirrorLimits) (_ *Revision, err error) {
	return MirrorHeld(ctx, dir, ref, commit, prefix, sel, nil, lim, nil)
}

// MirrorHeld is MirrorCommit that holds back the selected files for which
// hold is true (nil: none): they are not written (nor their directories
// made) until Settle says which of them the work tree does not have with
// the same bytes. With listings (nil: none), the commit's listing is
// taken from there when it proves itself against the commit id
// (Listings), else git lists the commit and the listing is kept there.
func MirrorHeld(ctx context.Context, dir, ref, commit, prefix string, sel Select, hold func(path string) bool, lim MirrorLimits, listings Listings) (_ *Revision, err error) {
	if !isObjectID(commit) {
		return nil, fmt.Errorf("--base %q: %q is not a commit id", ref, commit)
	}
	long := len(commit) == 64
	var want []entry
	cached := false
	if listings != nil {
		if payload, ok := listings.Get(commit); ok {
			if out, tree, ok := openListing(payload, commit); ok {
				// Any error in an entry not proven is git's to give.
				w, root, err := selectEntries(ref, out, sel, lim, long, true)
				if err == nil && root == tree && sizesHold(ctx, dir, w) {
					want, cached = w, true
				}
			}
		}
	}
	// keep stores the listing once git has given the commit object
	// (read with the blobs): nil when it is not to be kept.
	var keep func(obj []byte)
	if !cached {
		out, stderr, err := git(ctx, dir, nil, "ls-tree", "-r", "-z", "-l", "--full-tree", commit)
		if err != nil {
			return nil, fmt.Errorf("--base %q: git cannot list the commit's files: %s", ref, firstLine(stderr, err))
		}
		w, root, err := selectEntries(ref, out, sel, lim, long, listings != nil)
		if err != nil {
			return nil, err
		}
		want = w
		if listings != nil && root != "" {
			keep = func(obj []byte) {
				// Kept only when it would prove itself in the next run.
				if tree, ok := commitTree(obj, len(commit)); ok && tree == root && objectID("commit", obj, long) == commit {
					listings.Put(commit, encodeListing(commit, obj, out))
				}
			}
		}
	}
	root, err := os.MkdirTemp("", "ifacelint-base-")
	if err != nil {
		return nil, fmt.Errorf("--base: cannot create a temporary directory: %w", err)
	}
	sortEntries(want)
	rev := &Revision{Ref: ref, Commit: commit, Root: root, tree: want}
	defer func() {
		if err != nil {
			_ = rev.Close()
		}
	}()
	if err := os.Chmod(root, 0o700); err != nil {
		return nil, err
	}
	// A .git file that names no repository: the mirror is a repository's
	// root to the config lookup and the checks of paths inside the
	// repository, and git takes it for no repository.
	if err := writeNew(filepath.Join(root, ".git"), []byte("gitdir: .ifacelint-base-mirror-is-no-repository\n")); err != nil {
		return nil, err
	}
	var read []entry
	if hold != nil {
		rev.mark = make([]byte, len(want))
	}
	w := newMirrorWriter(root)
	for i, e := range want {
		if hold != nil && e.size <= e.limit && hold(e.path) {
			rev.mark[i] = markHeld
			rev.nheld++
			continue
		}
		if e.size > e.limit {
			if err := writeSparse(root, e.path, e.size); err != nil {
				_ = w.close()
				return nil, err
			}
			rev.Files++
			continue
		}
		read = append(read, e)
	}
	if keep != nil {
		// The commit object, for the listing kept: read first, with the
		// blobs (size -1: a commit, of any size).
		read = append([]entry{{kind: "commit", object: commit, size: -1}}, read...)
	}
	catErr := catBlobs(ctx, dir, read, func(e entry, data []byte) error {
		if e.size < 0 {
			if data != nil {
				keep(data)
			}
			return nil
		}
		rev.Files++
		rev.Bytes += int64(len(data))
		return w.put(e.path, data)
	})
	if err := w.close(); catErr == nil {
		catErr = err
	}
	if catErr != nil && cached {
		// A kept listing whose sizes are not git's (its ids are): the
		// commit is listed by git instead, and kept again.
		_ = rev.Close()
		return MirrorHeld(ctx, dir, ref, commit, prefix, sel, hold, lim, keepOnly{listings})
	}
	if catErr != nil {
		return nil, fmt.Errorf("--base %q: %w", ref, catErr)
	}
	rev.WorkDir = filepath.Join(root, filepath.FromSlash(strings.TrimSuffix(prefix, "/")))
	if err := checkTreePath(strings.TrimSuffix(prefix, "/")); prefix != "" && err != nil {
		return nil, fmt.Errorf("--base: the working directory's place in the repository: %w", err)
	}
	if err := os.MkdirAll(rev.WorkDir, 0o700); err != nil {
		return nil, err
	}
	return rev, nil
}

// selectEntries reads a listing (git ls-tree -r -z -l) and returns the
// selected regular files of it, each with its Select limit, within the
// mirror's limits; with hashed, also the id of the root tree the listing
// rebuilds (treeHasher: "" when it cannot).
func selectEntries(ref string, out []byte, sel Select, lim MirrorLimits, long, hashed bool) ([]entry, string, error) {
	var h *treeHasher
	if hashed {
		h = newTreeHasher(long)
	}
	// One string for the whole listing: each entry's fields are slices
	// of it, not copies.
	list := string(out)
	want := make([]entry, 0, strings.Count(list, "\x00"))
	var total int64
	for list != "" {
		rec, rest, _ := strings.Cut(list, "\x00")
		list = rest
		if rec == "" {
			continue
		}
		e, ok := parseEntry(rec)
		if !ok {
			return nil, "", fmt.Errorf("--base %q: cannot read git ls-tree's line %q", ref, rec)
		}
		if h != nil {
			h.add(e)
		}
		if e.mode != "100644" && e.mode != "100755" {
			continue // symlinks, submodules: not followed
		}
		if err := checkTreePath(e.path); err != nil {
			return nil, "", fmt.Errorf("--base %q: the commit holds a file that cannot be mirrored: %w", ref, err)
		}
		limit, ok := sel(e.path)
		if !ok {
			continue
		}
		e.limit = limit
		if e.size <= limit {
			total += e.size
		}
		want = append(want, e)
		if len(want) > lim.MaxFiles {
			return nil, "", fmt.Errorf("--base %q: the commit holds more than %d files to read (.yaml, .yml, .json, .rego and the files named on the command line); the base revision is read up to that bound", ref, lim.MaxFiles)
		}
		if total > lim.MaxBytes {
			return nil, "", fmt.Errorf("--base %q: the files to read of the commit hold more than %s; the base revision is read up to that bound", ref, sizeOf(lim.MaxBytes))
		}
	}
	root := ""
	if h != nil {
		root = h.root()
	}
	return want, root, nil
}

// sizesHold reports whether git gives the sizes a kept listing does for
// its files larger than their limit, which the mirror holds as sparse
// files of that size, unread (git cat-file --batch-check): the ids do
// not cover the sizes. Every other file's size is checked as it is read
// (catBlobs), or the file is not written.
func sizesHold(ctx context.Context, dir string, es []entry) bool {
	var over []entry
	var ids strings.Builder
	for _, e := range es {
		if e.size > e.limit {
			over = append(over, e)
			ids.WriteString(e.object + "\n")
		}
	}
	if len(over) == 0 {
		return true
	}
	out, _, err := git(ctx, dir, strings.NewReader(ids.String()), "cat-file", "--batch-check")
	if err != nil {
		return false
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != len(over) {
		return false
	}
	for i, e := range over {
		if f := strings.Fields(lines[i]); len(f) != 3 || f[0] != e.object || f[1] != "blob" || f[2] != strconv.FormatInt(e.size, 10) {
			return false
		}
	}
	return true
}

// parseEntry reads a line of git ls-tree -l: "MODE TYPE OBJECT SIZE\tPATH".
func parseEntry(rec string) (entry, bool) {
	meta, path, ok := strings.Cut(rec, "\t")
	if !ok {
		return entry{}, false
	}
	var f [4]string
	n := 0
	for meta != "" {
		meta = strings.TrimLeft(meta, " ")
		if meta == "" {
			break
		}
		if n == len(f) {
			return entry{}, false
		}
		i := strings.IndexByte(meta, ' ')
		if i < 0 {
			i = len(meta)
		}
		f[n], meta = meta[:i], meta[i:]
		n++
	}
	if n != len(f) {
		return entry{}, false
	}
	e := entry{mode: f[0], kind: f[1], object: f[2], path: path}
	if f[3] != "-" {
		n, err := strconv.ParseInt(f[3], 10, 64)
		if err != nil || n < 0 {
			return entry{}, false
		}
		e.size = n
	}
	return e, isObjectID(e.object)
}

// checkTreePath refuses a path of a tree that could leave the mirror or
// name git's own directory: empty, absolute, with an empty, "." or ".."
// component, a backslash, a NUL, or a ".git" component (any case). git
// itself never writes such a tree, but a crafted commit may hold one.
func checkTreePath(p string) error {
	if p == "" || p[0] == '/' || strings.IndexByte(p, '\\') >= 0 || strings.IndexByte(p, 0) >= 0 {
		return fmt.Errorf("%q is not a relative path inside the repository", p)
	}
	for rest := p; ; {
		part, after, more := strings.Cut(rest, "/")
		switch {
		case part == "" || part == "." || part == "..":
			return fmt.Errorf("%q is not a relative path inside the repository", p)
		case len(part) == 4 && strings.EqualFold(part, ".git"):
			return fmt.Errorf("%q names git's own directory", p)
		}
		if !more {
			return nil
		}
		rest = after
	}
}

// catBlobs reads the entries' blobs with one git cat-file --batch, in
// order, and hands each to put.
func catBlobs(ctx context.Context, dir string, es []entry, put func(entry, []byte) error) error {
	if len(es) == 0 {
		return nil
	}
	cmd, err := Command(ctx, dir, "cat-file", "--batch")
	if err != nil {
		return err
	}
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() {
		w := bufio.NewWriter(stdin)
		for _, e := range es {
			if _, err := w.WriteString(e.object + "\n"); err != nil {
				break
			}
		}
		_ = w.Flush()
		_ = stdin.Close()
	}()
	r := bufio.NewReaderSize(stdout, 64<<10)
	readErr := func() error {
		for _, e := range es {
			header, err := r.ReadString('\n')
			if err != nil {
				return fmt.Errorf("git cat-file ended early: %w", err)
			}
			f := strings.Fields(header)
			kind := "blob"
			if e.size < 0 {
				kind = "commit" // the commit object, of a size not known
			}
			if len(f) != 3 || f[0] != e.object || f[1] != kind {
				return fmt.Errorf("git cat-file cannot read %s (%s): %q", e.path, e.object, strings.TrimSpace(header))
			}
			n, err := strconv.ParseInt(f[2], 10, 64)
			if err == nil && e.size < 0 && n > maxCommitObject {
				// Not kept: skipped.
				if _, err := io.CopyN(io.Discard, r, n+1); err != nil {
					return fmt.Errorf("git cat-file ended early in %s: %w", e.object, err)
				}
				if err := put(e, nil); err != nil {
					return err
				}
				continue
			}
			if err != nil || n < 0 || (e.size >= 0 && n != e.size) {
				return fmt.Errorf("git cat-file gave %s bytes for %s, the commit's listing %d", f[2], e.path, e.size)
			}
			data := make([]byte, n+1) // the content and its newline
			if _, err := io.ReadFull(r, data); err != nil {
				return fmt.Errorf("git cat-file ended early in %s: %w", e.path, err)
			}
			if err := put(e, data[:n]); err != nil {
				return err
			}
		}
		return nil
	}()
	if readErr != nil {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return readErr
	}
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("git cat-file: %s", firstLine(strings.TrimSpace(errOut.String()), err))
	}
	return nil
}

// writeFile writes data to the new file at rel (slash-separated) below
// root, creating its directories (0700); the file is new (O_EXCL): two
// entries of one path, or one that meets a directory, fail.
// mirrorWriter writes the mirror's files on a few goroutines while git
// cat-file streams the next blobs: creating ten thousand small files is
// system calls, not bytes, and they overlap. Each directory is made once.
// The first error is kept and stops further writes; close waits for the
// writers and returns it.
type mirrorWriter struct {
	root  string
	files chan mirrorFile
	wg    sync.WaitGroup
	mu    sync.Mutex
	err   error
	dirs  map[string]bool
}

type mirrorFile struct {
	rel  string
	data []byte
}

// mirrorWriters is how many files are written at once.
const mirrorWriters = 8

func newMirrorWriter(root string) *mirrorWriter {
	w := &mirrorWriter{root: root, files: make(chan mirrorFile, 64), dirs: map[string]bool{}}
	for range mirrorWriters {
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			for f := range w.files {
				if w.failed() != nil {
					continue // drain
				}
				if err := w.write(f.rel, f.data); err != nil {
					w.fail(err)
				}
			}
		}()
	}
	return w
}

func (w *mirrorWriter) put(rel string, data []byte) error {
	if err := w.failed(); err != nil {
		return err
	}
	w.files <- mirrorFile{rel, data}
	return nil
}

func (w *mirrorWriter) close() error {
	close(w.files)
	w.wg.Wait()
	return w.failed()
}

func (w *mirrorWriter) failed() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

func (w *mirrorWriter) fail(err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err == nil {
		w.err = err
	}
}

func (w *mirrorWriter) write(rel string, data []byte) error {
	path := filepath.Join(w.root, filepath.FromSlash(rel))
	if err := w.mkdir(filepath.Dir(path), rel); err != nil {
		return err
	}
	if err := writeNew(path, data); err != nil {
		return fmt.Errorf("cannot mirror %s: %w", rel, err)
	}
	return nil
}

func (w *mirrorWriter) mkdir(dir, rel string) error {
	w.mu.Lock()
	made := w.dirs[dir]
	w.mu.Unlock()
	if !made {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return fmt.Errorf("cannot mirror %s: %w", rel, err)
		}
		w.mu.Lock()
		w.dirs[dir] = true
		w.mu.Unlock()
	}
	return nil
}

func writeNew(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// writeSparse puts a file of size bytes, none of them written, at rel.
func writeSparse(root, rel string, size int64) error {
	path := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("cannot mirror %s: %w", rel, err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("cannot mirror %s: %w", rel, err)
	}
	err = f.Truncate(size)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// sizeOf says n bytes in MiB when it is a whole number of them.
func sizeOf(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Refs lists the short names of the branches, remote-tracking branches and
// tags of the repository holding dir that start with prefix and that
// CheckRef accepts, sorted, at most limit of them: what `--base` may name,
// for shell completion. Outside a repository, or without git, it is empty.
func Refs(ctx context.Context, dir, prefix string, limit int) []string {
	out, _, err := git(ctx, dir, nil, "for-each-ref", "--format=%(refname:short)", "--sort=refname",
		"refs/heads", "refs/remotes", "refs/tags")
	if err != nil {
		return nil
	}
	var refs []string
	for _, r := range strings.Split(string(out), "\n") {
		if r == "" || !strings.HasPrefix(r, prefix) || CheckRef(r) != nil {
			continue
		}
		refs = append(refs, r)
		if len(refs) == limit {
			break
		}
	}
	return refs
}

// SameFile is a file Settle left out of the mirror: its repository path
// and its object id (BlobID checks bytes against it).
type SameFile struct{ Path, Object string }

// Settle writes the files MirrorHeld held back, but those for which keep
// is true and that the work tree holds with the commit's bytes. It
// returns the files left out, sorted by path, and the changed files:
// those of the commit's selected files that the work tree does not hold
// with the commit's bytes, by repository path.
//
// With stat, which gives a file's metadata (repository path) as the run
// found it, the work tree's index says which files are the commit's
// (changedByIndex): a file is the same when the index records it with
// the commit's object id and with that metadata, as git decides a file
// is unchanged without reading it, and git is not asked. Otherwise, or
// when the index cannot say (another index file, a split or sparse
// index, most files not matching), git diff --raw against the commit
// does: the index's record of each file's metadata, the file read where
// that is not current. A file marked unchanged in the index
// (assume-unchanged, skip-worktree) is taken as git reports it, and as
// changed from the index.
func (r *Revision) Settle(ctx context.Context, dir, top string, keep func(path string) bool, stat func(path string) (FileStat, bool)) (same []SameFile, changed map[string]bool, err error) {
	ok := false
	if stat != nil {
		changed, ok = changedByIndex(top, r.tree, stat)
	}
	if !ok {
		if changed, err = diffPaths(ctx, dir, r.Ref, r.Commit); err != nil {
			return nil, nil, err
		}
	}
	// The tree is sorted by path, and so is same.
	same = make([]SameFile, 0, r.nheld)
	var write []entry
	r.mu.Lock()
	r.top = top
	if real, err := filepath.EvalSymlinks(r.Root); err == nil {
		r.real = real
	}
	for i, m := range r.mark {
		if m != markHeld {
			continue
		}
		e := r.tree[i]
		if !changed[e.path] && keep != nil && keep(e.path) {
			same = append(same, SameFile{e.path, e.object})
			r.mark[i] = markOut
			r.out++
			continue
		}
		r.mark[i] = markNone
		write = append(write, e)
	}
	r.nheld = 0
	r.mu.Unlock()
	w := newMirrorWriter(r.Root)
	catErr := catBlobs(ctx, dir, write, func(e entry, data []byte) error {
		r.Files++
		r.Bytes += int64(len(data))
		return w.put(e.path, data)
	})
	if err := w.close(); catErr == nil {
		catErr = err
	}
	if catErr != nil {
		return nil, nil, fmt.Errorf("--base %q: %w", r.Ref, catErr)
	}
	return same, changed, nil
}

// FileStat is a work-tree file's metadata, as lstat gives it: what the
// index records of it.
type FileStat struct {
	Size, Mtime, Ctime int64 // bytes; ns since the Unix epoch
	Ino, Dev           uint64
}

// changedByIndex says which of the files of tree (repository path to
// object id) the work tree at top does not hold with those bytes, from
// the work tree's index and each file's metadata (stat): a file is
// unchanged when the index records it, merged (stage 0), neither
// assume-unchanged, skip-worktree nor intent-to-add, with the tree's
// object id and with the very metadata stat gives (size, modification
// and change times to the nanosecond, inode and device; git keeps the
// low 32 bits of each), modified before the index was written (else it
// is racily clean: its bytes may have changed within the timestamps'
// granularity). Anything else is changed, which costs a read, never a
// wrong answer. ok is false when the index cannot say: git's
// environment names another repository or index, the index is not one
// this reader understands (a split or sparse index), it changed while
// read, or most files do not match it (a git that records no
// nanoseconds): git is asked instead.
func changedByIndex(top string, tree []entry, stat func(path string) (FileStat, bool)) (changed map[string]bool, ok bool) {
	for _, v := range []string{"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY"} {
		if os.Getenv(v) != "" {
			return nil, false
		}
	}
	gitDir, err := gitDirOf(top)
	if err != nil {
		return nil, false
	}
	path := filepath.Join(gitDir, "index")
	before, err := os.Lstat(path)
	if err != nil || !before.Mode().IsRegular() || before.Size() > maxIndexSize {
		return nil, false
	}
	data, err := readRegular(path, before.Size())
	if err != nil {
		return nil, false
	}
	after, err := os.Lstat(path)
	if err != nil || !after.ModTime().Equal(before.ModTime()) || after.Size() != before.Size() {
		return nil, false
	}
	written := before.ModTime().UnixNano()
	// One pass over the index and the tree together, both sorted by path
	// (an index out of order is not one git wrote: git is asked),
	// judging each entry the tree has; the tree's files it does not
	// record (merged) are changed too.
	changed = map[string]bool{}
	recorded := make([]bool, len(tree))
	var id [sha256.Size]byte
	var prev []byte
	j, sorted := 0, true
	if err := walkIndex(data, func(int) {}, func(name []byte, e indexEntry) {
		if !sorted || bytes.Compare(name, prev) < 0 {
			sorted = false
			return
		}
		prev = append(prev[:0], name...)
		for j < len(tree) && comparePath(tree[j].path, name) < 0 {
			j++
		}
		for k := j; k < len(tree) && comparePath(tree[k].path, name) == 0; k++ {
			p, object := tree[k].path, tree[k].object
			if e.flags&indexStageMask != 0 {
				changed[p] = true // unmerged: each of its stages
				continue
			}
			recorded[k] = true
			n := len(object) / 2
			same := n <= len(id) && decodeID(id[:n], object) && bytes.Equal(e.object, id[:n]) &&
				e.flags&indexAssumeValid == 0 && e.extended&(indexSkipWorktree|indexIntentToAdd) == 0
			if same {
				st, known := stat(p)
				same = known && sameStat(e, st) && int64(e.mtimeS)*1e9+int64(e.mtimeN) < written
			}
			if !same {
				changed[p] = true
			}
		}
	}); err != nil || !sorted {
		return nil, false
	}
	for k, ok := range recorded {
		if !ok {
			changed[tree[k].path] = true
		}
	}
	if len(changed) > 64 && len(changed)*2 > len(tree) {
		return nil, false
	}
	return changed, true
}

// comparePath compares a path with an index entry's name, bytewise, as
// strings.Compare would (without making a string of name).
func comparePath(p string, name []byte) int {
	n := min(len(p), len(name))
	for i := 0; i < n; i++ {
		if p[i] != name[i] {
			if p[i] < name[i] {
				return -1
			}
			return 1
		}
	}
	switch {
	case len(p) < len(name):
		return -1
	case len(p) > len(name):
		return 1
	}
	return 0
}

// readRegular reads the regular file at path, of size bytes (Lstat's),
// in one read: a file that is not regular, or of another size now, is an
// error.
func readRegular(path string, size int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() || info.Size() != size {
		return nil, fmt.Errorf("%s changed while read", path)
	}
	data := make([]byte, size+1)
	n, err := io.ReadFull(f, data)
	if err != io.ErrUnexpectedEOF || int64(n) != size {
		return nil, fmt.Errorf("%s changed while read", path)
	}
	return data[:n], nil
}

// sameStat reports whether the index records exactly this metadata (the
// low 32 bits of each field, as git keeps them).
func sameStat(e indexEntry, st FileStat) bool {
	const ns = int64(1e9)
	return e.size == uint32(st.Size) && e.ino == uint32(st.Ino) && e.dev == uint32(st.Dev) &&
		e.mtimeS == uint32(st.Mtime/ns) && e.mtimeN == uint32(st.Mtime%ns) &&
		e.ctimeS == uint32(st.Ctime/ns) && e.ctimeN == uint32(st.Ctime%ns)
}

// diffPaths are the files the commit and the work tree hold differently
// (added, removed, modified, of another type), by repository path.
func diffPaths(ctx context.Context, dir, ref, commit string) (map[string]bool, error) {
	out, stderr, err := git(ctx, dir, nil, "diff", "--raw", "-z", "--no-renames", "--no-ext-diff", "--no-textconv",
		"--ignore-submodules=all", "--full-index", commit, "--")
	if err != nil {
		return nil, fmt.Errorf("--base %q: git cannot compare the commit with the work tree: %s", ref, firstLine(stderr, err))
	}
	changed := map[string]bool{}
	recs := bytes.Split(out, []byte{0})
	for i := 0; i < len(recs); i++ {
		meta := recs[i]
		if len(meta) == 0 {
			continue
		}
		if meta[0] != ':' || i+1 >= len(recs) {
			return nil, fmt.Errorf("--base %q: cannot read git diff's line %q", ref, string(meta))
		}
		i++
		changed[string(recs[i])] = true
	}
	return changed, nil
}

// BlobID is git's object id of a file holding data, in the hash of id (a
// SHA-1 or a SHA-256 object id): whether data are the bytes of the blob
// id names.
func BlobID(data []byte, id string) string {
	header := fmt.Sprintf("blob %d\x00", len(data))
	if len(id) == 64 {
		h := sha256.New()
		h.Write([]byte(header))
		h.Write(data)
		return hex.EncodeToString(h.Sum(nil))
	}
	h := sha1.New()
	h.Write([]byte(header))
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

// Ensure writes the file at abs (a path in the mirror) when Settle left it
// out, so that a reader that asks for a file by name (an OpenAPI
// description, the files its $refs lead to) finds the commit's bytes
// there: read from the work tree, whose bytes git found the same, and
// checked against the commit's object id (else read from the object
// store). A failure is kept for EnsureErr: the run must not go on with a
// file missing that the commit has.
func (r *Revision) Ensure(ctx context.Context, abs string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.out == 0 {
		return
	}
	rel, ok := "", false
	for _, root := range []string{r.Root, r.real} {
		if root == "" {
			continue
		}
		if p, err := filepath.Rel(root, abs); err == nil && filepath.IsLocal(p) {
			rel, ok = filepath.ToSlash(p), true
			break
		}
	}
	if !ok {
		return
	}
	i, ok := findEntry(r.tree, rel)
	if !ok || r.mark[i] != markOut {
		return
	}
	e := r.tree[i]
	r.mark[i] = markNone
	r.out--
	data, err := os.ReadFile(filepath.Join(r.top, filepath.FromSlash(rel)))
	if err != nil || int64(len(data)) != e.size || BlobID(data, e.object) != e.object {
		data = nil
		err = catBlobs(ctx, r.top, []entry{e}, func(_ entry, b []byte) error {
			data = b
			return nil
		})
	}
	if err == nil {
		path := filepath.Join(r.Root, filepath.FromSlash(rel))
		if err = os.MkdirAll(filepath.Dir(path), 0o700); err == nil {
			err = writeNew(path, data)
		}
	}
	if err != nil && r.ensureErr == nil {
		r.ensureErr = fmt.Errorf("--base %q: cannot mirror %s: %w", r.Ref, rel, err)
	}
	if err == nil {
		r.Files++
		r.Bytes += int64(len(data))
	}
}

// EnsureErr is the first file Ensure could not write.
func (r *Revision) EnsureErr() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.ensureErr
}
