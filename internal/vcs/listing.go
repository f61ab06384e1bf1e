package vcs

import (
	"bytes"
	"crypto/sha1" //nolint:gosec // git's object ids: the hash git names the objects by
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"strconv"
	"strings"
)

// Listings keeps the listing of a commit's tree (git ls-tree -r -l) from
// one run to the next: a commit's tree never changes, so a warm run needs
// no git ls-tree. The application backs it with the content cache, whose
// directory is the user's; the listing is read as untrusted all the same.
// What Get returns is used only when it proves itself against the commit
// id git resolved in this run (openListing, treeHasher): the commit object
// it carries must hash to that id, and the listing must rebuild the very
// tree objects that commit names. So an entry, forged or of another
// commit, cannot make a file other than the commit's count as the base's
// (nor hide a changed file): it is not used, and git lists the commit.
// The sizes it carries are not covered by the ids: a file's size is
// checked against git's wherever it decides what the run reads (see
// MirrorHeld).
type Listings interface {
	// Get returns the payload Put stored for the commit id, if any.
	Get(commit string) ([]byte, bool)
	// Put stores a payload for the commit id; it may drop it.
	Put(commit string, payload []byte)
}

// keepOnly is Listings that keeps listings but gives none.
type keepOnly struct{ Listings }

func (keepOnly) Get(string) ([]byte, bool) { return nil, false }

// listingMagic starts a stored listing:
//
//	"ifacelint-listing-1\n", the commit id and "\n"
//	the length of the commit object (uvarint), the commit object
//	git ls-tree -r -z -l --full-tree's output for the commit
var listingMagic = []byte("ifacelint-listing-1\n")

// maxCommitObject is the largest commit object kept with a listing.
const maxCommitObject = 1 << 20

// encodeListing is the stored form of the listing out of commit, whose
// object is obj.
func encodeListing(commit string, obj, out []byte) []byte {
	b := make([]byte, 0, len(listingMagic)+len(commit)+1+binary.MaxVarintLen64+len(obj)+len(out))
	b = append(b, listingMagic...)
	b = append(b, commit...)
	b = append(b, '\n')
	b = binary.AppendUvarint(b, uint64(len(obj)))
	b = append(b, obj...)
	return append(b, out...)
}

// openListing returns the listing a stored payload holds, and the id of
// the tree it must rebuild, when the payload is of commit and its commit
// object is that commit's (its bytes hash to the id): the tree id is then
// the commit's. ok is false otherwise.
func openListing(payload []byte, commit string) (out []byte, tree string, ok bool) {
	rest, ok := bytes.CutPrefix(payload, listingMagic)
	if !ok {
		return nil, "", false
	}
	id, rest, ok := bytes.Cut(rest, []byte{'\n'})
	if !ok || string(id) != commit {
		return nil, "", false
	}
	n, k := binary.Uvarint(rest)
	if k <= 0 || n > maxCommitObject || n > uint64(len(rest)-k) {
		return nil, "", false
	}
	obj, out := rest[k:k+int(n)], rest[k+int(n):]
	if objectID("commit", obj, len(commit) == 64) != commit {
		return nil, "", false
	}
	tree, ok = commitTree(obj, len(commit))
	return out, tree, ok
}

// commitTree is the tree a commit object names (its first line).
func commitTree(obj []byte, idLen int) (string, bool) {
	line, _, ok := bytes.Cut(obj, []byte{'\n'})
	tree, found := bytes.CutPrefix(line, []byte("tree "))
	if !ok || !found || len(tree) != idLen || !isObjectID(string(tree)) {
		return "", false
	}
	return string(tree), true
}

