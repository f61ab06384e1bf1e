package format

import (
	"cmp"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/ifacelint/ifacelint/internal/finding"
	"github.com/ifacelint/ifacelint/internal/risk"
	"github.com/ifacelint/ifacelint/internal/rules"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// SARIF is SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, IDEs). It
// describes every rule of the catalogue, not only those that fired, so a
// viewer can explain a rule and an auditor sees what was checked; a rule's
// level and security-severity are the run's, after the config's overrides.
//
// Waived and baselined findings are left out, because code scanning does not
// dismiss suppressed results by itself; with Suppressed they are results
// with a suppression, and then every result carries a suppressions array
// (SARIF §3.27.23 wants all or none). A run holds at most SARIFMaxResults
// results (code scanning rejects more): findings that fail the gate first,
// then the more severe, then file order; when some are cut, the run's
// properties and a tool notification say how many.
//
// Output holds no timestamps and no map-ordered data: the same run gives the
// same bytes. Messages keep the inventory's text exactly, as the json format
// does: encoding/json escapes it, and SARIF viewers show it as plain text.
type SARIF struct {
	// Suppressed keeps waived and baselined findings as suppressed results.
	Suppressed bool
	// Category is the run's automationDetails.id, which tells code
	// scanning apart several ifacelint runs on one commit; a "/" is added
	// when it does not end in one. Empty means DefaultSARIFCategory.
	Category string
}

// SARIFMaxResults is the most results a SARIF run holds: GitHub code
// scanning rejects an upload with more in one run.
const SARIFMaxResults = 25000

// DefaultSARIFCategory is the automationDetails.id of a run by default.
const DefaultSARIFCategory = "ifacelint/"

const (
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	srcRoot      = "%SRCROOT%"
	toolURI      = "https://github.com/ifacelint/ifacelint"
	rulesDocURI  = toolURI + "/blob/main/docs/rules.md"
	fingerprintK = "ifacelint/v1"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                   `json:"tool"`
	Invocations        []sarifInvocation           `json:"invocations,omitempty"`
	AutomationDetails  sarifAutomation             `json:"automationDetails"`
	OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds,omitempty"`
	ColumnKind         string                      `json:"columnKind"`
	Results            []sarifResult               `json:"results"`
	Properties         *sarifRunProps              `json:"properties,omitempty"`
}

type sarifAutomation struct {
	ID string `json:"id"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications"`
}

type sarifNotification struct {
	Descriptor sarifDescriptorRef `json:"descriptor"`
	Level      string             `json:"level"`
	Message    sarifText          `json:"message"`
}

type sarifDescriptorRef struct {
	ID string `json:"id"`
}

// sarifRunProps says how many results the cap left out.
type sarifRunProps struct {
	ResultsOmitted int `json:"ifacelint/resultsOmitted,omitempty"`
	ResultsTotal   int `json:"ifacelint/resultsTotal,omitempty"`
	// AcceptedRisk is the risk the run accepts (risk.Statement).
	AcceptedRisk *risk.Statement `json:"ifacelint/acceptedRisk,omitempty"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	FullName        string      `json:"fullName,omitempty"`
	InformationURI  string      `json:"informationUri"`
	Version         string      `json:"version,omitempty"`
	SemanticVersion string      `json:"semanticVersion,omitempty"`
	Rules           []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name"`
	ShortDescription     sarifText          `json:"shortDescription"`
	FullDescription      *sarifText         `json:"fullDescription,omitempty"`
	Help                 *sarifText         `json:"help,omitempty"`
	HelpURI              string             `json:"helpUri,omitempty"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	Properties           sarifRuleProps     `json:"properties"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Controls []string `json:"controls"`
	// Frameworks maps every framework key to the rule's controls in it;
	// "iso-27001" repeats controls.
	Frameworks       map[string][]string `json:"frameworks"`
	Tags             []string            `json:"tags"`
	SecuritySeverity string              `json:"security-severity"`
}

type sarifResult struct {
	RuleID              string              `json:"ruleId"`
	RuleIndex           int                 `json:"ruleIndex"`
	Level               string              `json:"level"`
	Message             sarifText           `json:"message"`
	Locations           []sarifLocation     `json:"locations"`
	PartialFingerprints map[string]string   `json:"partialFingerprints"`
	Suppressions        *[]sarifSuppression `json:"suppressions,omitempty"`  // nil: none asked for
	BaselineState       string              `json:"baselineState,omitempty"` // only against a base revision (lint --base)
	Properties          *sarifResultProps   `json:"properties,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical     `json:"physicalLocation"`
	LogicalLocations []sarifLogicalLoc `json:"logicalLocations,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
	Region           sarifRegion      `json:"region"`
}

type sarifArtifactLoc struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

// sarifRegion's end is left out for an empty region: then it is the rest
// of the start line (SARIF §3.30.5, §3.30.7), which points at the place
// better than a zero-width insertion point.
type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifLogicalLoc struct {
	Name               string `json:"name"`
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification,omitempty"` // the waiver's reason
}

// sarifResultProps names the document and node a result is about, for
// tools that group results by inventory entry rather than by file.
type sarifResultProps struct {
	Kind     string         `json:"kind"`
	ID       string         `json:"id"`
	Path     inventory.Path `json:"path"`
	Controls []string       `json:"controls"`
}

// Write implements Reporter.
func (s SARIF) Write(w io.Writer, r *Report) error {
	rules, index := sarifRules(r)
	// version holds digits first (SARIF2005 warns of a leading v); the
	// full name keeps the tag as released.
	driver := sarifDriver{Name: "ifacelint", InformationURI: toolURI, Version: strings.TrimPrefix(r.Version, "v"), Rules: rules}
	if r.Version != "" {
		driver.FullName = "ifacelint " + r.Version
		driver.SemanticVersion = semanticVersion(r.Version)
	}
	picked, total := s.results(r)
	run := sarifRun{
		Tool:              sarifTool{driver},
		AutomationDetails: sarifAutomation{ID: s.category()},
		ColumnKind:        "unicodeCodePoints",
		Results:           []sarifResult{}, // streamed in its place (jsonStream)
	}
	if root := r.root(); root != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLoc{srcRoot: {URI: dirURI(root)}}
	}
	prints := r.fingerprints() // over every finding, so a cut renumbers nothing
	if st := r.accepted(); st != nil {
		run.Properties = &sarifRunProps{AcceptedRisk: st}
	}
	if omitted := total - len(picked); omitted > 0 {
		if run.Properties == nil {
			run.Properties = &sarifRunProps{}
		}
		run.Properties.ResultsOmitted, run.Properties.ResultsTotal = omitted, total
		run.Invocations = []sarifInvocation{{
			ExecutionSuccessful: true,
			ToolExecutionNotifications: []sarifNotification{{
				Descriptor: sarifDescriptorRef{ID: "ifacelint/results-omitted"},
				Level:      "warning",
				Message: sarifText{Text: fmt.Sprintf("%d of %d results left out: a run holds at most %d (the limit of GitHub code scanning); "+
					"the findings that fail the gate and the most severe were kept. The json and text formats list every finding.",
					omitted, total, SARIFMaxResults)},
			}},
		}}
	}
	// No bidi or C1 control raw on a terminal: the frame and every result
	// go through textsafe.JSONSafe (jsonStream).
	fr, err := frame(sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}})
	if err != nil {
		return err
	}
	j := newJSONStream(w)
	uris := map[string]sarifArtifactLoc{}
	return j.list(fr, "results", 3, len(picked), func(k int) {
		i := picked[k]
		f := &r.Findings[i]
		loc, ok := uris[f.File]
		if !ok {
			loc = sarifArtifactOf(r, f.File)
			uris[f.File] = loc
		}
		j.sarifResult(r, f, loc, index[f.Rule], prints[i], s.Suppressed)
	})
}

