package vcs

import (
	"bytes"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/ifacelint/ifacelint/internal/safefile"
)

// Without git on PATH (the container image), the tracked files are read
// from the work tree's index, .git/index, for the index formats git writes
// by default (versions 2, 3 and 4, SHA-1 or SHA-256). What this reader does
// not understand — a split index, a sparse index, a checksum that does not
// match — is an error, and every description is then refused, as when git
// fails.

// maxIndexSize bounds the index read: 256 MiB holds millions of entries.
const maxIndexSize = 256 << 20

// errNotRepository: a .git that git would not take for a repository.
var errNotRepository = errors.New("not a git repository")

// indexFiles returns the paths the index of the work tree at top tracks,
// slash-separated, relative to top; errNotRepository when top/.git is not
// a repository.
func indexFiles(top string) (map[string]bool, error) {
	gitDir, err := gitDirOf(top)
	if err != nil {
		return nil, err
	}
	data, err := safefile.ReadFile(filepath.Join(gitDir, "index"), maxIndexSize)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return map[string]bool{}, nil // nothing added yet
	case err != nil:
		return nil, fmt.Errorf("read the git index: %s", safefile.Reason(err))
	}
	return parseIndex(data)
}

// gitDirOf is the git directory of the work tree at top: top/.git, or the
// directory a .git file names ("gitdir: …", a linked work tree or a
// submodule). It must look like a repository to git: HEAD, objects/ and
// refs/ (a linked work tree's objects and refs are the main one's).
func gitDirOf(top string) (string, error) {
	dotGit := filepath.Join(top, ".git")
	info, err := os.Lstat(dotGit)
	if err != nil {
		return "", errNotRepository
	}
	dir := dotGit
	if info.Mode().IsRegular() {
		b, err := safefile.ReadFile(dotGit, 4096)
		if err != nil {
			return "", errNotRepository
		}
		target, ok := strings.CutPrefix(strings.TrimSpace(string(b)), "gitdir:")
		if !ok {
			return "", errNotRepository
		}
		dir = strings.TrimSpace(target)
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(top, dir)
		}
		if _, err := os.Stat(filepath.Join(dir, "HEAD")); err != nil {
			return "", errNotRepository
		}
		return dir, nil
	}
	for _, name := range []string{"HEAD", "objects", "refs"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			return "", errNotRepository
		}
	}
	return dir, nil
}

// parseIndex reads the paths of a git index (git's
// Documentation/gitformat-index.txt).
func parseIndex(data []byte) (map[string]bool, error) {
	var files map[string]bool
	err := walkIndex(data, func(count int) { files = make(map[string]bool, count) },
		func(name []byte, _ indexEntry) { files[string(name)] = true })
	if err != nil {
		return nil, err
	}
	return files, nil
}

// indexEntry is what the index records of a file: its metadata as git
// last found it (each field its low 32 bits), its object id, and its
// flags.
type indexEntry struct {
	ctimeS, ctimeN, mtimeS, mtimeN uint32
	dev, ino, mode, size           uint32
	object                         []byte // raw, not hex
	flags, extended                uint16
}

// Index entry flags (gitformat-index): assume-valid, the merge stage,
// skip-worktree and intent-to-add.
const (
	indexAssumeValid  = 0x8000
	indexStageMask    = 0x3000
	indexSkipWorktree = 0x4000 // extended
	indexIntentToAdd  = 0x2000 // extended
)

