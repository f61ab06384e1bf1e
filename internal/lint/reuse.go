package lint

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ifacelint/ifacelint/internal/cache"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// A run against a base revision (lint --base) lints two revisions that
// share most of their files, with the same rules: the work tree, then the
// base. The first run keeps every file's final cache entry in memory
// (Options.Keep, Result.Kept); the second is given the files the base has
// with the same bytes as the work tree (Options.Reuse: git says so) and
// takes their entries from the first run instead of reading them. Such an
// entry serves exactly as a cache hit does: its documents' index data go
// into the base's index, and a document whose findings depend on more than
// its file is settled in the second pass against the base's index (the
// inventory it read) and the base's OpenAPI descriptions (those it read
// must have the same bytes in the base: Reuse.SpecSame), else evaluated
// again from the work tree's file, whose bytes are the base's (and the
// base's result kept in a variant of the entry, variantKey). An entry is
// taken only when both runs have the same run key (runKey: rules,
// parameters, catalogue, date, limits, waiver governance and files), so
// the findings are the ones the base's own file would get.

// Reuse is what a run of a revision takes from an earlier run of another
// (Options.Reuse).
type Reuse struct {
	// Kept is the earlier run's Result.Kept.
	Kept *Kept
	// Dir is the directory (absolute) holding Paths: the work tree's
	// working directory.
	Dir string
	// Paths are inventory files of this revision, as the walk names them
	// (relative to the working directory), that are not below the working
	// directory but below Dir, with this revision's bytes. The walk adds
	// them to what it finds.
	Paths []string
	// SpecSame reports whether an OpenAPI description a kept document's
	// evaluation read (its absolute path as the earlier run recorded it)
	// holds the same bytes in this revision.
	SpecSame func(abs string) bool
	// Same reports whether data, read from Dir for path, are this
	// revision's bytes of it (a file that changed since git compared it is
	// refused: the run ends with an error).
	Same func(path string, data []byte) bool
	// Ensure, when set, is called with the absolute path of every file an
	// OpenAPI description reader is about to look at, so that a revision
	// whose files are written when asked for has it there.
	Ensure func(abs string)
}

// Kept is every file's final cache entry of a run (Options.Keep).
type Kept struct {
	run [32]byte
	// files are the kept entries, by path: an index into list, the run's
	// own slice of them (a map of indexes is a fraction of the size of a
	// map of entries, and costs as much less to build).
	files map[string]int32
	list  []keptFile
	// index is the earlier run's index, complete: the one every kept
	// entry's ReadDigest was worked out against.
	index *index
}

type keptFile struct {
	digest [32]byte
	entry  *cachedFile
	// heads are the entry's documents' index data as the run took them
	// (cachedFile.heads), shared read-only with a run that reuses the
	// entry; nil when not noted.
	heads []docHead
	// stat is the file's metadata by which the manifest served the
	// entry (hasStat), the file not read; key the entry's key then.
	stat    cache.Stat
	hasStat bool
	key     cache.Key
}

// Stat is the metadata of path by which the run's manifest served its
// entry, the file not read (the run stated it as it began, and trusted
// the digest of those bytes for it); false when the run read the file,
// or kept no entry of it.
func (k *Kept) Stat(path string) (cache.Stat, bool) {
	if k == nil {
		return cache.Stat{}, false
	}
	f, ok := k.file(path)
	if !ok {
		return cache.Stat{}, false
	}
	return f.stat, f.hasStat
}

// Inventory reports whether the run kept path's entry and the file holds
// only Interface and ThirdParty documents, at least one, and no problem:
// an inventory file, not something else that happens to be YAML (an
// OpenAPI description).
func (k *Kept) Inventory(path string) bool {
	if k == nil {
		return false
	}
	f, ok := k.file(path)
	if !ok || f.entry.Problems > 0 || len(f.entry.Docs) == 0 {
		return false
	}
	for _, d := range f.entry.Docs {
		if !indexedAs(d.Kind, d.ID) {
			return false
		}
	}
	return true
}

