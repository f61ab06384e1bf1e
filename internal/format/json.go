package format

import (
	"bytes"
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

// Write implements Reporter. The findings are streamed (jsonStream): the
// bytes are those of encoding/json indenting the whole report.
func (JSON) Write(w io.Writer, r *Report) error {
	s := r.Summary
	out := jsonReport{
		Version: 1,
		Summary: jsonSummary{Files: s.Files, Documents: s.Documents, Errors: s.Errors, Warnings: s.Warnings, Infos: s.Infos,
			Waived: s.Waived, Baselined: s.Baselined, StaleBaseline: s.StaleBaseline, AcceptedRisk: r.accepted()},
		Findings: []jsonFinding{},
	}
	if r.Base != nil {
		out.Summary.New, out.Summary.Existing = &s.New, &s.Existing
	}
	fr, err := frame(out)
	if err != nil {
		return err
	}
	j := newJSONStream(w)
	maps := ruleMappings{cat: r.Catalogue}
	frameworks := map[string][]byte{} // per rule, encoded at the finding's depth
	const d = 2                       // a finding's depth
	return j.list(fr, "findings", 1, len(r.Findings), func(i int) {
		f := &r.Findings[i]
		j.buf = append(j.buf, '{')
		j.key(true, d+1, "rule")
		j.mstr(f.Rule)
		j.key(false, d+1, "severity")
		j.mstr(string(f.Severity))
		j.key(false, d+1, "message")
		j.str(f.Message)
		j.key(false, d+1, "file")
		j.mstr(f.File)
		endLine, endColumn, _ := end(f)
		j.key(false, d+1, "line")
		j.int(f.Line)
		j.key(false, d+1, "column")
		j.int(f.Column)
		j.key(false, d+1, "endLine")
		j.int(endLine)
		j.key(false, d+1, "endColumn")
		j.int(endColumn)
		j.key(false, d+1, "kind")
		if f.FileLevel || f.Kind == "" {
			j.buf = append(j.buf, "null"...)
		} else {
			j.mstr(f.Kind)
		}
		j.key(false, d+1, "id")
		if f.FileLevel || f.ID == "" {
			j.buf = append(j.buf, "null"...)
		} else {
			j.str(f.ID)
		}
		j.key(false, d+1, "path")
		path := f.Path
		if path == nil {
			path = inventory.Path{}
		}
		j.path(path, d+1)
		controls := f.Controls
		if controls == nil {
			controls = []string{}
		}
		j.key(false, d+1, "controls")
		j.strs(controls, d+1)
		j.key(false, d+1, "frameworks")
		// A rule's mappings are the same for every finding of it (the
		// catalogue's, or the first finding's controls for a rule it lacks).
		enc, ok := frameworks[f.Rule]
		if !ok {
			start := len(j.buf)
			j.value(maps.of(f.Rule, controls), d+1)
			enc = bytes.Clone(j.buf[start:])
			frameworks[f.Rule] = enc
		} else {
			j.buf = append(j.buf, enc...)
		}
		j.key(false, d+1, "remediation")
		j.mstr(f.Remediation)
		j.key(false, d+1, "waived")
		j.bool(f.Waived)
		j.key(false, d+1, "baselined")
		j.bool(f.Baselined)
		if r.Base != nil {
			j.key(false, d+1, "new")
			j.bool(f.New)
		}
		j.close(d, '}')
	})
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
