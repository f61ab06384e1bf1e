package lint

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"sync"

	"github.com/ifacelint/ifacelint/internal/cache"
	"github.com/ifacelint/ifacelint/internal/ruleeval"
	"github.com/ifacelint/ifacelint/internal/rules"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// fileResult is what the index pass keeps of a reported file.
type fileResult struct {
	problems []Finding   // file-level
	docs     [][]Finding // per document; nil for those deferred
	deferred []int       // documents to evaluate with the complete index
	file     *inventory.File
	digest   [32]byte // of the file, when it must be read again

	// With the cache: the file's entry and key, written once every
	// document is final, and (for an entry read from the cache) the
	// documents whose findings hold only if what they read of the
	// inventory is unchanged.
	cached  *cachedFile
	key     cache.Key
	pending []int

	// local holds, for a deferred document whose first evaluation
	// succeeded, what the rules that cannot read the inventory found
	// (localResult): the second pass evaluates only the others.
	local map[int]*localResult
}

// empty reports whether the file has no finding and nothing deferred or
// left to write to the cache.
func (fr *fileResult) empty() bool {
	if len(fr.problems) > 0 || len(fr.deferred) > 0 || len(fr.pending) > 0 {
		return false
	}
	for _, fs := range fr.docs {
		if len(fs) > 0 {
			return false
		}
	}
	return true
}

