package lint

import (
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// index is the compact cross-document view: every document's kind and id,
// ThirdParty documents in full and Interfaces as a summary, so memory stays
// small for large inventories (SPEC section 3).
type index struct {
	first      map[string]*inventory.Document // kind + "/" + id → first document
	interfaces map[string]any
	thirdParty map[string]any
}

func newIndex() *index {
	return &index{first: map[string]*inventory.Document{}, interfaces: map[string]any{}, thirdParty: map[string]any{}}
}

// add records a document and returns the earlier document with the same
// kind and id, if any. Documents without a readable kind and id, or of an
// unknown kind, are not indexed.
func (x *index) add(doc *inventory.Document) *inventory.Document {
	if doc.ID == "" || (doc.Kind != "Interface" && doc.Kind != "ThirdParty") {
		return nil
	}
	key := doc.Kind + "/" + doc.ID
	if first, dup := x.first[key]; dup {
		return first
	}
	x.first[key] = doc
	obj := doc.Object()
	switch doc.Kind {
	case "ThirdParty":
		full := make(map[string]any, len(obj)+1)
		for k, v := range obj {
			full[k] = v
		}
		full["file"] = doc.File
		x.thirdParty[doc.ID] = full
	case "Interface":
		x.interfaces[doc.ID] = summarize(doc)
	}
	return nil
}

func (x *index) data() map[string]any {
	return map[string]any{"Interface": x.interfaces, "ThirdParty": x.thirdParty}
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
