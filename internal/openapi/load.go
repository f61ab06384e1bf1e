package openapi

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/ifacelint/ifacelint/internal/safefile"
	"github.com/ifacelint/ifacelint/internal/vcs"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// Limits of one description, on top of the inventory loader's limits for
// every file read (size, aliases, depth, encoding).
const (
	// MaxFiles is how many files one description may span: itself and the
	// files its $refs lead to.
	MaxFiles = 64
	// MaxTotalSize bounds the bytes of all those files together.
	MaxTotalSize = 16 << 20
	// MaxRefHops bounds a chain of $refs to $refs.
	MaxRefHops = 32
)

// Error is a description that cannot be read, at the file, line and column
// of the offending node (1:1 for a file that cannot be read at all).
type Error struct {
	At  Location
	Msg string
	// external: the $ref at At leads to a URL, an absolute path or a file
	// outside the repository (loader.external), which is never read.
	external bool
}

func (e *Error) Error() string { return e.At.String() + ": " + e.Msg }

// Options tunes Load.
type Options struct {
	// Root is the directory tree $refs may lead into: the repository. When
	// empty it is the git repository holding the description (the nearest
	// directory above it with a .git), else the description's directory.
	Root string
	// Name is how messages and locations name the description's file;
	// empty, the path as given. The files its $refs lead to are named
	// relative to it.
	Name string
	// Note, when set, is told the state of every file the description
	// needs, as it is read or found missing: its absolute path (symlinks
	// resolved) and State's value for the bytes read. A cache keys what
	// it keeps of the description on these (Reader).
	Note func(real, state string)
	// Check, when set, is asked before a file a $ref leads to is looked
	// at (its absolute path, inside Root): a non-empty why refuses it, and
	// Note is told state. lint refuses files git does not track.
	Check func(abs string) (state, why string)
}

// source is one file read.
type source struct {
	display string // as given, or joined to the referencing file's directory
	real    string // absolute, symlinks resolved
	doc     *inventory.Document
}

type loader struct {
	ctx   context.Context
	note  func(real, state string)
	check func(abs string) (state, why string)
	root  string // absolute, symlinks resolved
	files map[string]*source
	order []*source
	total int64
}

// node is a value inside one of the files, with its path for positions.
type node struct {
	src  *source
	path inventory.Path
	v    any
}

func (n node) at() Location {
	pos, _ := n.src.doc.Locate(n.path)
	return Location{File: n.src.display, Line: pos.Line, Column: pos.Column}
}

func (n node) errorf(format string, args ...any) error {
	return &Error{At: n.at(), Msg: fmt.Sprintf(format, args...)}
}

func (n node) get(key string) node {
	m, _ := n.v.(map[string]any)
	return node{src: n.src, path: n.path.Child(key), v: m[key]}
}

func (n node) index(i int) node {
	l, _ := n.v.([]any)
	var v any
	if i < len(l) {
		v = l[i]
	}
	return node{src: n.src, path: n.path.Child(i), v: v}
}

func (n node) has(key string) bool {
	m, _ := n.v.(map[string]any)
	_, ok := m[key]
	return ok
}

func (n node) str() string {
	s, _ := n.v.(string)
	return s
}

func (n node) obj() map[string]any {
	m, _ := n.v.(map[string]any)
	return m
}

func (n node) list() []any {
	l, _ := n.v.([]any)
	return l
}

// allString: every plain scalar keeps its source text (`openapi: 3.0` is
// "3.0", a scope `2024` is "2024"); booleans and numbers are not facts here.
func allString(string, inventory.Path) bool { return true }