// file is the entry kept of path.
func (k *Kept) file(path string) (*keptFile, bool) {
	i, ok := k.files[path]
	if !ok {
		return nil, false
	}
	return &k.list[i], true
}

// Files is how many files the run kept.
func (k *Kept) Files() int {
	if k == nil {
		return 0
	}
	return len(k.files)
}

// keptOf is the run's kept entries, by path.
func (r *runner) keptOf(srcs []source) *Kept {
	if r.kept == nil {
		return nil
	}
	k := &Kept{run: r.cacheRun, files: make(map[string]int32, len(srcs)), list: r.kept, index: r.index}
	for i := range r.kept {
		if r.kept[i].entry != nil {
			k.files[srcs[i].path] = int32(i)
		}
	}
	return k
}

// keep notes file i's entry, final once the run ends.
func (r *runner) keep(i int, digest [32]byte, cf *cachedFile) {
	if r.kept != nil && cf != nil {
		r.kept[i] = keptFile{digest: digest, entry: cf}
	}
}

// keepHeads notes the index data of file i's kept entry, as the run
// took them from it.
func (r *runner) keepHeads(i int, heads []docHead) {
	if r.kept != nil && r.kept[i].entry != nil {
		r.kept[i].heads = heads
	}
}

// keepStat notes the metadata by which the manifest served file i's
// entry, and the entry's key.
func (r *runner) keepStat(i int, key cache.Key, st cache.Stat) {
	if r.kept != nil && r.kept[i].entry != nil {
		r.kept[i].stat, r.kept[i].hasStat, r.kept[i].key = st, true, key
	}
}

// roots are the walk's roots without those that are not below the
// working directory but hold Paths (a root naming a file this revision
// has only elsewhere, or a directory of which it has nothing else), and
// Paths cleaned, as a set and as a list in their order, each once.
func (u *Reuse) roots(roots []string) ([]string, map[string]bool, []string) {
	set := make(map[string]bool, len(u.Paths))
	list := make([]string, 0, len(u.Paths))
	for _, p := range u.Paths {
		p = filepath.Clean(p)
		if !set[p] {
			set[p] = true
			list = append(list, p)
		}
	}
	var out []string
	for _, root := range roots {
		if _, err := os.Lstat(root); err != nil && u.holds(filepath.Clean(root)) {
			continue
		}
		out = append(out, root)
	}
	return out, set, list
}

