package lint

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ifacelint/ifacelint/internal/cache"
	"github.com/ifacelint/ifacelint/internal/openapi"
	"github.com/ifacelint/ifacelint/internal/ruleeval"
	"github.com/ifacelint/ifacelint/internal/rules"
	"github.com/ifacelint/ifacelint/internal/waiver"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// What the content cache keeps of a file (Options.Cache), so that an
// unchanged file is neither parsed nor evaluated again.
//
// An entry's key covers the file's bytes and path and everything else its
// result depends on (runKey): the binary (Options.CacheKey), the policies,
// rules, parameters and catalogue, and the evaluation date
// (Evaluator.Fingerprint, which also holds the memory limit), the rules
// enabled and their severities, and the limits: the loader's and a
// document's time limit (Options.DocTimeout). A limit can turn a result
// into an error, so a result is reused only under the limits it was
// computed under. A document whose evaluation read the inventory also
// records what it read (Evaluator.EvalTracked) and the digest of those
// index entries; its findings are reused only while that digest is the
// same in the current run, otherwise it is evaluated again. One that read
// OpenAPI descriptions (ifacelint.openapi) records their files and is
// evaluated again when one of them changed (openapi.Reader.State; below a
// base revision's mirror, relative to its root: specState). Cross-document
// findings (inventory/unique-id) and the baseline are always worked out
// afresh, from the index entries the cache holds.
//
// The run's space in the cache (cache.Space, keyed by runKey and the
// working directory) also keeps a manifest of each file's metadata and
// digest, so that a file whose metadata is unchanged is neither read nor
// hashed, and, beside each entry, an index record (the entry's first part)
// that a run reading the file for context only decodes instead of the
// entry. Entries and records are in a compact binary form that keeps every
// field exactly (encodeEntry).

// cacheFormat changes whenever what an entry holds, or means, changes.
const cacheFormat = "lint-cache-7"

// cachedFile is one file's entry. A field added here, to cachedDoc, to
// Finding or to WaiverStatus is added to encodeEntry too (and
// cacheFormat changes).
type cachedFile struct {
	Problems int // the loader's file-level problems, for the document count
	Docs     []cachedDoc
	// Results is set when the file was reported on: FileFindings and each
	// document's Findings and Waivers are complete. An entry written by a
	// run that only read the file for context lacks them.
	Results      bool
	FileFindings []Finding
}

// cachedDoc is what the cache keeps of one document.
type cachedDoc struct {
	Kind, ID string
	Index    int
	Start    inventory.Pos    // the document's first key
	IDAt     inventory.Region // metadata.id, for inventory/unique-id
	Entry    []byte           // its index entry (entryOf)
	Uses     []string         // the ids it names (usesOf)
	Findings []Finding
	Waivers  []WaiverStatus
	// Reads is what the evaluation read of the inventory (nil: nothing,
	// the findings hold whatever it holds); ReadDigest the digest of those
	// entries (readDigest).
	Reads      []string
	ReadDigest [32]byte
	// Specs are the files of the OpenAPI descriptions the evaluation read
	// (nil: none), absolute, or all relative to the root (specState);
	// SpecDigest their state (openapi.Reader.State, PortableState).
	Specs      []string
	SpecDigest [32]byte
}

// record keeps a document's final result in the entry: its findings and
// waivers, and what its evaluation read of the inventory and of OpenAPI
// descriptions (those of the repository holding file, the entry's file).
// nil for a nil entry (a file that is not cached).
func (cf *cachedFile) record(r *runner, file string) docDone {
	if cf == nil {
		return nil
	}
	return func(d int, dr docResult) {
		doc := &cf.Docs[d]
		doc.Findings, doc.Waivers, doc.Reads = dr.findings, dr.waivers, dr.reads
		if dr.reads != nil {
			doc.ReadDigest = r.index.readDigest(dr.reads)
		}
		doc.Specs, doc.SpecDigest = dr.specs, [32]byte{}
		if dr.specs != nil {
			// The document's evaluation found this reader already; a
			// zero digest, should it fail now, is never current.
			if rd, err := r.specs.forFile(file); err == nil {
				doc.Specs, doc.SpecDigest = r.specState(rd, dr.specs)
			}
		}
	}
}