// Load reads the OpenAPI description at path, follows the $refs the facts
// need, and returns the facts. Anything wrong with the description is an
// *Error; ctx ending the work returns ctx.Err().
func Load(ctx context.Context, path string, opts Options) (*Description, error) {
	name := opts.Name
	if name == "" {
		name = path
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	dir, err := filepath.EvalSymlinks(filepath.Dir(abs))
	if err != nil {
		return nil, &Error{At: Location{name, 1, 1}, Msg: "cannot read file: " + safefile.Reason(err)}
	}
	real := filepath.Join(dir, filepath.Base(abs))
	root := opts.Root
	if root == "" {
		root, _ = vcs.RepoRoot(dir)
	} else if root, err = filepath.Abs(root); err == nil {
		root, err = filepath.EvalSymlinks(root)
	}
	if err != nil {
		return nil, fmt.Errorf("repository root: %w", err)
	}
	l := &loader{ctx: ctx, root: root, files: map[string]*source{}, note: opts.Note, check: opts.Check}
	src, err := l.load(name, real, Location{name, 1, 1})
	if err != nil {
		return nil, err
	}
	d, err := l.describe(src)
	if err != nil {
		return nil, err
	}
	for _, s := range l.order {
		d.Files = append(d.Files, s.display)
		d.RealFiles = append(d.RealFiles, s.real)
	}
	d.Unresolved = l.unresolved()
	return d, nil
}

// load reads and parses one file with the inventory loader's limits; from
// is the $ref that led to it (the description itself: 1:1 of its file).
func (l *loader) load(display, real string, from Location) (*source, error) {
	if s, ok := l.files[real]; ok {
		return s, nil
	}
	if len(l.files) == MaxFiles {
		return nil, &Error{At: from, Msg: fmt.Sprintf("the description spans more than %d files", MaxFiles)}
	}
	data, err := safefile.ReadFile(real, inventory.DefaultMaxFileSize)
	if l.note != nil {
		l.note(real, stateOf(data, err))
	}
	if err != nil {
		if errors.Is(err, safefile.ErrTooLarge) {
			return nil, &Error{At: Location{display, 1, 1}, Msg: "file is over the " + safefile.HumanBytes(inventory.DefaultMaxFileSize) + " size limit"}
		}
		return nil, &Error{At: from, Msg: fmt.Sprintf("cannot read %s: %s", display, safefile.Reason(err))}
	}
	l.total += int64(len(data))
	if l.total > MaxTotalSize {
		return nil, &Error{At: from, Msg: fmt.Sprintf("the description's files together are over the %s limit", safefile.HumanBytes(MaxTotalSize))}
	}
	f, err := inventory.ParseContext(l.ctx, display, data, inventory.Options{WantsString: allString, PositionDepth: positionDepth})
	if err != nil {
		return nil, err
	}
	if len(f.Problems) > 0 {
		p := f.Problems[0]
		return nil, &Error{At: Location{display, p.Pos.Line, p.Pos.Column}, Msg: p.Message}
	}
	if len(f.Docs) != 1 {
		return nil, &Error{At: Location{display, 1, 1}, Msg: fmt.Sprintf("holds %d YAML documents; an OpenAPI description is one", len(f.Docs))}
	}
	doc := f.Docs[0]
	if len(doc.Problems) > 0 {
		p := doc.Problems[0]
		return nil, &Error{At: Location{display, p.Pos.Line, p.Pos.Column}, Msg: p.Message}
	}
	s := &source{display: display, real: real, doc: doc}
	l.files[real] = s
	l.order = append(l.order, s)
	return s, nil
}

// uriScheme matches a URI's scheme ("https:", "file:"); a Windows drive
// letter is refused by the same test, which is right: it is absolute.
var uriScheme = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)

// resolve follows n while it is a Reference Object ({$ref: …}); what wants
// says what the target must be, for messages ("a path item").
func (l *loader) resolve(n node) (node, error) {
	var chain []string
	seen := map[string]bool{}
	for hop := 0; ; hop++ {
		ref, ok := n.obj()["$ref"].(string)
		if !ok {
			return n, nil
		}
		at := n.get("$ref")
		if hop == MaxRefHops {
			return node{}, at.errorf("more than %d $refs in a chain", MaxRefHops)
		}
		key := n.src.real + "#" + n.path.String()
		if seen[key] {
			return node{}, at.errorf("$ref cycle: %s", strings.Join(append(chain, ref), " → "))
		}
		seen[key] = true
		chain = append(chain, ref)
		next, err := l.follow(at, ref)
		if err != nil {
			return node{}, err
		}
		n = next
	}
}

// follow finds the target of one $ref written at at.
func (l *loader) follow(at node, ref string) (node, error) {
	if err := l.ctx.Err(); err != nil {
		return node{}, err
	}
	file, frag, _ := strings.Cut(ref, "#")
	if why := l.external(at.src.real, ref); why != "" {
		e := at.errorf("$ref %s %s: %s", strconv.Quote(ref), why, externalHint[why]).(*Error)
		e.external = true
		return node{}, e
	}
	src := at.src
	if file != "" {
		name, err := url.PathUnescape(file)
		if err != nil || strings.ContainsRune(name, 0) {
			return node{}, at.errorf("$ref %s: bad file name", strconv.Quote(ref))
		}
		lexical := filepath.Join(filepath.Dir(at.src.real), filepath.FromSlash(name))
		if rel, _ := filepath.Rel(l.root, lexical); insideGit(filepath.ToSlash(rel)) || insideGit(name) {
			return node{}, at.errorf("$ref %s leads into .git: %s", strconv.Quote(ref), errInsideGit)
		}
		if l.check != nil {
			if state, why := l.check(lexical); state != "" {
				if l.note != nil {
					l.note(lexical, state)
				}
				return node{}, at.errorf("$ref %s: %s", strconv.Quote(ref), why)
			}
		}
		real, err := filepath.EvalSymlinks(lexical)
		if l.note != nil && (err != nil || real != lexical) {
			l.note(lexical, linkState(lexical, real, err))
		}
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return node{}, at.errorf("$ref %s: no such file", strconv.Quote(ref))
		case err != nil:
			return node{}, at.errorf("$ref %s: %s", strconv.Quote(ref), safefile.Reason(err))
		case real != lexical:
			where := "inside the repository"
			if !within(l.root, real) {
				where = "leading outside the repository"
			}
			return node{}, at.errorf("$ref %s goes through a symlink %s: symlinks are not followed", strconv.Quote(ref), where)
		}
		display := filepath.Join(filepath.Dir(at.src.display), filepath.FromSlash(name))
		if src, err = l.load(display, real, at.at()); err != nil {
			return node{}, err
		}
	}
	return pointer(at, src, frag, ref)
}