// sarifArtifactOf is where a finding's file is, for code scanning.
func sarifArtifactOf(r *Report, file string) sarifArtifactLoc {
	a := r.locate(file)
	if a.Rel != "" {
		return sarifArtifactLoc{URI: relativeURI(a.Rel), URIBaseID: srcRoot}
	}
	return sarifArtifactLoc{URI: fileURI(a.Abs)}
}

// sarifResult appends the result sarifResultOf describes (with its
// suppressions only when suppressed is set), as encoding/json indents it
// at depth 4 of the log.
func (j *jsonStream) sarifResult(r *Report, f *finding.Finding, loc sarifArtifactLoc, ruleIndex int, fingerprint string, suppressed bool) {
	const d = 4
	j.buf = append(j.buf, '{')
	j.key(true, d+1, "ruleId")
	j.mstr(f.Rule)
	j.key(false, d+1, "ruleIndex")
	j.int(ruleIndex)
	j.key(false, d+1, "level")
	j.mstr(sarifLevel(f.Severity))
	j.key(false, d+1, "message")
	j.buf = append(j.buf, '{')
	j.key(true, d+2, "text")
	j.str(f.Message)
	j.close(d+1, '}')

	j.key(false, d+1, "locations")
	j.buf = append(j.buf, '[')
	j.newline(d + 2)
	j.buf = append(j.buf, '{')
	j.key(true, d+3, "physicalLocation")
	j.buf = append(j.buf, '{')
	j.key(true, d+4, "artifactLocation")
	j.buf = append(j.buf, '{')
	j.key(true, d+5, "uri")
	j.mstr(loc.URI)
	if loc.URIBaseID != "" {
		j.key(false, d+5, "uriBaseId")
		j.mstr(loc.URIBaseID)
	}
	j.close(d+4, '}')
	j.key(false, d+4, "region")
	j.buf = append(j.buf, '{')
	j.key(true, d+5, "startLine")
	j.int(max(f.Line, 1))
	j.key(false, d+5, "startColumn")
	j.int(max(f.Column, 1))
	if line, col, ok := end(f); ok {
		if line != 0 {
			j.key(false, d+5, "endLine")
			j.int(line)
		}
		if col != 0 {
			j.key(false, d+5, "endColumn")
			j.int(col)
		}
	}
	j.close(d+4, '}')
	j.close(d+3, '}')
	if !f.FileLevel && f.ID != "" {
		j.key(false, d+3, "logicalLocations")
		j.buf = append(j.buf, '[')
		j.newline(d + 4)
		j.buf = append(j.buf, '{')
		j.key(true, d+5, "name")
		j.str(f.ID)
		j.key(false, d+5, "fullyQualifiedName")
		j.str(documentName(f))
		j.key(false, d+5, "kind")
		j.buf = append(j.buf, `"object"`...)
		j.close(d+4, '}')
		j.close(d+3, ']')
	}
	j.close(d+2, '}')
	j.close(d+1, ']')

	j.key(false, d+1, "partialFingerprints")
	j.buf = append(j.buf, '{')
	j.key(true, d+2, fingerprintK)
	j.str(fingerprint)
	j.close(d+1, '}')

	if suppressed {
		j.key(false, d+1, "suppressions")
		switch {
		case f.Waived:
			j.buf = append(j.buf, '[')
			j.newline(d + 2)
			j.buf = append(j.buf, '{')
			j.key(true, d+3, "kind")
			j.buf = append(j.buf, `"inSource"`...)
			if f.WaiverReason != "" {
				j.key(false, d+3, "justification")
				j.mstr(f.WaiverReason)
			}
			j.close(d+2, '}')
			j.close(d+1, ']')
		case f.Baselined:
			j.buf = append(j.buf, '[')
			j.newline(d + 2)
			j.buf = append(j.buf, '{')
			j.key(true, d+3, "kind")
			j.buf = append(j.buf, `"external"`...)
			j.close(d+2, '}')
			j.close(d+1, ']')
		default:
			j.buf = append(j.buf, '[', ']')
		}
	}
	if f.BaselineState != "" {
		j.key(false, d+1, "baselineState")
		j.mstr(string(f.BaselineState))
	}
	if !f.FileLevel {
		j.key(false, d+1, "properties")
		j.buf = append(j.buf, '{')
		j.key(true, d+2, "kind")
		j.mstr(f.Kind)
		j.key(false, d+2, "id")
		j.str(f.ID)
		path := f.Path
		if path == nil {
			path = inventory.Path{}
		}
		j.key(false, d+2, "path")
		j.path(path, d+2)
		j.key(false, d+2, "controls")
		j.strs(nonNil(f.Controls), d+2)
		j.close(d+1, '}')
	}
	j.close(d, '}')
}