// specState is what an entry records of the descriptions an evaluation
// read (their files, absolute): the files and their state
// (openapi.Reader.State). Below a root that no later run has
// (Options.TemporaryRoot: a base revision's mirror), the files are
// recorded relative to the root, with their state relative to it
// (openapi.Reader.PortableState), when they all can be: a later run
// finds them below its own root (current).
func (r *runner) specState(rd *openapi.Reader, specs []string) ([]string, [32]byte) {
	if r.opts.TemporaryRoot {
		if sum, ok := rd.PortableState(specs); ok {
			rel := make([]string, len(specs))
			for i, f := range specs {
				p, _ := filepath.Rel(rd.Root(), f) // below it: PortableState
				rel[i] = filepath.ToSlash(p)
			}
			return rel, sum
		}
	}
	return specs, rd.State(specs)
}

// portableSpecs reports whether an entry's description files are
// relative to the root (specState), and so must all be.
func portableSpecs(specs []string) (portable, mixed bool) {
	n := 0
	for _, f := range specs {
		if !filepath.IsAbs(f) {
			n++
		}
	}
	return n == len(specs), n > 0 && n < len(specs)
}

// dependsOnRun reports whether the document's cached findings depend on
// more than its file: the inventory or OpenAPI descriptions.
func (d *cachedDoc) dependsOnRun() bool { return d.Reads != nil || d.Specs != nil }

// current reports whether what the document's evaluation read, of the
// complete index and of descriptions (from the repository holding file),
// is what this run holds.
func (r *runner) current(file string, d *cachedDoc) bool {
	if d.Reads != nil && r.index.readDigest(d.Reads) != d.ReadDigest {
		return false
	}
	if d.Specs == nil {
		return true
	}
	if r.specs == nil {
		return false
	}
	rd, err := r.specs.forFile(file)
	if err != nil {
		return false
	}
	switch portable, mixed := portableSpecs(d.Specs); {
	case mixed:
		return false
	case portable:
		abs := make([]string, len(d.Specs))
		for i, f := range d.Specs {
			abs[i] = filepath.Join(rd.Root(), filepath.FromSlash(f))
		}
		sum, ok := rd.PortableState(abs)
		return ok && sum == d.SpecDigest
	}
	return rd.State(d.Specs) == d.SpecDigest
}

// manifestOf is the manifest of a run's space, as openapi.Reader trusts
// it for the descriptions a run did not read: a description whose
// metadata is unchanged is not read again to find that it is unchanged.
type manifestOf struct{ sp *cache.Space }

func (m manifestOf) Digest(path string, info fs.FileInfo) ([32]byte, bool) {
	st, ok := cache.StatOf(info)
	if !ok {
		return [32]byte{}, false
	}
	digest, ok := m.sp.Digest(path, st)
	if ok {
		m.sp.Record(path, st, digest) // kept for the next run, as a file read is
	}
	return digest, ok
}

func (m manifestOf) Record(path string, info fs.FileInfo, digest [32]byte) {
	if st, ok := cache.StatOf(info); ok {
		m.sp.Record(path, st, digest)
	}
}