// The reasons loader.external gives, and what the error adds to each.
const (
	whyURL      = "is a URL"
	whyAbsolute = "is an absolute path"
	whyOutside  = "leads outside the repository"
)

var externalHint = map[string]string{
	whyURL:      "references are never fetched over the network; copy the target into the repository",
	whyAbsolute: "references must be relative, to a file inside the repository",
	whyOutside:  "references are followed only inside it",
}

// external says why ref, written in the file at real, leads where the
// loader never goes — a URL, an absolute path, a file outside the
// repository — or "" when it does not.
func (l *loader) external(real, ref string) string {
	file, _, _ := strings.Cut(ref, "#")
	switch {
	case strings.HasPrefix(file, "//") || uriScheme.MatchString(file):
		return whyURL
	case strings.HasPrefix(file, "/") || filepath.IsAbs(file):
		return whyAbsolute
	case file == "":
		return ""
	}
	name, err := url.PathUnescape(file)
	switch {
	case err != nil || strings.ContainsRune(name, 0):
		return "" // follow refuses it as a bad file name
	case filepath.IsAbs(name) || strings.HasPrefix(name, "/"):
		return whyAbsolute
	case !within(l.root, filepath.Join(filepath.Dir(real), filepath.FromSlash(name))):
		return whyOutside
	}
	return ""
}

// unresolved lists the $refs of the files read that lead where the loader
// never goes (external): none of them was needed, or the description
// would have failed to load. In the order of the files, each in source
// order.
func (l *loader) unresolved() []UnresolvedRef {
	var out []UnresolvedRef
	var walk func(n node)
	walk = func(n node) {
		switch v := n.v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok {
				if why := l.external(n.src.real, ref); why != "" {
					out = append(out, UnresolvedRef{Ref: ref, Why: why, At: n.get("$ref").at()})
				}
			}
			for _, k := range allKeys(v) {
				walk(n.get(k))
			}
		case []any:
			for i := range v {
				walk(n.index(i))
			}
		}
	}
	for _, s := range l.order {
		from := len(out)
		walk(node{src: s, v: s.doc.Value})
		slices.SortStableFunc(out[from:], func(a, b UnresolvedRef) int {
			return cmp.Or(cmp.Compare(a.At.Line, b.At.Line), cmp.Compare(a.At.Column, b.At.Column))
		})
	}
	return out
}

// pointer walks a JSON pointer fragment ("/components/schemas/A") in src.
func pointer(at node, src *source, frag, ref string) (node, error) {
	n := node{src: src, v: src.doc.Value}
	if frag == "" {
		return n, nil
	}
	frag, err := url.PathUnescape(frag)
	if err != nil || !strings.HasPrefix(frag, "/") {
		return node{}, at.errorf("$ref %s: only JSON pointers (#/…) are supported after #", strconv.Quote(ref))
	}
	for _, tok := range strings.Split(frag[1:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch v := n.v.(type) {
		case map[string]any:
			if _, ok := v[tok]; !ok {
				return node{}, at.errorf("$ref %s: %s has no %s", strconv.Quote(ref), src.display, strconv.Quote(tok))
			}
			n = n.get(tok)
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(v) {
				return node{}, at.errorf("$ref %s: %s has no item %s", strconv.Quote(ref), src.display, strconv.Quote(tok))
			}
			n = n.index(i)
		default:
			return node{}, at.errorf("$ref %s: %s has no %s", strconv.Quote(ref), src.display, strconv.Quote(tok))
		}
	}
	return n, nil
}

// within reports whether p is root or below it.
func within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// positionDepth bounds the keys whose positions are kept: every fact sits
// at most this deep (paths./a.post.security[0].oauth[1] is 6), while the
// schemas, which hold most nodes of a description, go deeper and need
// none. A deeper node is located at its nearest kept parent.
const positionDepth = 10