// Omitted is how many results Write leaves out of r for the result cap.
func (s SARIF) Omitted(r *Report) int {
	picked, total := s.results(r)
	return total - len(picked)
}

// results picks the findings written as results, as indexes into
// r.Findings in output order, and says how many were eligible (every
// finding with Suppressed, else the open ones). The order is: findings that
// fail the gate (open ones at or above r.FailOn), then by severity, then
// report order (file, line, column, rule); the first SARIFMaxResults are
// kept.
func (s SARIF) results(r *Report) (picked []int, total int) {
	for i := range r.Findings {
		if s.Suppressed || !r.Findings[i].Suppressed() {
			picked = append(picked, i)
		}
	}
	rank := func(i int) int {
		f := &r.Findings[i]
		n := bySeverity(f.Severity, 3, 2, 1)
		if !f.Suppressed() && r.failsGate(f) {
			n += 10 // a waived or baselined finding fails nothing
		}
		return n
	}
	slices.SortStableFunc(picked, func(a, b int) int { return cmp.Compare(rank(b), rank(a)) })
	total = len(picked)
	if total > SARIFMaxResults {
		picked = picked[:SARIFMaxResults]
	}
	return picked, total
}

func (s SARIF) category() string {
	c := s.Category
	if c == "" {
		return DefaultSARIFCategory
	}
	if !strings.HasSuffix(c, "/") {
		c += "/"
	}
	return c
}

