package lint

import (
	"bytes"
	"encoding/json"
	"strconv"
	"sync"

	"github.com/ifacelint/ifacelint/internal/ruleeval"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// index is the compact cross-document view: every document's kind and id,
// ThirdParty and System documents in full and Interfaces as a summary, so memory stays
// small for large inventories (docs/performance.md).
//
// Each entry is kept as its JSON (ruleeval.Inventory), decoded only when a
// policy reads it: ~0.5 KB per Interface instead of a ~3 KB tree of maps.
type index struct {
	withInterfaces bool // keep Interface summaries (Evaluator.ReadsInterfaces)

	first      map[kindID]firstDoc // where each kind and id is first defined
	interfaces map[string][]byte
	thirdParty map[string][]byte
	systems    map[string][]byte

	// used holds every id some document names as its supplier, a flow's
	// end or a subprocessor (docHead.Uses); markUsed writes it into the
	// ThirdParty entries.
	used map[string]bool
	// marks, when not nil, records each ThirdParty entry markUsed wrote,
	// by its entry before and whether it is used (markKey); prior is an
	// earlier run's marks (Options.Reuse), whose entries markUsed takes
	// instead of decoding and encoding the same bytes again.
	marks, prior map[string][]byte

	sumsMu sync.Mutex
	sums   map[string][32]byte // kindDigest
	same   map[string]bool     // sameKind
}

// kindID is a document's kind and id: a key of the index without
// building a string per document.
type kindID struct{ kind, id string }

// firstDoc is where a kind and id is first defined.
type firstDoc struct {
	file  string
	start inventory.Pos
}

// newIndex makes an index sized for about docs documents (a hint: the
// maps grow past it), so that filling it does not rehash them as they grow.
func newIndex(withInterfaces bool, docs int) *index {
	x := &index{withInterfaces: withInterfaces, first: make(map[kindID]firstDoc, docs), thirdParty: map[string][]byte{}, systems: map[string][]byte{}}
	if withInterfaces {
		x.interfaces = make(map[string][]byte, docs)
	} else {
		x.interfaces = map[string][]byte{}
	}
	return x
}

// reserve sizes the maps of an index still empty for about docs
// documents.
func (x *index) reserve(docs int) {
	if len(x.first) == 0 && len(x.interfaces) == 0 && len(x.thirdParty) == 0 && len(x.systems) == 0 {
		n := newIndex(x.withInterfaces, docs)
		x.first, x.interfaces = n.first, n.interfaces
	}
	if x.used == nil {
		x.used = make(map[string]bool, docs/2) // a flow's ends, suppliers: about one id for every other document named
	}
}

// addEntry records a document of a kind and id, first at start in file,
// and returns where the earlier document with the same kind and id is, if
// any. Documents without a kind and id, or of an unknown kind, are not
// indexed. entry is entryOf(doc).
func (x *index) addEntry(kind, id, file string, start inventory.Pos, entry []byte) *firstDoc {
	if !indexedAs(kind, id) {
		return nil
	}
	key := kindID{kind, id}
	if first, dup := x.first[key]; dup {
		return &first
	}
	x.first[key] = firstDoc{file: file, start: start}
	switch {
	case kind == "ThirdParty":
		x.thirdParty[id] = entry
	case kind == "System":
		x.systems[id] = entry
	case x.withInterfaces:
		x.interfaces[id] = entry
	}
	return nil
}

func indexed(doc *inventory.Document) bool { return indexedAs(doc.Kind, doc.ID) }

func indexedAs(kind, id string) bool {
	return id != "" && (kind == "Interface" || kind == "ThirdParty" || kind == "System")
}

// holds reports whether the index, complete and before markUsed, holds
// exactly the entries of every kind of early (twoPass.earlyView), and no
// entry whose id is not a ruleeval.PlainID (which an early evaluation
// took for absent).
func (x *index) holds(early ruleeval.Inventory) bool {
	for _, docs := range []map[string][]byte{x.interfaces, x.systems, x.thirdParty} {
		for id := range docs {
			if !ruleeval.PlainID(id) {
				return false
			}
		}
	}
	for kind, want := range early {
		var have map[string][]byte
		switch kind {
		case "System":
			have = x.systems
		case "ThirdParty":
			have = x.thirdParty
		default:
			return false
		}
		if len(have) != len(want) {
			return false
		}
		for id, e := range want {
			if h, ok := have[id]; !ok || !bytes.Equal(h, e) {
				return false
			}
		}
	}
	return true
}

// use records the ids a document names (usesOf).
func (x *index) use(ids []string) {
	for _, id := range ids {
		if x.used == nil {
			x.used = map[string]bool{}
		}
		x.used[id] = true
	}
}

// markUsed adds "used" to every ThirdParty entry once the first pass has
// seen every document: true when some Interface names the supplier in
// spec.thirdParty or in a flow, or another ThirdParty lists it among its
// subprocessors (third-party/unused reads it). A rule that reads a
// ThirdParty's entry so depends on whether it is used, not on who uses it.
func (x *index) markUsed() {
	for id, raw := range x.thirdParty {
		var key string
		if x.marks != nil || x.prior != nil {
			key = markKey(raw, x.used[id])
		}
		if b, ok := x.prior[key]; ok {
			x.thirdParty[id] = b
			if x.marks != nil {
				x.marks[key] = b
			}
			continue
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(raw, &m); err != nil {
			panic("lint: index entry does not decode: " + err.Error()) // encoded by encode
		}
		m[ruleeval.UsedField] = json.RawMessage(strconv.FormatBool(x.used[id]))
		b, err := json.Marshal(m)
		if err != nil {
			panic("lint: index entry does not encode: " + err.Error())
		}
		x.thirdParty[id] = b
		if x.marks != nil {
			x.marks[key] = b
		}
	}
}

// markKey is what markUsed's result for an entry depends on: its bytes
// before and whether it is used.
func markKey(raw []byte, used bool) string {
	if used {
		return "1" + string(raw)
	}
	return "0" + string(raw)
}

// usesOf is what a document names of other documents, for markUsed: an
// Interface's spec.thirdParty and the ends of its spec.data.flows, a
// ThirdParty's spec.subprocessors (but itself).
func usesOf(doc *inventory.Document) []string {
	spec, _ := doc.Object()["spec"].(map[string]any)
	var out []string
	add := func(v any) {
		if s, ok := v.(string); ok && s != "" && !(doc.Kind == "ThirdParty" && s == doc.ID) {
			out = append(out, s)
		}
	}
	switch doc.Kind {
	case "Interface":
		add(spec["thirdParty"])
		data, _ := spec["data"].(map[string]any)
		flows, _ := data["flows"].([]any)
		for _, f := range flows {
			if flow, ok := f.(map[string]any); ok {
				add(flow["from"])
				add(flow["to"])
			}
		}
	case "ThirdParty":
		subs, _ := spec["subprocessors"].([]any)
		for _, s := range subs {
			add(s)
		}
	}
	return out
}

// entryOf is what the index keeps of a document, as JSON: a ThirdParty or
// a System in full, an Interface as its summary (when withInterfaces); nil when it is
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
	return ruleeval.Inventory{"Interface": x.interfaces, "ThirdParty": x.thirdParty, "System": x.systems}
}

// ofKind is the entries of a kind, as compact()[kind] without making the
// map of kinds (readDigest asks for every document it settles).
func (x *index) ofKind(kind string) map[string][]byte {
	switch kind {
	case "Interface":
		return x.interfaces
	case "ThirdParty":
		return x.thirdParty
	case "System":
		return x.systems
	}
	return nil
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