// indexPass reads every file once, in walk order: it builds the index
// (handing it to the engine at the end), counts what is reported, finds
// duplicate ids, and evaluates the reported files as far as it can
// (firstPass). It returns what it keeps of each reported file; nil for a
// file with nothing left to report or evaluate. With the cache, a file
// whose entry serves the run is neither parsed nor evaluated: its index
// entries and findings come from the entry.
func (r *runner) indexPass(ctx context.Context, srcs []source, res *Result) ([]*fileResult, error) {
	opts := r.opts
	lopts := loadOptions(opts, r.validator)
	light := lopts // for files that are context only
	if opts.Collect == nil {
		light.PositionDepth = 2 // metadata.id, for inventory/unique-id
	}
	hold := opts.HoldFiles
	if hold == 0 {
		hold = DefaultHoldFiles
	}
	total := 0
	results := make([]*fileResult, len(srcs))
	index := newIndex(opts.Engine != nil && opts.Engine.ReadsInterfaces())
	r.index = index
	entries := make([][][]byte, len(srcs)) // index entries, encoded concurrently
	var (
		hits    []*cachedFile // entries read from the cache, by source
		keys    []cache.Key   // the files' cache keys
		digests [][32]byte    // the files' SHA-256
		miss    []*cachedFile // entries being built for the files parsed
		// collect holds, for Collect, the documents of files whose
		// entry came from the cache: parsed, never evaluated.
		collect []*inventory.File
	)
	if opts.Cache != nil {
		hits, keys, miss = make([]*cachedFile, len(srcs)), make([]cache.Key, len(srcs)), make([]*cachedFile, len(srcs))
		digests = make([][32]byte, len(srcs))
		if opts.Collect != nil {
			collect = make([]*inventory.File, len(srcs))
		}
	}

	load := func(ctx context.Context, i int) (*inventory.File, error) {
		o := light
		if srcs[i].report {
			o = lopts
		}
		var f *inventory.File
		if opts.Cache == nil {
			var err error
			if f, err = inventory.LoadFileContext(ctx, srcs[i].path, o); err != nil {
				return nil, err
			}
		} else {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			// A file whose metadata the manifest knows is not read unless
			// its entry does not serve the run, or Collect needs its
			// documents.
			path := srcs[i].path
			if info, err := os.Lstat(path); err == nil && collect == nil {
				if st, ok := cache.StatOf(info); ok {
					if digest, ok := r.space.Digest(path, st); ok {
						keys[i], digests[i] = r.fileKey(path, digest), digest
						if hits[i] = r.cacheGet(keys[i], srcs[i].report); hits[i] != nil {
							r.space.Record(path, st, digest)
							return nil, nil
						}
					}
				}
			}
			data, info, pf := inventory.ReadInfo(path, o)
			if pf != nil {
				f = pf // unreadable: not cached, reported as it is
			} else {
				digest := sha256.Sum256(data)
				if st, ok := cache.StatOf(info); ok {
					r.space.Record(path, st, digest) // fstat before the read
				}
				keys[i], digests[i] = r.fileKey(path, digest), digest
				var err error
				if hits[i] = r.cacheGet(keys[i], srcs[i].report); hits[i] != nil {
					if collect != nil {
						collect[i], err = inventory.ParseBytes(ctx, path, data, digest, o)
					}
					return nil, err
				}
				if f, err = inventory.ParseBytes(ctx, path, data, digest, o); err != nil {
					return nil, err
				}
			}
		}
		entries[i] = make([][]byte, len(f.Docs))
		for d, doc := range f.Docs {
			entries[i][d] = entryOf(doc, index.withInterfaces)
		}
		if opts.Cache != nil && f.Digest != ([32]byte{}) {
			miss[i] = newCachedFile(f, entries[i])
		}
		return f, nil
	}
	evaluate := func(ctx context.Context, i int, f *inventory.File) error {
		if f == nil { // from the cache
			return nil
		}
		var cf *cachedFile
		if miss != nil {
			cf = miss[i]
		}
		if !srcs[i].report {
			if cf != nil {
				r.cachePut(keys[i], cf) // the index entries only
			}
			return nil
		}
		fr, err := r.firstPass(ctx, f, cf)
		if err != nil {
			return err
		}
		results[i] = fr
		if cf != nil {
			if len(fr.deferred) == 0 {
				r.cachePut(keys[i], cf)
			} else {
				fr.cached, fr.key = cf, keys[i] // written after the second pass
			}
		}
		return nil
	}
	// unique records a document in the index and reports a duplicate id.
	unique := func(report bool, kind, id, file string, start inventory.Pos, idAt inventory.Region, docIndex int, entry []byte) {
		first := index.addEntry(kind, id, file, start, entry)
		if report && first != nil && r.enabled(rules.UniqueID) {
			f := r.newFinding(rules.UniqueID,
				fmt.Sprintf("%s id %q is already used by the document at %s:%d:%d", kind, id, first.file, first.start.Line, first.start.Column),
				file, idAt)
			f.Kind, f.ID, f.Path, f.DocIndex = kind, id, inventory.Path{"metadata", "id"}, docIndex
			res.Findings = append(res.Findings, f)
		}
	}
	add := func(i int, f *inventory.File) {
		if opts.Progress != nil {
			opts.Progress(i+1, len(srcs))
		}
		if f == nil {
			if collect != nil && collect[i] != nil {
				for _, doc := range collect[i].Docs {
					opts.Collect(doc, srcs[i].report)
				}
				collect[i] = nil
			}
			results[i] = r.addCached(srcs[i], hits[i], keys[i], digests[i], res, unique, &total)
			hits[i] = nil
			return
		}
		if miss != nil {
			miss[i] = nil
		}
		total += len(f.Docs) + len(f.Problems)
		for d, doc := range f.Docs {
			if opts.Collect != nil {
				opts.Collect(doc, srcs[i].report)
			}
			idAt, _ := doc.LocateRegion(inventory.Path{"metadata", "id"})
			unique(srcs[i].report, doc.Kind, doc.ID, doc.File, doc.Start(), idAt, doc.Index, entries[i][d])
		}
		entries[i] = nil
		fr := results[i]
		if fr == nil {
			return
		}
		res.Files++
		res.Documents += len(f.Docs)
		for _, doc := range f.Docs {
			res.Checked = append(res.Checked, DocumentRef{File: doc.File, Index: doc.Index, Kind: doc.Kind, ID: doc.ID})
		}
		switch {
		case fr.empty():
			results[i] = nil // most files: nothing to keep
		case len(fr.deferred) == 0:
		case hold > 0:
			fr.file = f
			hold--
		default:
			fr.digest = f.Digest
		}
	}
	if err := eachFile(ctx, srcs, load, opts.Workers, evaluate, add); err != nil {
		return nil, err
	}
	if total == 0 {
		return nil, ErrNoDocuments
	}
	if opts.Engine != nil {
		opts.Engine.SetCompactInventory(index.compact())
	}
	return results, nil
}

// addCached is the index pass for a file whose entry came from the cache:
// its documents go into the index, and, when it is reported on, its
// findings into the result. Documents whose findings depend on the
// inventory wait for the complete index (fileResult.pending).
func (r *runner) addCached(src source, cf *cachedFile, key cache.Key, digest [32]byte, res *Result,
	unique func(report bool, kind, id, file string, start inventory.Pos, idAt inventory.Region, docIndex int, entry []byte), total *int) *fileResult {
	*total += len(cf.Docs) + cf.Problems
	for _, d := range cf.Docs {
		unique(src.report, d.Kind, d.ID, src.path, d.Start, d.IDAt, d.Index, d.Entry)
	}
	if !src.report {
		return nil
	}
	res.Files++
	res.Documents += len(cf.Docs)
	fr := &fileResult{problems: cf.FileFindings, docs: make([][]Finding, len(cf.Docs)), cached: cf, key: key, digest: digest}
	for d, doc := range cf.Docs {
		res.Checked = append(res.Checked, DocumentRef{File: src.path, Index: doc.Index, Kind: doc.Kind, ID: doc.ID})
		if doc.dependsOnRun() {
			fr.pending = append(fr.pending, d)
			continue
		}
		fr.docs[d] = doc.Findings
		r.recordWaivers(doc.Waivers)
	}
	if fr.empty() {
		return nil
	}
	return fr
}