// runKey is the part of every entry's key that is the same for the whole
// run.
func (r *runner) runKey() [32]byte {
	o := r.opts
	lo := loadOptions(o, r.validator)
	var fp [32]byte
	if o.Engine != nil {
		fp = o.Engine.Fingerprint()
	}
	var catalogue []rules.Rule
	if o.Catalogue != nil {
		for _, rule := range o.Catalogue.Rules {
			catalogue = append(catalogue, *rule)
		}
	}
	enabled := make([]string, 0, len(o.Enabled))
	for id, on := range o.Enabled {
		if on && o.Engine != nil {
			enabled = append(enabled, id)
		}
	}
	slices.Sort(enabled)
	// A document's time limit: a result cached under a longer one may be
	// a time-out under this one.
	docLimit := o.DocTimeout
	switch {
	case docLimit == 0:
		docLimit = DefaultDocTimeout
	case docLimit < 0:
		docLimit = -1
	}
	b, err := json.Marshal(map[string]any{
		"format":    cacheFormat,
		"caller":    o.CacheKey,
		"engine":    o.Engine != nil,
		"policy":    fp[:],
		"catalogue": catalogue,
		"enabled":   enabled,
		"severity":  o.Severity,
		"limits":    []any{lo.MaxFileSize, lo.MaxDepth, lo.MaxAliasNodes, lo.MaxAliasRatio, lo.MaxDocuments},
		"docLimit":  docLimit,
		"summaries": o.Engine != nil && o.Engine.ReadsInterfaces(),
		// What decides waivers besides the document: the rules that cannot
		// be waived, the config's governance and the waiver files.
		"fixed":       o.Fixed.Key(),
		"approvers":   o.Waivers.Approvers,
		"noInline":    o.Waivers.NoInline,
		"waiverFiles": waiverFilesDigest(o.WaiverFiles),
	})
	if err != nil {
		panic("lint: cache key: " + err.Error()) // plain data only
	}
	return sha256.Sum256(b)
}

func waiverFilesDigest(f *waiver.Files) []byte {
	if f == nil {
		return nil
	}
	return f.Digest[:]
}

// manifestKey names the cache's manifest of the files read from this
// working directory: paths are kept as given, relative ones relative to
// it.
func manifestKey() cache.Key {
	wd, _ := os.Getwd()
	return cache.Key(sha256.Sum256([]byte("manifest\x00" + wd)))
}

// fileKey is the key of a file's entry.
func (r *runner) fileKey(path string, digest [32]byte) cache.Key {
	h := sha256.New()
	h.Write(r.cacheRun[:])
	h.Write([]byte(path))
	h.Write([]byte{0})
	h.Write(digest[:])
	return cache.Key(h.Sum(nil))
}

// cacheGet returns the entry of a file, if the cache holds one that serves
// this run: one with results when the file is reported on. A file read
// for context only needs its index record (encodeEntry).
func (r *runner) cacheGet(key cache.Key, report bool) *cachedFile {
	// The index record serves a run that reads the file for context only,
	// and one that reports on it when the file had no finding at all (most
	// files): decoding the whole entry is for the others.
	if payload, ok := r.space.Peek(indexKey(key)); ok {
		if cf := decodeIndexRecord(payload); cf != nil && (!report || cf.Results) {
			r.space.Hit()
			r.space.Keep(key) // for the runs that need the whole entry
			return cf
		}
	}
	payload, ok := r.space.Get(key)
	if !ok {
		return nil
	}
	cf := decodeEntry(payload, r.opts.Catalogue)
	if cf == nil || (report && !cf.Results) {
		return nil
	}
	return cf
}

// cachePut stores a file's entry and, beside it, its index record (the
// entry's first part), unless the entry holds what its form cannot keep
// exactly (encodeEntry): such a file is not cached.
func (r *runner) cachePut(key cache.Key, cf *cachedFile) {
	b, head, ok := encodeEntry(cf)
	if !ok || r.temporary(cf) {
		return
	}
	r.space.Put(key, b)
	r.space.Put(indexKey(key), b[:head])
}

// indexKey is the key of the index record of the file whose entry is key.
func indexKey(key cache.Key) cache.Key {
	return cache.Key(sha256.Sum256(append(key[:], "index record"...)))
}