// objectID is git's id of an object of kind holding data, in SHA-256
// when long, else SHA-1.
func objectID(kind string, data []byte, long bool) string {
	h := newHash(long)
	h.Write([]byte(kind + " " + strconv.Itoa(len(data)) + "\x00"))
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

func newHash(long bool) hash.Hash {
	if long {
		return sha256.New()
	}
	return sha1.New() //nolint:gosec // git's object ids
}

// treeHasher rebuilds, from a recursive listing in git's order (git
// ls-tree -r, which lists each tree's entries in the order the tree
// holds them, a subtree's in its place), the tree objects it lists, and
// gives the id of the root tree: a listing that gives the commit's tree id
// is the commit's (its paths, modes and object ids), as git would list it.
// Anything it cannot rebuild (a mode git does not write, an empty path
// component, an id of the wrong length) makes it fail, which costs a git
// ls-tree, never a wrong listing.
type treeHasher struct {
	long bool
	dirs []openTree // the trees being built, the root first
	raw  [sha256.Size]byte
	bad  bool
	free [][]byte // buffers of trees closed, for the next ones
}

type openTree struct {
	path string // "" for the root
	buf  []byte // its entries so far
}

func newTreeHasher(long bool) *treeHasher {
	return &treeHasher{long: long, dirs: []openTree{{}}}
}

// add takes the next entry of the listing.
func (h *treeHasher) add(e entry) {
	if h.bad {
		return
	}
	switch {
	case (e.mode == "100644" || e.mode == "100755" || e.mode == "120000") && e.kind == "blob":
	case e.mode == "160000" && e.kind == "commit":
	default:
		h.bad = true
		return
	}
	idLen := 20
	if h.long {
		idLen = 32
	}
	if len(e.object) != 2*idLen {
		h.bad = true
		return
	}
	dir, name := "", e.path
	if i := strings.LastIndexByte(e.path, '/'); i >= 0 {
		dir, name = e.path[:i], e.path[i+1:]
	}
	if name == "" {
		h.bad = true
		return
	}
	// Close the trees the entry is not in, then open those it is in.
	for {
		top := h.dirs[len(h.dirs)-1].path
		if top == dir || top == "" || strings.HasPrefix(dir, top+"/") {
			break
		}
		h.close()
	}
	for top := h.dirs[len(h.dirs)-1].path; top != dir; top = h.dirs[len(h.dirs)-1].path {
		rest := dir
		if top != "" {
			rest = dir[len(top)+1:]
		}
		comp, _, _ := strings.Cut(rest, "/")
		if comp == "" {
			h.bad = true
			return
		}
		p := comp
		if top != "" {
			p = top + "/" + comp
		}
		var buf []byte
		if n := len(h.free); n > 0 {
			buf, h.free = h.free[n-1][:0], h.free[:n-1]
		}
		h.dirs = append(h.dirs, openTree{path: p, buf: buf})
	}
	t := &h.dirs[len(h.dirs)-1]
	if !decodeID(h.raw[:idLen], e.object) {
		h.bad = true
		return
	}
	t.buf = append(t.buf, e.mode...)
	t.buf = append(t.buf, ' ')
	t.buf = append(t.buf, name...)
	t.buf = append(t.buf, 0)
	t.buf = append(t.buf, h.raw[:idLen]...)
}

// decodeID decodes the hex object id s into dst (of half its length),
// without copying s; false when s is not lower-case hex of that length.
func decodeID(dst []byte, s string) bool {
	if len(s) != 2*len(dst) {
		return false
	}
	for i := range dst {
		hi, lo := hexValue[s[2*i]], hexValue[s[2*i+1]]
		if hi > 15 || lo > 15 {
			return false
		}
		dst[i] = hi<<4 | lo
	}
	return true
}

// hexValue is each lower-case hex digit's value; 0xff for other bytes.
var hexValue = func() (t [256]byte) {
	for i := range t {
		t[i] = 0xff
	}
	for i, c := range "0123456789abcdef" {
		t[c] = byte(i)
	}
	return t
}()

// close ends the innermost tree: its entry goes into its parent.
func (h *treeHasher) close() {
	t := h.dirs[len(h.dirs)-1]
	h.dirs = h.dirs[:len(h.dirs)-1]
	parent := &h.dirs[len(h.dirs)-1]
	name := t.path[strings.LastIndexByte(t.path, '/')+1:]
	hs := newHash(h.long)
	hs.Write([]byte("tree " + strconv.Itoa(len(t.buf)) + "\x00"))
	hs.Write(t.buf)
	parent.buf = append(parent.buf, "40000 "...)
	parent.buf = append(parent.buf, name...)
	parent.buf = append(parent.buf, 0)
	parent.buf = hs.Sum(parent.buf)
	h.free = append(h.free, t.buf)
}

// root is the id of the root tree, once every entry is added; "" when the
// listing could not be rebuilt.
func (h *treeHasher) root() string {
	if h.bad {
		return ""
	}
	for len(h.dirs) > 1 {
		h.close()
	}
	return objectID("tree", h.dirs[0].buf, h.long)
}
