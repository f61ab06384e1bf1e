package audit

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ifacelint/ifacelint/pkg/graph"
	"github.com/ifacelint/ifacelint/pkg/inventory"
	"github.com/ifacelint/ifacelint/pkg/lint"
	"github.com/ifacelint/ifacelint/pkg/policy"
	"github.com/ifacelint/ifacelint/pkg/report"
)

// Evidence is everything a report shows, computed once from one run.
type Evidence struct {
	Provenance Provenance
	Summary    Summary
	// Register holds one row per reported Interface document, sorted by id,
	// then file and line.
	Register []*Interface
	// Coverage holds one row per Annex A control that an evaluated rule maps
	// to, sorted numerically.
	Coverage []*Control
	// Suppliers is the third-party register: the reported ThirdParty
	// documents and those the reported Interfaces name, sorted by id.
	Suppliers []*Supplier
	// Graph is the data-flow diagram of the register.
	Graph *graph.Graph
}

// Provenance ties a report to what produced it (SPEC section 7).
type Provenance struct {
	Version      string   // ifacelint version
	PolicyDigest string   // policy.Set.Digest
	ConfigFile   string   // "" without a config file
	ConfigDigest string   // "sha256:…" or "none"
	Commit       string   // GitState: the inventory's commit, or why there is none
	Evaluated    string   // the evaluation date, YYYY-MM-DD (UTC, or --now)
	Inventory    []string // the inventory roots
	Files        int      // files reported on
	Documents    int      // documents in them

	// Filled by Build from the catalogue and the run's enabled rules.
	RulesEvaluated int
	RulesTotal     int
	RulesDisabled  []string // catalogue rules that reported nothing in this run, sorted
}

// Summary holds the headline numbers.
type Summary struct {
	Interfaces   int
	ByExposure   []Count // internet, partner, internal, and any other value
	ThirdParties int
	// Open counts every unwaived finding in the reported files, including
	// file-level ones and findings on ThirdParty documents.
	Open   Counts
	Waived int
	// InterfacesFailing counts interfaces with at least one open error.
	InterfacesFailing int
	// NotEvaluated names the schema-invalid interfaces: the rules (other
	// than schema/invalid and secrets/no-inline) did not evaluate them.
	NotEvaluated []string
	Controls     int
	// ControlsPassing counts controls that no interface fails.
	ControlsPassing int
}

// Count is a labelled number.
type Count struct {
	Label string
	N     int
}

// Counts are open findings by severity.
type Counts struct{ Error, Warning, Info int }

// Total is the number of open findings.
func (c Counts) Total() int { return c.Error + c.Warning + c.Info }

func (c *Counts) add(s policy.Severity) {
	switch s {
	case policy.Error:
		c.Error++
	case policy.Warning:
		c.Warning++
	default:
		c.Info++
	}
}

// Interface is one row of the interface register. Strings are as written
// in the document, credentials redacted (not escaped: each renderer escapes
// for its medium); "" means not stated. Yes/no fields are
// "yes", "no" or "".
type Interface struct {
	ID   string
	Name string
	File string
	Line int

	Type, Direction, Exposure, Environment, Criticality string
	Privileged                                          string

	OwnerTeam, OwnerContact string
	System                  string // metadata.labels.system

	Classification string
	Categories     []string

	AuthMethods []string
	MFA         string

	TLS           string
	TLSMinVersion string
	MTLS          string

	Logging          string
	LogRetentionDays string

	ThirdParty   string
	LastReviewed string

	Flows []graph.Flow

	// SchemaInvalid is set when the document has a schema/invalid finding:
	// no rule but secrets/no-inline evaluated it, so passing a control says
	// nothing about it.
	SchemaInvalid bool

	Open    Counts
	Waived  int
	Waivers []Waiver
	// Findings are the interface's findings, open and waived, in file order.
	Findings []Finding
}

