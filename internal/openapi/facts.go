package openapi

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/ifacelint/ifacelint/internal/safefile"
	"github.com/ifacelint/ifacelint/internal/vcs"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// Facts is what the drift rules see of a description, through the built-in
// function ifacelint.openapi (docs/custom-policies.md): plain values only,
// every location a "file:line:column" string.
//
//	{
//	  "file": "api/orders.yaml",
//	  "servers": [{"url": …, "display": …, "at": …}],
//	  "schemes": [{"name": …, "type": …, "summary": …, "method": …, "at": …}],
//	  "scopes": [{"scope": …, "scheme": …, "at": …}],
//	  "anonymous": {"operation": "GET /status", "at": …}
//	}
//
// servers are the absolute server URLs (variables expanded with their
// defaults; relative ones are left out: the description cannot say where
// they are served), display each without user information, query or
// fragment. schemes are the security schemes the operations of paths
// require (without operations, the global requirements), at their first
// use, with the inventory's authentication method ("" when none matches).
// scopes are the OAuth 2 and OpenID Connect scopes those requirements
// name, each at its first use. anonymous is present when an operation
// allows access without credentials. Webhooks are not part of the facts.
func (d *Description) Facts(file string) map[string]any {
	servers := []any{}
	for _, s := range d.Servers {
		if s.Relative {
			continue
		}
		servers = append(servers, map[string]any{"url": s.URL, "display": DisplayURL(s.URL), "at": s.At.String()})
	}
	schemes, scopes := []any{}, []any{}
	for _, u := range d.InUse(d.Operations) {
		s := u.Scheme
		schemes = append(schemes, map[string]any{
			"name": s.Name, "type": s.Type, "summary": s.Summary(), "method": s.Method, "at": u.FirstUse.String(),
		})
		if s.Type != "oauth2" && s.Type != "openIdConnect" {
			continue // 3.1 roles of other schemes are not scopes
		}
		for _, sc := range u.Scopes {
			scopes = append(scopes, map[string]any{"scope": sc.Name, "scheme": s.Name, "at": sc.At.String()})
		}
	}
	out := map[string]any{"file": file, "servers": servers, "schemes": schemes, "scopes": scopes}
	if op := d.AnyAnonymous(d.Operations); op != nil {
		name := ""
		if op.Method != "" {
			name = strings.ToUpper(op.Method) + " " + op.Path
		}
		out["anonymous"] = map[string]any{"operation": name, "at": op.At.String()}
	}
	return out
}

var userInfo = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.-]*://)[^/]*@`)

// DisplayURL drops user information, query and fragment from a URL, so
// that a password or token written into it never reaches the output.
func DisplayURL(u string) string {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	return userInfo.ReplaceAllString(u, "${1}")
}

// stateOf is a file's state as Reader keys it: the digest of the bytes
// read, or why they could not be read.
func stateOf(data []byte, err error) string {
	if err != nil {
		return "unreadable: " + safefile.Reason(err)
	}
	sum := sha256.Sum256(data)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// linkState is the state of a path that resolved (filepath.EvalSymlinks)
// to real, or failed to: missing, or a symlink on the way.
func linkState(lexical, real string, err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "missing"
	case err != nil:
		return "unresolvable: " + safefile.Reason(err)
	case real != lexical:
		return "symlink to " + real
	}
	return ""
}

// fileState reads the state of one file now, as the loader would see it.
// With r.known, a regular file whose metadata is what it was when a digest
// of it was recorded is not read again.
func (r *Reader) fileState(p string) string {
	if state, _ := r.track(p); state != "" {
		return state
	}
	real, info, err := r.evalSymlinks(p)
	if s := linkState(p, real, err); s != "" {
		return s
	}
	if r.known != nil && info != nil && info.Mode().IsRegular() {
		if digest, ok := r.known.Digest(p, info); ok {
			return "sha256:" + hex.EncodeToString(digest[:])
		}
		data, err := safefile.ReadFile(p, inventory.DefaultMaxFileSize)
		if err == nil {
			r.known.Record(p, info, sha256.Sum256(data)) // info from before the read
		}
		return stateOf(data, err)
	}
	return stateOf(safefile.ReadFile(p, inventory.DefaultMaxFileSize))
}