// holds reports whether a path of Paths is root or below it.
func (u *Reuse) holds(root string) bool {
	for _, p := range u.Paths {
		p = filepath.Clean(p)
		if p == root || root == "." || strings.HasPrefix(p, root+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// mergeElsewhere adds the files of elsewhere to the walk's, in the walk's
// order (sorted, each once). Both lists are sorted already as a rule (the
// walk's, and Paths, which git lists in order): then they are merged in
// one pass instead of sorted together.
func mergeElsewhere(paths []string, elsewhere map[string]bool, list []string) []string {
	if !slices.IsSorted(paths) || !slices.IsSorted(list) || len(list) != len(elsewhere) {
		for p := range elsewhere {
			paths = append(paths, p)
		}
		slices.Sort(paths)
		return slices.Compact(paths)
	}
	out := make([]string, 0, len(paths)+len(list))
	i, j := 0, 0
	for i < len(paths) || j < len(list) {
		if j == len(list) || i < len(paths) && paths[i] <= list[j] {
			out = append(out, paths[i])
			i++
		} else {
			out = append(out, list[j])
			j++
		}
	}
	return slices.Compact(out)
}

// reused returns the earlier run's entry of file i when it serves this
// run. The entry is the earlier run's own: this run only reads it, and
// cachedFiles.second copies it before settling any document of it.
func (r *runner) reused(src source) (keptFile, bool) {
	u := r.opts.Reuse
	if u == nil || !src.elsewhere || u.Kept == nil || u.Kept.run != r.cacheRun {
		return keptFile{}, false
	}
	k, ok := u.Kept.file(src.path)
	if !ok || (src.report && !k.entry.Results) {
		return keptFile{}, false
	}
	return keptFile{digest: k.digest, entry: k.entry, heads: k.heads, hasStat: k.hasStat, key: k.key}, true
}

// reusedCurrent is current for a document of an entry taken from the
// earlier run: what it read of the index is the same in this run's, and
// every description it read holds the same bytes in this revision. The
// entry's ReadDigest is the digest of what it read in the earlier run's
// index, so entries of this run's index that are byte for byte the
// earlier run's (sameReads) are the same without hashing them again.
func (r *runner) reusedCurrent(d *cachedDoc) bool {
	if d.Reads != nil && !r.index.sameReads(r.opts.Reuse.Kept.index, d.Reads) && r.index.readDigest(d.Reads) != d.ReadDigest {
		return false
	}
	for _, f := range d.Specs {
		if r.opts.Reuse.SpecSame == nil || !r.opts.Reuse.SpecSame(f) {
			return false
		}
	}
	return true
}

// A reused entry's document that is not current in this revision (it read
// index entries that differ here, or a description that does) is
// evaluated again, and this revision's result cannot go into the entry:
// its key is the earlier run's, whose revision would then find the other's
// findings. It goes into a variant of the entry instead, under a key of its
// own (variantKey): the entry's key (run key, path, the file's digest)
// with the stale documents and the digest of what they read in this run's
// index, so that no key of the earlier revision's is ever written and the
// variants of several bases coexist. The key only finds the variant: each
// of its documents serves only when what it read itself is current here,
// as for any entry (current), and when the OpenAPI descriptions it read,
// if any, were recorded relative to this revision's root (specState:
// read below a base's mirror), else it is evaluated again and the variant
// written anew.

// variantKey is the key of the variant of the reused entry under key whose
// documents stale are not current in this run.
func (r *runner) variantKey(key cache.Key, cf *cachedFile, stale []int) cache.Key {
	h := sha256.New()
	h.Write([]byte("variant\x00"))
	h.Write(key[:])
	for _, d := range stale {
		var n [4]byte
		binary.BigEndian.PutUint32(n[:], uint32(d))
		h.Write(n[:])
		sum := r.index.readDigest(cf.Docs[d].Reads)
		h.Write(sum[:])
	}
	return cache.Key(h.Sum(nil))
}

// fromVariant settles the stale documents of file's reused entry cf from
// its variant under vkey, those of the variant's documents that are current
// (variantCurrent), as a cache hit does, and returns the others, to
// evaluate.
func (r *runner) fromVariant(file string, vkey cache.Key, cf *cachedFile, stale []int, fr *fileResult) []int {
	payload, ok := r.space.Peek(vkey) // a compaction keeps it
	if !ok {
		return stale
	}
	v := decodeEntry(payload, r.opts.Catalogue)
	if v == nil || !v.Results || len(v.Docs) != len(cf.Docs) {
		return stale
	}
	var left []int
	for _, d := range stale {
		vd := &v.Docs[d]
		if !r.variantCurrent(file, &cf.Docs[d], vd) {
			left = append(left, d)
			continue
		}
		cf.Docs[d] = *vd // written again with the others, should they be evaluated
		fr.docs[d] = vd.Findings
		r.recordWaivers(vd.Waivers)
	}
	if len(left) < len(stale) {
		r.space.Hit()
	}
	return left
}

// variantCurrent reports whether vd, a document of a variant of file's
// entry, serves in place of doc, the reused entry's: the same document,
// which read no description but below this revision's root (recorded
// relative to it: specState), and whose reads are current in this run.
func (r *runner) variantCurrent(file string, doc, vd *cachedDoc) bool {
	if vd.Kind != doc.Kind || vd.ID != doc.ID || vd.Index != doc.Index || !bytes.Equal(vd.Entry, doc.Entry) {
		return false
	}
	if portable, _ := portableSpecs(vd.Specs); !portable {
		return false
	}
	return r.current(file, vd)
}

// variantPut writes a reused entry's variant, complete (every document's
// result in this run), unless it holds what an entry cannot keep exactly
// or rests on a description read below a temporary root (temporary).
// No index record: only the second pass of a reused entry reads it.
func (r *runner) variantPut(vkey cache.Key, cf *cachedFile) {
	b, _, ok := encodeEntry(cf)
	if !ok || r.temporary(cf) {
		return
	}
	r.space.Put(vkey, b)
}

// readElsewhere reads file i below Reuse.Dir, checking that the bytes are
// this revision's, and returns them with their SHA-256.
func (r *runner) readElsewhere(src source, o inventory.Options) ([]byte, [32]byte, error) {
	u := r.opts.Reuse
	data, pf := inventory.Read(filepath.Join(u.Dir, src.path), o)
	if pf != nil || (u.Same != nil && !u.Same(src.path, data)) {
		return nil, [32]byte{}, fmt.Errorf("%s: the file changed while it was being linted; run again", src.path)
	}
	return data, sha256.Sum256(data), nil
}

// loadElsewhere is readElsewhere, parsed under the file's name in this
// run.
func (r *runner) loadElsewhere(ctx context.Context, src source, o inventory.Options) (*inventory.File, error) {
	data, digest, err := r.readElsewhere(src, o)
	if err != nil {
		return nil, err
	}
	return inventory.ParseBytes(ctx, src.path, data, digest, o)
}

// firstElsewhere is cachedFiles.first for a file of Reuse.Paths: served
// from the earlier run's entry, else read below Reuse.Dir and looked up
// in the cache (or evaluated). Its entry is not written: it is the earlier
// run's, which a later run of that revision finds (what this run
// evaluates again of it goes into a variant: variantKey).
func (c *cachedFiles) firstElsewhere(ctx context.Context, i int) (*loaded, error) {
	r, src := c.r, c.srcs[i]
	collect := r.opts.Collect != nil
	if k, ok := r.reused(src); ok && !collect {
		c.reuse[i] = true
		// Used by this run too: a compaction by this run keeps them. The
		// key is the earlier run's (the same run key, path and digest).
		key := k.key
		if !k.hasStat {
			key = r.fileKey(src.path, k.digest)
		}
		if r.space.Compacts() {
			r.space.Keep(key)
			r.space.Keep(indexKey(key))
		}
		return c.fromEntryHeads(i, k.entry, k.heads, key, k.digest, nil), nil
	}
	o := c.plain.options(i)
	data, digest, err := r.readElsewhere(src, o)
	if err != nil {
		return nil, err
	}
	key := r.fileKey(src.path, digest)
	hit := r.cacheGet(key, src.report)
	var f *inventory.File
	if hit == nil || collect {
		if f, err = inventory.ParseBytes(ctx, src.path, data, digest, o); err != nil {
			return nil, err
		}
	}
	if hit != nil {
		c.reuse[i] = true // not written again
		return c.fromEntry(i, hit, key, digest, f), nil
	}
	return c.plain.evaluate(ctx, i, f, r.headsOf(f), nil)
}

// temporary reports whether an entry's findings rest on an OpenAPI
// description read below a root that no later run has
// (Options.TemporaryRoot): a base revision's mirror, made anew by every
// run, so the description's path recorded in the entry is never current
// again and writing it would only grow the cache (a pack per run, and a
// compaction of the whole space every few runs). Descriptions recorded
// relative to the root (specState) are not such: a later run checks them
// below its own.
func (r *runner) temporary(cf *cachedFile) bool {
	if !r.opts.TemporaryRoot || r.opts.Root == "" {
		return false
	}
	roots := []string{filepath.Clean(r.opts.Root)}
	if real, err := filepath.EvalSymlinks(r.opts.Root); err == nil && real != roots[0] {
		roots = append(roots, real)
	}
	for _, d := range cf.Docs {
		for _, p := range d.Specs {
			for _, root := range roots {
				if rel, err := filepath.Rel(root, p); err == nil && filepath.IsLocal(rel) {
					return true
				}
			}
		}
	}
	return false
}