// Label names the interface in lists: its id, else its file and line.
func (in *Interface) Label() string {
	if in.ID != "" {
		return in.ID
	}
	return in.File + ":" + strconv.Itoa(in.Line)
}

// Worst is the severity of the interface's worst open finding, "" if none.
func (in *Interface) Worst() policy.Severity {
	switch {
	case in.Open.Error > 0:
		return policy.Error
	case in.Open.Warning > 0:
		return policy.Warning
	case in.Open.Info > 0:
		return policy.Info
	}
	return ""
}

// Waiver is one metadata.waivers entry and what became of it.
type Waiver struct {
	Rule       string
	Expires    string
	ApprovedBy string
	Reason     string
	// Status is lint's decision (lint.Result.Waivers): "active" (valid,
	// waives findings), "unused" (valid, nothing to waive), "expired" or
	// "invalid" (waives nothing; a waiver on a schema-invalid document is
	// invalid). StatusReason says why, for all but "active".
	Status       string
	StatusReason string
}

// Finding is a finding as the register shows it.
type Finding struct {
	Rule     string
	Severity policy.Severity
	Message  string
	Line     int
	Waived   bool
}

// Control is one row of the control coverage matrix.
type Control struct {
	ID    string // Annex A number, e.g. "5.14"
	Title string // Annex A title, "" when the number is not an Annex A control
	Rules []string
	// Pass, Waived and Fail count interfaces (docs/audit-evidence.md): an
	// interface passes when no unwaived finding of these rules is open on
	// it, is waived when its only findings of these rules are waived, and
	// fails otherwise.
	Pass, Waived, Fail int
	// Failing and WaivedOn name those interfaces with the rules concerned.
	Failing  []ControlHit
	WaivedOn []ControlHit
}

// ControlHit is an interface that fails (or is waived on) a control.
type ControlHit struct {
	Interface string
	Rules     []string
}

// Supplier is one row of the third-party register.
type Supplier struct {
	ID   string
	Name string
	File string
	Line int
	// Defined is false for an id that Interfaces name in spec.thirdParty
	// but no ThirdParty document defines.
	Defined bool

	Services         string
	AssessmentDate   string
	AssessmentResult string
	Reviewer         string
	DPA              string
	SecurityAddendum string
	ContractExpires  string
	Certifications   []string

	// Interfaces are the ids of the reported Interfaces whose
	// spec.thirdParty names this supplier, sorted.
	Interfaces []string
	Open       Counts // open findings on the ThirdParty document itself
}

// Collector keeps what a report needs of each document while lint.Run
// loads the inventory: a compact row per reported Interface and per
// ThirdParty, never the parsed document. Pass its Collect method as
// lint.Options.Collect; it is called from one goroutine.
type Collector struct {
	interfaces []*Interface
	suppliers  map[string]*Supplier // first ThirdParty document per id
	reportedTP []*Supplier
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
	return &Collector{suppliers: map[string]*Supplier{}, docs: map[docKey]docRef{}}
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
	default:
		return // no row: its findings only count in the summary
	}
	if reported {
		c.docs[docKey{doc.File, doc.Index}] = ref
	}
}

// owner finds the document a finding is about (lint.Finding.DocIndex);
// nil for a file-level finding or a document without a row.
func (c *Collector) owner(f *lint.Finding) *docRef {
	if f.FileLevel {
		return nil
	}
	ref, ok := c.docs[docKey{f.File, f.DocIndex}]
	if !ok {
		return nil
	}
	return &ref
}

// Options complete the evidence.
type Options struct {
	// Catalogue describes every known rule (required).
	Catalogue *policy.Catalogue
	// Enabled says which rules reported findings in this run; nil means
	// every rule in the catalogue. schema/invalid always reports.
	Enabled map[string]bool
	// Waivers are lint's waiver statuses (lint.Result.Waivers): the only
	// source of Waiver.Status.
	Waivers []lint.WaiverStatus
	// Provenance is filled by the caller; Build completes its rule counts.
	Provenance Provenance
}