// evalSymlinks is filepath.EvalSymlinks(p), with each directory resolved
// once per run: most descriptions share a few directories, and resolving
// every component of every path again costs a system call each. info is
// p's Lstat when that was all it took, else nil.
func (r *Reader) evalSymlinks(p string) (real string, info fs.FileInfo, err error) {
	dir := filepath.Dir(p)
	r.mu.Lock()
	d, ok := r.dirs[dir]
	r.mu.Unlock()
	if !ok {
		d.real, d.err = filepath.EvalSymlinks(dir)
		r.mu.Lock()
		r.dirs[dir] = d
		r.mu.Unlock()
	}
	if d.err == nil && d.real == dir {
		if info, err := os.Lstat(p); err == nil && info.Mode()&fs.ModeSymlink == 0 {
			return p, info, nil // no symlink on the way, and p exists
		}
	}
	real, err = filepath.EvalSymlinks(p) // for its exact answer
	return real, nil, err
}

// Known lets a Reader trust a file's metadata (Reader.SetKnown): Digest
// returns the SHA-256 recorded for the file at path when its metadata is
// still info; Record notes the SHA-256 of what was read from a file whose
// metadata, before the read, was info. lint passes the content cache's
// manifest of the files it reads.
type Known interface {
	Digest(path string, info fs.FileInfo) ([32]byte, bool)
	Record(path string, info fs.FileInfo, digest [32]byte)
}

// SetKnown makes State trust k for files this run did not read; call it
// before State.
func (r *Reader) SetKnown(k Known) { r.known = k }

// SetNotice makes Describe pass on a description's notice (Description.
// Notice: $refs left unresolved), once, when it reads the description;
// call it before Describe. notice may be called from several goroutines.
func (r *Reader) SetNotice(notice func(string)) { r.notice = notice }

// Reader reads the descriptions an inventory names (spec.apiSpec), each
// at most once, for one run. Paths are relative to the repository root,
// slash-separated; a description and the files its $refs lead to must lie
// inside the root, with no symlink on the way, never inside .git, and, in
// a git work tree, be files the repository tracks (tracked.go); they are
// read with the inventory loader's limits (Load). Safe for concurrent use.
type Reader struct {
	ctx      context.Context
	root     string // absolute, symlinks resolved
	tracking *vcs.Tracking

	mu     sync.Mutex
	descs  map[string]*readerEntry
	states map[string]string   // by absolute path: the state each was read in
	dirs   map[string]dirState // evalSymlinks
	known  Known
	notice func(string)
	ensure func(abs string)
}

// dirState is a directory resolved by filepath.EvalSymlinks.
type dirState struct {
	real string
	err  error
}

type readerEntry struct {
	once  sync.Once
	facts map[string]any
	files []string
	err   error
}

// NewReader returns a Reader of the descriptions below root. ctx bounds
// every read: a description's facts do not depend on which document asked
// first, so no document's time limit cuts a read short.
func NewReader(ctx context.Context, root string) (*Reader, error) {
	abs, err := filepath.Abs(root)
	if err == nil {
		abs, err = filepath.EvalSymlinks(abs)
	}
	if err != nil {
		return nil, fmt.Errorf("repository root: %w", err)
	}
	return &Reader{ctx: ctx, root: abs, tracking: vcs.NewTracking(abs),
		descs: map[string]*readerEntry{}, states: map[string]string{}, dirs: map[string]dirState{}}, nil
}

// Root is the repository root, absolute, symlinks resolved.
func (r *Reader) Root() string { return r.root }

// Describe returns the facts of the description at apiSpec, or, when it
// cannot be read, {"file": apiSpec, "error": why, at file:line:column}; and
// the absolute paths of the files the answer depends on (State). err is
// only the run's context ending.
func (r *Reader) Describe(apiSpec string) (facts map[string]any, files []string, err error) {
	r.mu.Lock()
	e, ok := r.descs[apiSpec]
	if !ok {
		e = &readerEntry{}
		r.descs[apiSpec] = e
	}
	r.mu.Unlock()
	e.once.Do(func() { e.facts, e.files, e.err = r.describe(apiSpec) })
	return e.facts, e.files, e.err
}

