package audit

import (
	"github.com/ifacelint/ifacelint/internal/finding"
	"github.com/ifacelint/ifacelint/internal/graph"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// Collector keeps what a report needs of each document while lint.Run
// loads the inventory: a compact row per reported Interface and per
// ThirdParty, never the parsed document. Pass its Collect method as
// lint.Options.Collect; it is called from one goroutine.
type Collector struct {
	interfaces []*Interface
	suppliers  map[string]*Supplier // first ThirdParty document per id
	reportedTP []*Supplier
	// systems are the System documents of the whole inventory, the first
	// per id, for the diagram.
	systems    []graph.System
	systemSeen map[string]bool
	// docs holds every reported Interface and ThirdParty document, by file
	// and index, to give each finding to its document.
	docs map[docKey]docRef
}

type docKey struct {
	file  string
	index int
}

type docRef struct {
	iface    *Interface
	supplier *Supplier
}

// NewCollector returns an empty Collector.
func NewCollector() *Collector {
	return &Collector{suppliers: map[string]*Supplier{}, docs: map[docKey]docRef{}, systemSeen: map[string]bool{}}
}

// Collect records one document (lint.Options.Collect).
func (c *Collector) Collect(doc *inventory.Document, reported bool) {
	var ref docRef
	switch doc.Kind {
	case "Interface":
		if !reported {
			return
		}
		ref.iface = interfaceRow(doc)
		c.interfaces = append(c.interfaces, ref.iface)
	case "ThirdParty":
		s := supplierRow(doc)
		if _, dup := c.suppliers[doc.ID]; !dup && doc.ID != "" {
			c.suppliers[doc.ID] = s
		}
		if reported {
			ref.supplier = s
			c.reportedTP = append(c.reportedTP, s)
		}
	case "System":
		if doc.ID != "" && !c.systemSeen[doc.ID] {
			c.systemSeen[doc.ID] = true
			v := doc.Object()
			c.systems = append(c.systems, graph.System{ID: text(doc.ID), Name: str(v, "metadata", "name"), Zone: str(v, "spec", "zone")})
		}
		return // no row: its findings only count in the summary
	default:
		return // no row: its findings only count in the summary
	}
	if reported {
		c.docs[docKey{doc.File, doc.Index}] = ref
	}
}

// owner finds the document a finding is about (finding.Finding.DocIndex);
// nil for a file-level finding or a document without a row.
func (c *Collector) owner(f *finding.Finding) *docRef {
	if f.FileLevel {
		return nil
	}
	ref, ok := c.docs[docKey{f.File, f.DocIndex}]
	if !ok {
		return nil
	}
	return &ref
}