// index is the compact cross-document view: every document's kind and id,
// ThirdParty documents in full and Interfaces as a summary, so memory stays
// small for large inventories (docs/performance.md).
//
// Each entry is kept as its JSON (ruleeval.Inventory), decoded only when a
// policy reads it: ~0.5 KB per Interface instead of a ~3 KB tree of maps.
type index struct {
	withInterfaces bool // keep Interface summaries (Evaluator.ReadsInterfaces)

	first      map[string]firstDoc // kind + "/" + id → where it is first defined
	interfaces map[string][]byte
	thirdParty map[string][]byte

	sumsMu sync.Mutex
	sums   map[string][32]byte // kindDigest
}

// firstDoc is where a kind and id is first defined.
type firstDoc struct {
	file  string
	start inventory.Pos
}

func newIndex(withInterfaces bool) *index {
	return &index{withInterfaces: withInterfaces, first: map[string]firstDoc{}, interfaces: map[string][]byte{}, thirdParty: map[string][]byte{}}
}

// addEntry records a document of a kind and id, first at start in file,
// and returns where the earlier document with the same kind and id is, if
// any. Documents without a kind and id, or of an unknown kind, are not
// indexed. entry is entryOf(doc).
func (x *index) addEntry(kind, id, file string, start inventory.Pos, entry []byte) *firstDoc {
	if !indexedAs(kind, id) {
		return nil
	}
	key := kind + "/" + id
	if first, dup := x.first[key]; dup {
		return &first
	}
	x.first[key] = firstDoc{file: file, start: start}
	switch {
	case kind == "ThirdParty":
		x.thirdParty[id] = entry
	case x.withInterfaces:
		x.interfaces[id] = entry
	}
	return nil
}

func indexed(doc *inventory.Document) bool { return indexedAs(doc.Kind, doc.ID) }

func indexedAs(kind, id string) bool {
	return id != "" && (kind == "Interface" || kind == "ThirdParty")
}

// entryOf is what the index keeps of a document, as JSON: a ThirdParty in
// full, an Interface as its summary (when withInterfaces); nil when it is
// not indexed.
func entryOf(doc *inventory.Document, withInterfaces bool) []byte {
	if !indexed(doc) {
		return nil
	}
	if doc.Kind == "Interface" {
		if !withInterfaces {
			return nil
		}
		return encode(summarize(doc))
	}
	obj := doc.Object()
	full := make(map[string]any, len(obj)+1)
	for k, v := range obj {
		full[k] = v
	}
	full["file"] = doc.File
	return encode(full)
}

// encode marshals a document's values: maps, lists, strings, bools,
// json.Number and nil, which always encode.
func encode(v map[string]any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic("lint: index entry does not encode: " + err.Error())
	}
	return b
}

// compact is the index as the engine reads it.
func (x *index) compact() ruleeval.Inventory {
	return ruleeval.Inventory{"Interface": x.interfaces, "ThirdParty": x.thirdParty}
}

// data is the index decoded: data.ifacelint.inventory as a Go value.
func (x *index) data() map[string]any {
	out := map[string]any{}
	for kind, docs := range x.compact() {
		m := make(map[string]any, len(docs))
		for id, raw := range docs {
			dec := json.NewDecoder(bytes.NewReader(raw))
			dec.UseNumber()
			var v any
			if err := dec.Decode(&v); err != nil {
				panic("lint: index entry does not decode: " + err.Error())
			}
			m[id] = v
		}
		out[kind] = m
	}
	return out
}

// summaryFields are the spec fields an Interface summary keeps.
var summaryFields = []string{"type", "direction", "exposure", "privileged", "environment", "thirdParty"}

func summarize(doc *inventory.Document) map[string]any {
	obj := doc.Object()
	out := map[string]any{"file": doc.File}
	if meta, ok := obj["metadata"].(map[string]any); ok {
		m := make(map[string]any, len(meta))
		for k, v := range meta {
			if k != "waivers" {
				m[k] = v
			}
		}
		out["metadata"] = m
	}
	spec, _ := obj["spec"].(map[string]any)
	s := map[string]any{}
	for _, k := range summaryFields {
		if v, ok := spec[k]; ok {
			s[k] = v
		}
	}
	if data, ok := spec["data"].(map[string]any); ok {
		d := map[string]any{}
		for _, k := range []string{"classification", "categories"} {
			if v, ok := data[k]; ok {
				d[k] = v
			}
		}
		s["data"] = d
	}
	out["spec"] = s
	return out
}