// Build assembles the evidence from the collected documents and the run's
// findings.
func Build(c *Collector, findings []lint.Finding, opts Options) *Evidence {
	e := &Evidence{Provenance: opts.Provenance}
	// Paths come from the command line and the config: redacted too.
	e.Provenance.Inventory = append([]string(nil), e.Provenance.Inventory...)
	for i, p := range e.Provenance.Inventory {
		e.Provenance.Inventory[i] = text(p)
	}
	e.Provenance.ConfigFile = text(e.Provenance.ConfigFile)
	enabled := func(id string) bool {
		return id == policy.SchemaInvalid || opts.Enabled == nil || opts.Enabled[id]
	}
	for _, r := range opts.Catalogue.Rules {
		e.Provenance.RulesTotal++
		if enabled(r.ID) {
			e.Provenance.RulesEvaluated++
		} else {
			e.Provenance.RulesDisabled = append(e.Provenance.RulesDisabled, r.ID)
		}
	}

	for i := range findings {
		f := &findings[i]
		if f.Waived {
			e.Summary.Waived++
		} else {
			e.Summary.Open.add(f.Severity)
		}
		ref := c.owner(f)
		if ref == nil {
			continue
		}
		switch {
		case ref.iface != nil:
			in := ref.iface
			in.Findings = append(in.Findings, Finding{Rule: f.Rule, Severity: f.Severity, Message: report.Plain(f.Message), Line: f.Line, Waived: f.Waived})
			if f.Waived {
				in.Waived++
			} else {
				in.Open.add(f.Severity)
			}
			in.SchemaInvalid = in.SchemaInvalid || f.Rule == policy.SchemaInvalid
		case ref.supplier != nil && !f.Waived:
			ref.supplier.Open.add(f.Severity)
		}
	}

	e.Register = c.interfaces
	slices.SortStableFunc(e.Register, func(a, b *Interface) int {
		return cmp.Or(cmp.Compare(a.ID, b.ID), cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	statuses := waiverStatuses(opts.Waivers)
	exposure := map[string]int{}
	for _, in := range e.Register {
		for i := range in.Waivers {
			w := &in.Waivers[i]
			st, ok := statuses[waiverKey{in.File, in.Line, i}]
			if !ok {
				st = lint.WaiverStatus{Status: "not evaluated", Reason: "the rules did not evaluate the document"}
			}
			w.Status, w.StatusReason = st.Status, text(st.Reason)
		}
		exposure[in.Exposure]++
		if in.Open.Error > 0 {
			e.Summary.InterfacesFailing++
		}
		if in.SchemaInvalid {
			e.Summary.NotEvaluated = append(e.Summary.NotEvaluated, in.Label())
		}
	}
	e.Summary.Interfaces = len(e.Register)
	for _, z := range graph.Zones {
		e.Summary.ByExposure = append(e.Summary.ByExposure, Count{string(z), exposure[string(z)]})
		delete(exposure, string(z))
	}
	if n := sumValues(exposure); n > 0 {
		e.Summary.ByExposure = append(e.Summary.ByExposure, Count{"not stated or invalid", n})
	}

	e.Coverage = coverage(e.Register, opts.Catalogue, enabled)
	e.Summary.Controls = len(e.Coverage)
	for _, ctl := range e.Coverage {
		if ctl.Fail == 0 {
			e.Summary.ControlsPassing++
		}
	}
	e.Suppliers = suppliers(c, e.Register)
	e.Summary.ThirdParties = len(e.Suppliers)
	e.Graph = buildGraph(e.Register, e.Suppliers)
	return e
}

func sumValues(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// waiverKey finds a waiver's status: the register row's file (as the
// evidence holds it) and first line, and the waiver's index.
type waiverKey struct {
	file        string
	line, index int
}

func waiverStatuses(ws []lint.WaiverStatus) map[waiverKey]lint.WaiverStatus {
	m := make(map[waiverKey]lint.WaiverStatus, len(ws))
	for _, w := range ws {
		m[waiverKey{text(w.File), w.Line, w.Index}] = w
	}
	return m
}

// coverage computes the control coverage matrix.
func coverage(register []*Interface, cat *policy.Catalogue, enabled func(string) bool) []*Control {
	byID := map[string]*Control{}
	ruleControls := map[string][]string{}
	for _, r := range cat.Rules {
		if !enabled(r.ID) {
			continue
		}
		ruleControls[r.ID] = r.Controls
		for _, id := range r.Controls {
			ctl := byID[id]
			if ctl == nil {
				ctl = &Control{ID: id, Title: ControlTitle(id)}
				byID[id] = ctl
			}
			ctl.Rules = append(ctl.Rules, r.ID)
		}
	}
	for _, in := range register {
		open := map[string][]string{}   // control → rules with an open finding
		waived := map[string][]string{} // control → rules with a waived finding
		for _, f := range in.Findings {
			for _, id := range ruleControls[f.Rule] {
				if f.Waived {
					waived[id] = appendOnce(waived[id], f.Rule)
				} else {
					open[id] = appendOnce(open[id], f.Rule)
				}
			}
		}
		for id, ctl := range byID {
			switch {
			case len(open[id]) > 0:
				ctl.Fail++
				ctl.Failing = append(ctl.Failing, ControlHit{in.Label(), open[id]})
			case len(waived[id]) > 0:
				ctl.Waived++
				ctl.WaivedOn = append(ctl.WaivedOn, ControlHit{in.Label(), waived[id]})
			default:
				ctl.Pass++
			}
		}
	}
	out := make([]*Control, 0, len(byID))
	for _, ctl := range byID {
		slices.Sort(ctl.Rules)
		out = append(out, ctl)
	}
	slices.SortFunc(out, func(a, b *Control) int { return compareControls(a.ID, b.ID) })
	return out
}

func appendOnce(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// suppliers builds the third-party register.
func suppliers(c *Collector, register []*Interface) []*Supplier {
	users := map[string][]string{}
	for _, in := range register {
		if in.ThirdParty != "" {
			users[in.ThirdParty] = append(users[in.ThirdParty], in.Label())
		}
	}
	listed := map[string]bool{}
	var out []*Supplier
	add := func(s *Supplier) {
		listed[s.ID] = true
		s.Interfaces = users[s.ID]
		slices.Sort(s.Interfaces)
		out = append(out, s)
	}
	for _, s := range c.reportedTP { // duplicates included: each document is a row
		add(s)
	}
	for id := range users {
		switch s, ok := c.suppliers[id]; {
		case listed[id]:
		case ok:
			add(s)
		default:
			add(&Supplier{ID: id, Name: id})
		}
	}
	slices.SortFunc(out, func(a, b *Supplier) int {
		return cmp.Or(cmp.Compare(a.ID, b.ID), cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	return out
}

func buildGraph(register []*Interface, sups []*Supplier) *graph.Graph {
	ifaces := make([]graph.Interface, 0, len(register))
	for _, in := range register {
		ifaces = append(ifaces, graph.Interface{
			ID: in.ID, Name: in.Name, System: in.System, Exposure: in.Exposure, Direction: in.Direction,
			ThirdParty: in.ThirdParty, Flows: in.Flows, Severity: in.Worst(),
		})
	}
	tps := make([]graph.ThirdParty, 0, len(sups))
	for _, s := range sups {
		tps = append(tps, graph.ThirdParty{ID: s.ID, Name: s.Name, Known: s.Defined})
	}
	return graph.Build(ifaces, tps)
}

// The document readers: every value is read defensively (a schema-invalid
// document is still a register row) and redacted.

func interfaceRow(doc *inventory.Document) *Interface {
	v := doc.Object()
	in := &Interface{
		ID:   text(doc.ID),
		Name: str(v, "metadata", "name"),
		File: text(doc.File),
		Line: doc.Start().Line,

		Type: str(v, "spec", "type"), Direction: str(v, "spec", "direction"), Exposure: str(v, "spec", "exposure"),
		Environment: str(v, "spec", "environment"), Criticality: str(v, "spec", "criticality"),
		Privileged: yesNo(v, "spec", "privileged"),

		OwnerTeam: str(v, "metadata", "owner", "team"), OwnerContact: str(v, "metadata", "owner", "contact"),
		System: str(v, "metadata", "labels", "system"),

		Classification: str(v, "spec", "data", "classification"),
		Categories:     strs(v, "spec", "data", "categories"),

		AuthMethods: strs(v, "spec", "authentication", "methods"),
		MFA:         yesNo(v, "spec", "authentication", "mfa"),

		TLS:           yesNo(v, "spec", "encryption", "inTransit", "tls"),
		TLSMinVersion: str(v, "spec", "encryption", "inTransit", "minVersion"),
		MTLS:          yesNo(v, "spec", "encryption", "inTransit", "mtls"),

		Logging:          yesNo(v, "spec", "logging", "enabled"),
		LogRetentionDays: str(v, "spec", "logging", "retentionDays"),

		ThirdParty:   str(v, "spec", "thirdParty"),
		LastReviewed: str(v, "metadata", "lastReviewed"),
	}
	if in.Environment == "" && in.Type != "" {
		in.Environment = "production" // the schema's default
	}
	flows, _ := get(v, "spec", "data", "flows").([]any)
	for _, f := range flows {
		m, _ := f.(map[string]any)
		in.Flows = append(in.Flows, graph.Flow{From: str(m, "from"), To: str(m, "to")})
	}
	waivers, _ := get(v, "metadata", "waivers").([]any)
	for _, w := range waivers {
		m, _ := w.(map[string]any)
		wv := Waiver{Rule: str(m, "rule"), Expires: str(m, "expires"), ApprovedBy: str(m, "approvedBy"), Reason: str(m, "reason")}
		in.Waivers = append(in.Waivers, wv)
	}
	return in
}

func supplierRow(doc *inventory.Document) *Supplier {
	v := doc.Object()
	return &Supplier{
		ID: text(doc.ID), Name: cmp.Or(str(v, "metadata", "name"), text(doc.ID)),
		File: text(doc.File), Line: doc.Start().Line, Defined: true,
		Services:         str(v, "spec", "services"),
		AssessmentDate:   str(v, "spec", "assessment", "date"),
		AssessmentResult: str(v, "spec", "assessment", "result"),
		Reviewer:         str(v, "spec", "assessment", "reviewer"),
		DPA:              yesNo(v, "spec", "contract", "dpa"),
		SecurityAddendum: yesNo(v, "spec", "contract", "securityAddendum"),
		ContractExpires:  str(v, "spec", "contract", "expires"),
		Certifications:   strs(v, "spec", "certifications"),
	}
}

func get(v any, path ...string) any {
	for _, k := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// text is an inventory string as the evidence holds it: plain, with
// credentials redacted (report.Plain). Each renderer escapes it for its
// medium.
func text(s string) string { return report.Plain(s) }

// scalar renders a scalar as the document wrote it; lists and maps (a
// schema-invalid document) are not shown.
func scalar(v any) string {
	switch x := v.(type) {
	case string:
		return text(x)
	case json.Number:
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	case nil, map[string]any, []any:
		return ""
	}
	return text(fmt.Sprint(v))
}

func str(v any, path ...string) string { return scalar(get(v, path...)) }

func strs(v any, path ...string) []string {
	list, _ := get(v, path...).([]any)
	var out []string
	for _, item := range list {
		if s := scalar(item); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func yesNo(v any, path ...string) string {
	switch x := get(v, path...).(type) {
	case bool:
		if x {
			return "yes"
		}
		return "no"
	case nil:
		return ""
	default:
		return scalar(x) // a schema-invalid value, shown as written
	}
}

// join lists values for a table cell.
func join(list []string) string { return strings.Join(list, ", ") }
