package lint

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/ifacelint/ifacelint/pkg/inventory"
	"github.com/ifacelint/ifacelint/pkg/policy"
)

// fileResult is what the index pass keeps of a reported file.
type fileResult struct {
	problems []Finding   // file-level
	docs     [][]Finding // per document; nil for those deferred
	deferred []int       // documents to evaluate with the complete index
	file     *inventory.File
	digest   [32]byte // of the file, when it must be read again
}

// empty reports whether the file has no finding and nothing deferred.
func (fr *fileResult) empty() bool {
	if len(fr.problems) > 0 || len(fr.deferred) > 0 {
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
// file with nothing left to report or evaluate.
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
	entries := make([][][]byte, len(srcs)) // index entries, encoded concurrently

	load := func(ctx context.Context, i int) (*inventory.File, error) {
		o := light
		if srcs[i].report {
			o = lopts
		}
		f, err := inventory.LoadFileContext(ctx, srcs[i].path, o)
		if err != nil {
			return nil, err
		}
		entries[i] = make([][]byte, len(f.Docs))
		for d, doc := range f.Docs {
			entries[i][d] = entryOf(doc, index.withInterfaces)
		}
		return f, nil
	}
	evaluate := func(ctx context.Context, i int, f *inventory.File) error {
		if !srcs[i].report {
			return nil
		}
		fr, err := r.firstPass(ctx, f)
		results[i] = fr
		return err
	}
	add := func(i int, f *inventory.File) {
		if opts.Progress != nil {
			opts.Progress(i+1, len(srcs))
		}
		total += len(f.Docs) + len(f.Problems)
		for d, doc := range f.Docs {
			if opts.Collect != nil {
				opts.Collect(doc, srcs[i].report)
			}
			first := index.add(doc, entries[i][d])
			if srcs[i].report && first != nil && r.enabled(policy.UniqueID) {
				res.Findings = append(res.Findings, r.docFinding(doc, policy.UniqueID,
					fmt.Sprintf("%s id %q is already used by the document at %s:%d:%d", doc.Kind, doc.ID, first.file, first.start.Line, first.start.Column),
					inventory.Path{"metadata", "id"}))
			}
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

// index is the compact cross-document view: every document's kind and id,
// ThirdParty documents in full and Interfaces as a summary, so memory stays
// small for large inventories (SPEC section 3).
//
// Each entry is kept as its JSON (policy.Inventory), decoded only when a
// policy reads it: ~0.5 KB per Interface instead of a ~3 KB tree of maps.
type index struct {
	withInterfaces bool // keep Interface summaries (policy.Engine.ReadsInterfaces)

	first      map[string]firstDoc // kind + "/" + id → where it is first defined
	interfaces map[string][]byte
	thirdParty map[string][]byte
}

// firstDoc is where a kind and id is first defined.
type firstDoc struct {
	file  string
	start inventory.Pos
}

func newIndex(withInterfaces bool) *index {
	return &index{withInterfaces: withInterfaces, first: map[string]firstDoc{}, interfaces: map[string][]byte{}, thirdParty: map[string][]byte{}}
}

// add records a document and returns where the earlier document with the
// same kind and id is, if any. Documents without a readable kind and id, or
// of an unknown kind, are not indexed. entry is entryOf(doc), computed
// beforehand (concurrently); nil computes it here.
func (x *index) add(doc *inventory.Document, entry []byte) *firstDoc {
	if !indexed(doc) {
		return nil
	}
	key := doc.Kind + "/" + doc.ID
	if first, dup := x.first[key]; dup {
		return &first
	}
	x.first[key] = firstDoc{file: doc.File, start: doc.Start()}
	if entry == nil {
		entry = entryOf(doc, x.withInterfaces)
	}
	switch {
	case doc.Kind == "ThirdParty":
		x.thirdParty[doc.ID] = entry
	case x.withInterfaces:
		x.interfaces[doc.ID] = entry
	}
	return nil
}

func indexed(doc *inventory.Document) bool {
	return doc.ID != "" && (doc.Kind == "Interface" || doc.Kind == "ThirdParty")
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
func (x *index) compact() policy.Inventory {
	return policy.Inventory{"Interface": x.interfaces, "ThirdParty": x.thirdParty}
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