func (r *Reader) describe(apiSpec string) (map[string]any, []string, error) {
	var files []string
	note := func(real, state string) {
		files = append(files, real)
		r.mu.Lock()
		if _, seen := r.states[real]; !seen {
			r.states[real] = state
		}
		r.mu.Unlock()
	}
	failed := func(msg string) (map[string]any, []string, error) {
		slices.Sort(files)
		return map[string]any{"file": apiSpec, "error": msg}, slices.Compact(files), nil
	}
	name, why := cleanSpecPath(apiSpec)
	if why != "" {
		return failed(fmt.Sprintf("%s: %s", strconv.Quote(apiSpec), why))
	}
	abs := filepath.Join(r.root, filepath.FromSlash(name))
	// Before the file is looked at: the answer is the same whether it
	// exists or not.
	if state, why := r.track(abs); state != "" {
		note(abs, state)
		return failed(name + ": " + why)
	}
	real, err := filepath.EvalSymlinks(abs)
	if state := linkState(abs, real, err); state != "" {
		note(abs, state)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return failed(name + ": no such file in the repository")
		case err != nil:
			return failed(name + ": " + safefile.Reason(err))
		}
		return failed(name + ": goes through a symlink: symlinks are not followed")
	}
	d, err := Load(r.ctx, abs, Options{Root: r.root, Name: name, Note: note, Check: r.check})
	var oe *Error
	switch {
	case errors.As(err, &oe):
		return failed(oe.Error())
	case err != nil && r.ctx.Err() != nil:
		return nil, nil, r.ctx.Err()
	case err != nil:
		return failed(name + ": " + err.Error())
	}
	if n := d.Notice(); n != "" && r.notice != nil {
		r.notice(n)
	}
	slices.Sort(files)
	return d.Facts(name), slices.Compact(files), nil
}

// cleanSpecPath checks a repository-relative path and returns it cleaned,
// or why it is refused.
func cleanSpecPath(p string) (string, string) {
	switch {
	case p == "":
		return "", "empty path"
	case strings.ContainsRune(p, 0):
		return "", "a path cannot hold a NUL character"
	case strings.HasPrefix(p, "//") || uriScheme.MatchString(p):
		return "", "is a URL: descriptions are never fetched over the network; name a file in the repository"
	case strings.HasPrefix(p, "/") || filepath.IsAbs(p):
		return "", "is an absolute path: name the file relative to the repository root"
	}
	clean := path.Clean(p)
	if clean == ".." || strings.HasPrefix(clean, "../") {
		return "", "leads outside the repository"
	}
	if insideGit(p) || insideGit(clean) {
		return "", "is inside .git: " + errInsideGit
	}
	return clean, ""
}

// check is Options.Check for the files a description's $refs lead to.
func (r *Reader) check(abs string) (state, why string) { return r.track(abs) }

// track is the tracking state of a file the reader is about to look at,
// once the file is there (SetEnsure).
func (r *Reader) track(abs string) (state, why string) {
	if r.ensure != nil {
		r.ensure(abs)
	}
	return r.tracking.State(r.ctx, abs)
}

// SetEnsure makes the reader call ensure with the absolute path of every
// file before it looks at it: a reader of a revision whose files are
// written when asked for (lint --base). Call it before Describe.
func (r *Reader) SetEnsure(ensure func(abs string)) { r.ensure = ensure }

// State is the digest of what descriptions read from files depends on:
// the repository root and the state of each of the files (as Describe
// returns them) — the bytes this run read, or, for a file this run did not
// read, what it holds now. Two runs with the same State get the same facts.
func (r *Reader) State(files []string) [32]byte {
	h := sha256.New()
	h.Write([]byte(r.root))
	h.Write([]byte{0})
	for _, f := range files {
		h.Write([]byte(f))
		h.Write([]byte{0})
		h.Write([]byte(r.state(f)))
		h.Write([]byte{0})
	}
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}

// PortableState is State without the root, for files that are all below
// it: the digest of each file's path relative to the root and its state.
// Two readers of different roots with the same PortableState get the same
// facts, which name files only relative to the root. false when a file is
// not below the root, or its state is neither bytes read nor missing (a
// symlink, a file the repository does not track, one that could not be
// read: such states may depend on more than the root's files, or name the
// place).
func (r *Reader) PortableState(files []string) ([32]byte, bool) {
	h := sha256.New()
	h.Write([]byte("portable\x00"))
	for _, f := range files {
		rel, err := filepath.Rel(r.root, f)
		if err != nil || !filepath.IsLocal(rel) {
			return [32]byte{}, false
		}
		state := r.state(f)
		if state != "missing" && !strings.HasPrefix(state, "sha256:") {
			return [32]byte{}, false
		}
		h.Write([]byte(filepath.ToSlash(rel)))
		h.Write([]byte{0})
		h.Write([]byte(state))
		h.Write([]byte{0})
	}
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out, true
}

// state is a file's state as this run read it, or, for a file it did not
// read, as it is now (fileState).
func (r *Reader) state(f string) string {
	r.mu.Lock()
	state, ok := r.states[f]
	r.mu.Unlock()
	if !ok {
		state = r.fileState(f)
		r.mu.Lock()
		r.states[f] = state
		r.mu.Unlock()
	}
	return state
}