// clean reports whether the entry holds complete results and they are
// empty: no finding, no waiver, and nothing read beyond the file.
func (cf *cachedFile) clean() bool {
	if !cf.Results || len(cf.FileFindings) > 0 {
		return false
	}
	for i := range cf.Docs {
		d := &cf.Docs[i]
		if len(d.Findings) > 0 || len(d.Waivers) > 0 || d.dependsOnRun() {
			return false
		}
	}
	return true
}

// newCachedFile starts the entry of a loaded file: its documents' index
// data.
func newCachedFile(f *inventory.File, heads []docHead) *cachedFile {
	cf := &cachedFile{Problems: len(f.Problems), Docs: make([]cachedDoc, len(heads))}
	for d, h := range heads {
		cf.Docs[d] = cachedDoc{Kind: h.Kind, ID: h.ID, Index: h.Index, Start: h.Start, IDAt: h.IDAt, Entry: h.Entry, Uses: h.Uses}
	}
	return cf
}

// heads is the entry's index data.
func (cf *cachedFile) heads() []docHead {
	heads := make([]docHead, len(cf.Docs))
	for d := range cf.Docs {
		doc := &cf.Docs[d]
		heads[d] = docHead{Kind: doc.Kind, ID: doc.ID, Index: doc.Index, Start: doc.Start, IDAt: doc.IDAt, Entry: doc.Entry, Uses: doc.Uses}
	}
	return heads
}

// readDigest is the digest of the index entries at the paths an
// evaluation read (Evaluator.EvalTracked).
func (x *index) readDigest(reads []string) [32]byte {
	h := sha256.New()
	writeKind := func(kind string) {
		sum := x.kindDigest(kind)
		h.Write(sum[:])
	}
	for _, p := range reads {
		h.Write([]byte(p))
		h.Write([]byte{1})
		kind, id, one := strings.Cut(p, ruleeval.ReadSep)
		switch {
		case p == "":
			writeKind("Interface")
			h.Write([]byte{2})
			writeKind("ThirdParty")
			h.Write([]byte{2})
			writeKind("System")
		case one:
			if entry, ok := x.ofKind(kind)[id]; ok {
				h.Write(entry)
			} else {
				h.Write([]byte{3}) // absent
			}
		default:
			writeKind(kind)
		}
		h.Write([]byte{4})
	}
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}

// sameReads reports whether every index entry at the paths an evaluation
// read (Evaluator.EvalTracked) is the same in other, byte for byte, as in
// x: then readDigest is the same over either index. A kind read whole is
// compared entry by entry, once per run (sameKind).
func (x *index) sameReads(other *index, reads []string) bool {
	if other == nil || other.withInterfaces != x.withInterfaces {
		return false
	}
	for _, p := range reads {
		kind, id, one := strings.Cut(p, ruleeval.ReadSep)
		switch {
		case p == "":
			if !x.sameKind(other, "Interface") || !x.sameKind(other, "ThirdParty") || !x.sameKind(other, "System") {
				return false
			}
		case one:
			a, inX := x.ofKind(kind)[id]
			b, inOther := other.ofKind(kind)[id]
			if inX != inOther || !bytes.Equal(a, b) {
				return false
			}
		default:
			if !x.sameKind(other, kind) {
				return false
			}
		}
	}
	return true
}

// sameKind reports whether x and other hold the same entries of a kind,
// worked out once per run (x is compared with one other index only).
func (x *index) sameKind(other *index, kind string) bool {
	x.sumsMu.Lock()
	defer x.sumsMu.Unlock()
	if same, ok := x.same[kind]; ok {
		return same
	}
	a, b := x.ofKind(kind), other.ofKind(kind)
	same := len(a) == len(b)
	for id, entry := range a {
		if !same {
			break
		}
		e, ok := b[id]
		same = ok && bytes.Equal(entry, e)
	}
	if x.same == nil {
		x.same = map[string]bool{}
	}
	x.same[kind] = same
	return same
}