// semverRE is a semantic version 2.0.0 (semver.org), without a leading v.
var semverRE = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)` +
	`(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?` +
	`(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)

// semanticVersion is the version without its leading v when it is a
// semantic version (v1.2.3, v0.0.0-dev.0123abcd4567); "" otherwise.
func semanticVersion(v string) string {
	v = strings.TrimPrefix(v, "v")
	if !semverRE.MatchString(v) {
		return ""
	}
	return v
}

// sarifRules describes every catalogue rule, sorted by id, plus any rule a
// finding names that the catalogue lacks (described from the finding), so
// every result has a ruleIndex. index maps a rule id to its position.
func sarifRules(r *Report) ([]sarifRule, map[string]int) {
	var known []*rules.Rule
	if r.Catalogue != nil {
		known = slices.Clone(r.Catalogue.Rules)
	}
	have := make(map[string]bool, len(known))
	for _, rule := range known {
		have[rule.ID] = true
	}
	for _, f := range r.Findings {
		if !have[f.Rule] {
			have[f.Rule] = true
			known = append(known, &rules.Rule{ID: f.Rule, Severity: f.Severity, Controls: f.Controls, Remediation: f.Remediation})
		}
	}
	slices.SortFunc(known, func(a, b *rules.Rule) int { return strings.Compare(a.ID, b.ID) })
	out := make([]sarifRule, len(known))
	index := make(map[string]int, len(known))
	for i, rule := range known {
		out[i] = sarifRuleOf(rule, r.severity(rule))
		index[rule.ID] = i
	}
	return out, index
}

// sarifRuleOf describes a rule at its severity in this run.
func sarifRuleOf(rule *rules.Rule, severity rules.Severity) sarifRule {
	title := oneLine(rule.Title)
	if title == "" {
		title = rule.ID
	}
	d := sarifRule{
		ID:                   rule.ID,
		Name:                 camelCase(rule.ID),
		ShortDescription:     sarifText{Text: title},
		DefaultConfiguration: sarifConfiguration{Level: sarifLevel(severity)},
		Properties: sarifRuleProps{
			Controls:         nonNil(rule.Controls),
			Frameworks:       rule.Mappings(),
			Tags:             ruleTags(rule),
			SecuritySeverity: bySeverity(severity, "8.0", "5.0", "2.0"),
		},
	}
	if desc := oneLine(rule.Description); desc != "" {
		d.FullDescription = &sarifText{Text: desc}
	}
	if help := ruleHelp(rule); help.Text != "" {
		d.Help = &help
	}
	if rule.Builtin {
		// Only built-in rules are in the generated reference.
		d.HelpURI = ruleDocURL(rule.ID)
	}
	return d
}

// ruleDocURL is a built-in rule's section in the generated docs/rules.md.
func ruleDocURL(id string) string { return rulesDocURI + "#" + anchor(id) }

// ruleHelp is what a code-scanning alert shows under "Rule help": when the
// rule fires, how to fix it and the controls it evidences. The markdown form
// escapes the policy's text like any other string it did not write.
func ruleHelp(rule *rules.Rule) sarifText {
	var text, md []string
	add := func(label, plain, markdown string) {
		if plain != "" {
			text = append(text, label+": "+plain)
			md = append(md, "**"+label+":** "+markdown)
		}
	}
	trigger, remediation := oneLine(rule.Trigger), oneLine(rule.Remediation)
	add("Fires when", trigger, markdownPlain(trigger))
	add("Remediation", remediation, markdownPlain(remediation))
	if len(rule.Controls) > 0 {
		add("Controls", controlsText(rule.Controls), "ISO/IEC 27001:2022 "+markdownPlain("A."+strings.Join(rule.Controls, ", A.")))
	}
	if rule.Frameworks != nil {
		others := strings.Join(frameworkLines(rule), "; ")
		add("Other frameworks", others, markdownPlain(others))
	}
	return sarifText{Text: strings.Join(text, "\n\n"), Markdown: strings.Join(md, "\n\n")}
}

// ruleTags lets code scanning filter: every rule is a security rule, in its
// category, evidencing ISO 27001 Annex A controls.
func ruleTags(rule *rules.Rule) []string {
	tags := []string{"security"}
	if cat, _, ok := strings.Cut(rule.ID, "/"); ok && cat != "" {
		tags = append(tags, cat)
	}
	for _, c := range rule.Controls {
		tags = append(tags, "ISO27001:A."+c)
	}
	return tags
}

// sarifLevel maps a severity to a SARIF level (SARIF has note, not info).
func sarifLevel(s rules.Severity) string { return bySeverity(s, "error", "warning", "note") }

// camelCase turns a rule id into the SARIF rule name:
// authentication/admin-mfa → AuthenticationAdminMfa.
func camelCase(id string) string {
	var b strings.Builder
	for _, word := range strings.FieldsFunc(id, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		rs := []rune(word)
		b.WriteString(strings.ToUpper(string(rs[0])))
		b.WriteString(string(rs[1:]))
	}
	if b.Len() == 0 {
		return "Rule"
	}
	return b.String()
}

// nonNil keeps an empty list a list ([]) in JSON rather than null.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