// walkIndex reads a git index and calls each with every entry's path
// (valid during the call only) and record, in order; begin first, with
// an upper bound of the count.
func walkIndex(data []byte, begin func(count int), each func(name []byte, e indexEntry)) error {
	bad := func(why string) error { return fmt.Errorf("cannot read the git index: %s", why) }
	if len(data) < 12 || string(data[:4]) != "DIRC" {
		return bad("not an index file")
	}
	version := binary.BigEndian.Uint32(data[4:8])
	if version < 2 || version > 4 {
		return bad(fmt.Sprintf("index version %d", version))
	}
	// The checksum at the end says which hash the repository uses.
	var hashSize int
	switch {
	case len(data) >= 12+sha1.Size && bytes.Equal(sha1Sum(data[:len(data)-sha1.Size]), data[len(data)-sha1.Size:]):
		hashSize = sha1.Size
	case len(data) >= 12+sha256.Size && bytes.Equal(sha256Sum(data[:len(data)-sha256.Size]), data[len(data)-sha256.Size:]):
		hashSize = sha256.Size
	default:
		return bad("its checksum does not match (or index.skipHash is set)")
	}
	body := data[:len(data)-hashSize]
	count := binary.BigEndian.Uint32(data[8:12])
	begin(min(int(count), len(body)/62))
	pos := 12
	var prev []byte
	u32 := func(at int) uint32 { return binary.BigEndian.Uint32(body[at : at+4]) }
	for i := uint32(0); i < count; i++ {
		start := pos
		fixed := 40 + hashSize + 2
		if pos+fixed > len(body) {
			return bad("truncated entry")
		}
		e := indexEntry{
			ctimeS: u32(pos), ctimeN: u32(pos + 4), mtimeS: u32(pos + 8), mtimeN: u32(pos + 12),
			dev: u32(pos + 16), ino: u32(pos + 20), mode: u32(pos + 24), size: u32(pos + 36),
			object: body[pos+40 : pos+40+hashSize],
			flags:  binary.BigEndian.Uint16(body[pos+40+hashSize:]),
		}
		pos += fixed
		if e.flags&0x4000 != 0 { // extended flags
			if version < 3 || pos+2 > len(body) {
				return bad("extended flags in a version 2 index")
			}
			e.extended = binary.BigEndian.Uint16(body[pos:])
			pos += 2
		}
		if e.mode&0o170000 == 0o040000 {
			return bad("a sparse index (directory entries)")
		}
		var name []byte
		if version == 4 {
			strip, n := indexVarint(body[pos:])
			if n == 0 || strip > uint64(len(prev)) {
				return bad("bad path compression")
			}
			pos += n
			end := bytes.IndexByte(body[pos:], 0)
			if end < 0 {
				return bad("truncated path")
			}
			name = append(append([]byte(nil), prev[:len(prev)-int(strip)]...), body[pos:pos+end]...)
			pos += end + 1
		} else {
			end := bytes.IndexByte(body[pos:], 0)
			if end < 0 {
				return bad("truncated path")
			}
			name = body[pos : pos+end]
			pos += end + 1
			// 1 to 8 NULs end the entry at a multiple of 8 bytes.
			pos = start + (pos-start+7)/8*8
			if pos > len(body) {
				return bad("truncated entry")
			}
		}
		each(name, e)
		prev = name
	}
	// Extensions: a split index keeps the entries elsewhere, a sparse
	// index directories.
	for pos+8 <= len(body) {
		sig := string(body[pos : pos+4])
		size := int(binary.BigEndian.Uint32(body[pos+4 : pos+8]))
		if sig == "link" || sig == "sdir" {
			return bad(fmt.Sprintf("the %q extension (a split or sparse index)", sig))
		}
		if size < 0 || pos+8+size > len(body) {
			return bad("truncated extension")
		}
		pos += 8 + size
	}
	if pos != len(body) {
		return bad("trailing bytes")
	}
	return nil
}

// indexVarint decodes the offset encoding of index version 4; n is 0 when
// p ends first.
func indexVarint(p []byte) (v uint64, n int) {
	for i, c := range p {
		if i == 0 {
			v = uint64(c & 0x7f)
		} else {
			v = (v+1)<<7 | uint64(c&0x7f)
		}
		if c&0x80 == 0 {
			return v, i + 1
		}
		if i == 8 {
			return 0, 0
		}
	}
	return 0, 0
}

func sha1Sum(b []byte) []byte   { s := sha1.Sum(b); return s[:] }
func sha256Sum(b []byte) []byte { s := sha256.Sum256(b); return s[:] }
