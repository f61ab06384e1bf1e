package audit

import (
	"strconv"

	"github.com/ifacelint/ifacelint/internal/frameworks"
	"github.com/ifacelint/ifacelint/internal/graph"
	"github.com/ifacelint/ifacelint/internal/rules"
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
	// Frameworks holds the coverage matrix of each framework the report was
	// asked for (report --framework, the config's frameworks:), in the order
	// asked. Empty when none was asked: the report is then the ISO/IEC 27001
	// report built from Coverage alone.
	Frameworks []*FrameworkCoverage
	// Suppliers is the third-party register: the reported ThirdParty
	// documents and those the reported Interfaces name, sorted by id.
	Suppliers []*Supplier
	// Graph is the data-flow diagram of the register.
	Graph *graph.Graph
}

// Provenance ties a report to what produced it (docs/audit-evidence.md).
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

func (c *Counts) add(s rules.Severity) {
	switch s {
	case rules.Error:
		c.Error++
	case rules.Warning:
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
func (in *Interface) Worst() rules.Severity {
	switch {
	case in.Open.Error > 0:
		return rules.Error
	case in.Open.Warning > 0:
		return rules.Warning
	case in.Open.Info > 0:
		return rules.Info
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
	// WrittenAt is where the waiver is written, file:line: the document,
	// or a waiver file (config waivers.files).
	WrittenAt string
}

// Finding is a finding as the register shows it.
type Finding struct {
	Rule     string
	Severity rules.Severity
	Message  string
	Line     int
	Waived   bool
}

// CitesISO reports whether the report's section headings cite ISO/IEC
// 27001 Annex A (the interface register is A.5.9): when the report is the
// ISO report, or ISO 27001 is among the frameworks asked for. A SOC 2 report
// does not send its reader to a standard it was not asked about.
func (e *Evidence) CitesISO() bool {
	if len(e.Frameworks) == 0 {
		return true
	}
	for _, fc := range e.Frameworks {
		if fc.Key == frameworks.ISO27001 {
			return true
		}
	}
	return false
}

// FrameworkCoverage is the control coverage matrix of one framework.
type FrameworkCoverage struct {
	Key     string // "soc2", as in --framework
	Name    string // "SOC 2 Trust Services Criteria"
	Short   string // "SOC 2"
	Version string // the edition the catalogue follows, for the provenance
	// Coverage holds one row per control of the framework that an evaluated
	// rule maps to, in the framework's order.
	Coverage []*Control
	// Passing counts the controls no interface fails.
	Passing int
}

// Control is one row of the control coverage matrix.
type Control struct {
	ID     string // the framework's id, e.g. "5.14", "CC6.1", "IA-2(1)"
	Title  string // the catalogue's title, "" when the id is not in it
	Family string // the catalogue's family or section, "" when the id is not in it
	Rules  []string
	// Pass, Waived and Fail count interfaces (docs/audit-evidence.md): an
	// interface passes when no unwaived finding of these rules is open on
	// it, is waived when its only findings of these rules are waived, and
	// fails otherwise.
	Pass, Waived, Fail int
	// Failing and WaivedOn name those interfaces with the rules concerned.
	Failing  []ControlHit
	WaivedOn []ControlHit
	// Status is each register row's result, in register order: "pass",
	// "waived" or "fail".
	Status []string
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
	// Tier is spec.tier ("" when the supplier declares none: the rules
	// then derive it per Interface).
	Tier string
	BAA  string // spec.contract.baa: yes, no or ""
	// Assurance lists the assurance reports, "TYPE to PERIODEND".
	Assurance []string
	// Subprocessors are spec.subprocessors.
	Subprocessors []string
	// NextReview is when the assessment falls due again (Options.ReviewDays
	// after its date); "" when unknown.
	NextReview string

	// Interfaces are the ids of the reported Interfaces whose
	// spec.thirdParty names this supplier, sorted.
	Interfaces []string
	Open       Counts // open findings on the ThirdParty document itself
}