// kindDigest is the digest of every index entry of a kind, worked out once
// per run (the index no longer changes once evaluations read it).
func (x *index) kindDigest(kind string) [32]byte {
	x.sumsMu.Lock()
	defer x.sumsMu.Unlock()
	if sum, ok := x.sums[kind]; ok {
		return sum
	}
	docs := x.ofKind(kind)
	ids := make([]string, 0, len(docs))
	for id := range docs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	h := sha256.New()
	for _, id := range ids {
		h.Write([]byte(id))
		h.Write([]byte{0})
		h.Write(docs[id])
		h.Write([]byte{0})
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	if x.sums == nil {
		x.sums = map[string][32]byte{}
	}
	x.sums[kind] = sum
	return sum
}

// cachedFiles is the content cache around file evaluation: a file whose
// entry serves the run is neither parsed nor evaluated (its index data and
// findings come from the entry), and every other file is evaluated by the
// plain evaluator while its entry is filled, and written once each of its
// documents is final.
type cachedFiles struct {
	r     *runner
	srcs  []source
	plain *plainFiles
	// open holds, by source, the entry of a reported file with documents
	// the second pass settles or evaluates (fileResult.pending and
	// deferred), to write then; keys their keys.
	open []*cachedFile
	keys []cache.Key
	// reuse marks the files of Options.Reuse served from an entry
	// (reuse.go): settled as the earlier run's, never written (what this
	// run evaluates again of one goes into a variant: variantKey).
	reuse []bool
}

func newCachedFiles(r *runner, srcs []source, plain *plainFiles) *cachedFiles {
	return &cachedFiles{r: r, srcs: srcs, plain: plain, open: make([]*cachedFile, len(srcs)), keys: make([]cache.Key, len(srcs)), reuse: make([]bool, len(srcs))}
}

// first serves file i from its entry when the cache holds one for this
// run: a file whose metadata the manifest knows is not even read, unless
// Collect needs its documents. Otherwise the file is read, parsed and
// evaluated, and its entry written (after the second pass when some of
// its documents are deferred).
func (c *cachedFiles) first(ctx context.Context, i int) (*loaded, error) {
	r, src := c.r, c.srcs[i]
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if src.elsewhere {
		return c.firstElsewhere(ctx, i)
	}
	collect := r.opts.Collect != nil
	if info, err := os.Lstat(src.path); err == nil && !collect {
		if st, ok := cache.StatOf(info); ok {
			if digest, ok := r.space.Digest(src.path, st); ok {
				key := r.fileKey(src.path, digest)
				if hit := r.cacheGet(key, src.report); hit != nil {
					r.space.Record(src.path, st, digest)
					r.keep(i, digest, hit)
					r.keepStat(i, key, st)
					l := c.fromEntry(i, hit, key, digest, nil)
					r.keepHeads(i, l.heads)
					return l, nil
				}
			}
		}
	}
	o := c.plain.options(i)
	data, info, f := inventory.ReadInfo(src.path, o)
	var key cache.Key
	if f == nil {
		digest := sha256.Sum256(data)
		if st, ok := cache.StatOf(info); ok {
			r.space.Record(src.path, st, digest) // fstat before the read
		}
		key = r.fileKey(src.path, digest)
		var err error
		if hit := r.cacheGet(key, src.report); hit != nil {
			var parsed *inventory.File
			if collect {
				if parsed, err = inventory.ParseBytes(ctx, src.path, data, digest, o); err != nil {
					return nil, err
				}
			}
			r.keep(i, digest, hit)
			l := c.fromEntry(i, hit, key, digest, parsed)
			r.keepHeads(i, l.heads)
			return l, nil
		}
		if f, err = inventory.ParseBytes(ctx, src.path, data, digest, o); err != nil {
			return nil, err
		}
	} // else unreadable: not cached, reported as it is
	heads := r.headsOf(f)
	var cf *cachedFile
	if f.Digest != ([32]byte{}) {
		cf = newCachedFile(f, heads)
		r.keep(i, f.Digest, cf)
		r.keepHeads(i, heads)
	}
	l, err := c.plain.evaluate(ctx, i, f, heads, cf.record(r, src.path))
	if err != nil || cf == nil {
		return l, err
	}
	if fr := l.result; fr != nil {
		cf.Results, cf.FileFindings = true, fr.problems
		if len(fr.deferred) > 0 {
			c.open[i], c.keys[i] = cf, key // written after the second pass
			return l, nil
		}
	}
	r.cachePut(key, cf) // for a file read for context only, the index data alone
	return l, nil
}

// fromEntry is file i served from its entry (collect: the file parsed for
// Collect, else nil). Documents whose findings depend on the inventory or
// on descriptions wait for the second pass (fileResult.pending).
func (c *cachedFiles) fromEntry(i int, cf *cachedFile, key cache.Key, digest [32]byte, collect *inventory.File) *loaded {
	return c.fromEntryHeads(i, cf, nil, key, digest, collect)
}

// fromEntryHeads is fromEntry with the entry's index data, when an earlier
// run took them from it already (keptFile.heads; nil: taken now).
func (c *cachedFiles) fromEntryHeads(i int, cf *cachedFile, heads []docHead, key cache.Key, digest [32]byte, collect *inventory.File) *loaded {
	if heads == nil || len(heads) != len(cf.Docs) {
		heads = cf.heads()
	}
	l := &loaded{heads: heads, count: len(cf.Docs) + cf.Problems, collect: collect}
	if !c.srcs[i].report {
		return l
	}
	fr := &fileResult{problems: cf.FileFindings, docs: make([][]Finding, len(cf.Docs)), digest: digest}
	for d := range cf.Docs {
		doc := &cf.Docs[d]
		if doc.dependsOnRun() {
			fr.pending = append(fr.pending, d)
			continue
		}
		fr.docs[d] = doc.Findings
		l.waivers = append(l.waivers, doc.Waivers...)
	}
	if len(fr.pending) > 0 {
		c.open[i], c.keys[i] = cf, key
	}
	l.result = fr
	return l
}

// second settles the documents whose findings came from the entry but
// depend on the inventory: they keep them when what they read is
// unchanged, and are evaluated again otherwise. Then the deferred
// documents are evaluated and the entry is written.
func (c *cachedFiles) second(ctx context.Context, i int, fr *fileResult) error {
	r, cf, key := c.r, c.open[i], c.keys[i]
	c.open[i] = nil
	var stale []int // of an entry reused: documents not current in this revision
	for _, d := range fr.pending {
		doc := &cf.Docs[d]
		switch {
		case c.reuse[i] && r.reusedCurrent(doc) || !c.reuse[i] && r.current(c.srcs[i].path, doc):
			fr.docs[d] = doc.Findings
			r.recordWaivers(doc.Waivers)
		case c.reuse[i]:
			stale = append(stale, d)
		default:
			fr.deferred = append(fr.deferred, d)
		}
	}
	fr.pending = nil
	var vkey cache.Key
	if len(stale) > 0 {
		// The earlier run's entry (reused) is settled on a copy: the
		// variant's documents and the evaluations go into it.
		cp := *cf
		cp.Docs = slices.Clone(cf.Docs)
		cf = &cp
		vkey = r.variantKey(key, cf, stale)
		fr.deferred = append(fr.deferred, r.fromVariant(c.srcs[i].path, vkey, cf, stale, fr)...)
	}
	if len(fr.deferred) == 0 {
		fr.local = nil
		return nil
	}
	if err := c.plain.evaluateDeferred(ctx, i, fr, cf.record(r, c.srcs[i].path)); err != nil {
		return err
	}
	switch {
	case cf == nil:
	case !c.reuse[i]:
		r.cachePut(key, cf)
	case len(stale) > 0:
		r.variantPut(vkey, cf)
	}
	return nil
}
