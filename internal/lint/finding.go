package lint

import (
	"slices"
	"strconv"
	"sync"

	"github.com/ifacelint/ifacelint/internal/finding"
	"github.com/ifacelint/ifacelint/internal/rules"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// The types of a run's results live in internal/finding, which the outputs
// import without the engine.
type (
	Finding      = finding.Finding
	RuleInfo     = finding.RuleInfo
	DocInfo      = finding.DocInfo
	DocumentRef  = finding.DocumentRef
	WaiverStatus = finding.WaiverStatus
)

// Sort orders findings by file, line, column, rule, then message.
func Sort(fs []Finding) { finding.Sort(fs) }

// ruleInfo is what every finding of rule id shares in this run: its
// catalogue fields and its severity (the config's, but a rule no change may
// bend is never downgraded, whoever asks). One per rule and run: findings
// point to it instead of holding a copy each.
func (r *runner) ruleInfo(id string) *RuleInfo {
	if ri, ok := r.rules.Load(id); ok {
		return ri.(*RuleInfo)
	}
	ri := &RuleInfo{Rule: id, Severity: rules.Error}
	if rule := r.opts.Catalogue.Get(id); rule != nil {
		ri.Severity = rule.Severity
		ri.Controls = rule.Controls
		ri.Remediation = rule.Remediation
	}
	if sev, ok := r.opts.Severity[id]; ok && (!r.opts.Fixed.Has(id) || sev.Rank() >= ri.Severity.Rank()) {
		ri.Severity = sev
	}
	got, _ := r.rules.LoadOrStore(id, ri)
	return got.(*RuleInfo)
}

// newFinding is a finding of rule id about doc, at a region.
func (r *runner) newFinding(id, msg string, doc *DocInfo, at inventory.Region) Finding {
	f := finding.New(r.ruleInfo(id), doc, msg)
	f.SetRegion(at)
	return f
}

// docInfo is what the findings about doc share; one per document.
func docInfo(doc *inventory.Document) *DocInfo {
	return &DocInfo{File: doc.File, Kind: doc.Kind, ID: doc.ID, DocIndex: doc.Index}
}

// docFinding locates a finding about doc (whose shared data is di) at
// path: the node itself, else its nearest existing parent, else the whole
// document (from its first key).
func (r *runner) docFinding(doc *inventory.Document, di *DocInfo, id, msg string, path inventory.Path) Finding {
	at, _ := doc.LocateRegion(path)
	f := r.newFinding(id, msg, di, at)
	f.Path = r.paths.intern(path)
	return f
}

// pathTable holds one copy of each distinct finding path of a run: the
// findings of a rule on thousands of documents name the same few paths,
// and a run holds every finding until it reports them.
type pathTable struct {
	mu  sync.Mutex
	m   map[string]inventory.Path
	key []byte
}

// intern returns the run's copy of p (an empty path for nil). The paths it
// returns are shared: no one may change their elements.
func (t *pathTable) intern(p inventory.Path) inventory.Path {
	if len(p) == 0 {
		return inventory.Path{}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	k := t.key[:0]
	for _, el := range p {
		switch v := el.(type) {
		case string:
			k = append(k, 's')
			k = append(k, v...)
		case int:
			k = append(k, 'i')
			k = strconv.AppendInt(k, int64(v), 10)
		default:
			return p // not a path element: kept as it is
		}
		k = append(k, 0)
	}
	t.key = k
	if q, ok := t.m[string(k)]; ok {
		return q
	}
	if t.m == nil {
		t.m = map[string]inventory.Path{}
	}
	p = slices.Clip(p)
	t.m[string(k)] = p
	return p
}

func (r *runner) fileFindings(file *inventory.File) []Finding {
	out := make([]Finding, 0, len(file.Problems))
	di := &DocInfo{File: file.Path, DocIndex: -1}
	for _, p := range file.Problems {
		f := r.newFinding(rules.SchemaInvalid, p.Message, di, inventory.Region{Start: p.Pos, End: p.End})
		f.FileLevel = true
		f.Path = inventory.Path{}
		out = append(out, f)
	}
	return out
}
