package format

import (
	"encoding/json"
	"github.com/ifacelint/ifacelint/internal/textsafe"
	"io"

	"github.com/ifacelint/ifacelint/internal/risk"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// JSON is the machine format (docs/output.md). It holds no timings, so the
// same inventory always gives byte-identical output. Waived and baselined
// findings are listed with their flag set.
type JSON struct{}

type jsonReport struct {
	Version  int           `json:"version"`
	Summary  jsonSummary   `json:"summary"`
	Findings []jsonFinding `json:"findings"`
}

type jsonSummary struct {
	Files         int `json:"files"`
	Documents     int `json:"documents"`
	Errors        int `json:"errors"`
	Warnings      int `json:"warnings"`
	Infos         int `json:"infos"`
	Waived        int `json:"waived"`
	Baselined     int `json:"baselined"`
	StaleBaseline int `json:"staleBaseline"`
	// New and Existing count the open findings the change introduced and
	// those the base revision had; only against a base revision (lint
	// --base).
	New      *int `json:"new,omitempty"`
	Existing *int `json:"existing,omitempty"`
	// AcceptedRisk is the risk the run accepts; absent when none.
	AcceptedRisk *risk.Statement `json:"acceptedRisk,omitempty"`
}

type jsonFinding struct {
	Rule      string         `json:"rule"`
	Severity  string         `json:"severity"`
	Message   string         `json:"message"`
	File      string         `json:"file"`
	Line      int            `json:"line"`
	Column    int            `json:"column"`
	EndLine   int            `json:"endLine"`
	EndColumn int            `json:"endColumn"`
	Kind      *string        `json:"kind"`
	ID        *string        `json:"id"`
	Path      inventory.Path `json:"path"`
	Controls  []string       `json:"controls"`
	// Frameworks maps every framework key to the rule's controls in it
	// (docs/frameworks.md); "iso-27001" repeats controls.
	Frameworks  map[string][]string `json:"frameworks"`
	Remediation string              `json:"remediation"`
	Waived      bool                `json:"waived"`
	Baselined   bool                `json:"baselined"`
	// New says whether the change introduced the finding; only against a
	// base revision (lint --base).
	New *bool `json:"new,omitempty"`
}

// Write implements Reporter.
func (JSON) Write(w io.Writer, r *Report) error {
	s := r.Summary
	out := jsonReport{
		Version: 1,
		Summary: jsonSummary{Files: s.Files, Documents: s.Documents, Errors: s.Errors, Warnings: s.Warnings, Infos: s.Infos,
			Waived: s.Waived, Baselined: s.Baselined, StaleBaseline: s.StaleBaseline, AcceptedRisk: r.accepted()},
		Findings: make([]jsonFinding, 0, len(r.Findings)),
	}
	if r.Base != nil {
		out.Summary.New, out.Summary.Existing = &s.New, &s.Existing
	}
	maps := ruleMappings{cat: r.Catalogue}
	for _, f := range r.Findings {
		jf := jsonFinding{
			Rule: f.Rule, Severity: string(f.Severity), Message: f.Message, File: f.File,
			Line: f.Line, Column: f.Column, Path: f.Path, Controls: f.Controls,
			Remediation: f.Remediation, Waived: f.Waived, Baselined: f.Baselined,
		}
		if r.Base != nil {
			jf.New = &f.New
		}
		jf.EndLine, jf.EndColumn, _ = end(&f)
		if jf.Path == nil {
			jf.Path = inventory.Path{}
		}
		if jf.Controls == nil {
			jf.Controls = []string{}
		}
		jf.Frameworks = maps.of(f.Rule, jf.Controls)
		if !f.FileLevel {
			jf.Kind = nullable(f.Kind)
			jf.ID = nullable(f.ID)
		}
		out.Findings = append(out.Findings, jf)
	}
	enc := json.NewEncoder(textsafe.JSONSafe{W: w}) // no bidi or C1 control raw on a terminal
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
