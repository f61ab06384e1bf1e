package lint

import (
	"reflect"
	"testing"

	"github.com/ifacelint/ifacelint/internal/app"
	"github.com/ifacelint/ifacelint/internal/finding"
	"github.com/ifacelint/ifacelint/internal/format"
	"github.com/ifacelint/ifacelint/internal/risk"
	"github.com/ifacelint/ifacelint/internal/rules"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

func TestFindingOf(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		in   finding.Finding
		want Finding
	}{
		{
			name: "node",
			in:   finding.Finding{RuleInfo: &finding.RuleInfo{Rule: "transport/tls-required", Severity: rules.Error, Controls: []string{"8.20", "8.24"}, Remediation: "use https"}, DocInfo: &finding.DocInfo{File: "inv/a.yaml", Kind: "Interface", ID: "dash", DocIndex: 2}, Message: "plaintext", Line: 22, Column: 7, EndLine: 22, EndColumn: 36, Path: inventory.Path{"spec", "endpoints", 0, "url"}},
			want: Finding{
				Rule: "transport/tls-required", Severity: Error, Message: "plaintext",
				File: "inv/a.yaml", Line: 22, Column: 7, EndLine: 22, EndColumn: 36,
				Kind: "Interface", ID: "dash", Path: "spec.endpoints[0].url", Controls: []string{"8.20", "8.24"},
			},
		},
		{
			name: "quoted key",
			in:   finding.Finding{RuleInfo: &finding.RuleInfo{Rule: "r", Severity: rules.Info}, DocInfo: &finding.DocInfo{}, Path: inventory.Path{"metadata", "labels", "a.b"}},
			want: Finding{Rule: "r", Severity: Info, Path: `metadata.labels["a.b"]`},
		},
		{
			name: "waived",
			in:   finding.Finding{RuleInfo: &finding.RuleInfo{Rule: "r", Severity: rules.Warning}, DocInfo: &finding.DocInfo{}, Waived: true, WaiverReason: "why"},
			want: Finding{Rule: "r", Severity: Warning, Waived: true},
		},
		{
			name: "baselined",
			in:   finding.Finding{RuleInfo: &finding.RuleInfo{Rule: "r", Severity: rules.Error}, DocInfo: &finding.DocInfo{}, Baselined: true},
			want: Finding{Rule: "r", Severity: Error, Baselined: true},
		},
		{
			name: "file level",
			in:   finding.Finding{RuleInfo: &finding.RuleInfo{Rule: rules.SchemaInvalid, Severity: rules.Error}, DocInfo: &finding.DocInfo{File: "x.yaml", DocIndex: -1}, Line: 1, Column: 1, FileLevel: true},
			want: Finding{Rule: rules.SchemaInvalid, Severity: Error, File: "x.yaml", Line: 1, Column: 1},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := findingOf(&tc.in)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("findingOf:\n got %+v\nwant %+v", got, tc.want)
			}
			// The result is the caller's: changing it leaves the run's alone.
			if len(got.Controls) > 0 {
				got.Controls[0] = "changed"
				if tc.in.Controls[0] == "changed" {
					t.Error("Controls shares the finding's slice")
				}
			}
		})
	}
}

func TestRuleOf(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		in   rules.Rule
		want Rule
	}{
		{
			name: "builtin",
			in: rules.Rule{
				ID: "transport/tls-required", Package: "ifacelint.transport.tls_required", Title: "TLS required",
				Severity: rules.Error, Controls: []string{"8.20"}, Frameworks: map[string][]string{"soc2": {"CC6.7"}, "cis-v8": {}},
				Kinds: []string{"Interface"}, Params: map[string]any{"x": 1}, File: "policy.rego", Builtin: true,
			},
			want: Rule{
				ID: "transport/tls-required", Title: "TLS required", Severity: Error, Controls: []string{"8.20"},
				Frameworks: map[string][]string{"soc2": {"CC6.7"}, "cis-v8": {}}, Builtin: true,
			},
		},
		{
			name: "custom without frameworks",
			in:   rules.Rule{ID: "acme/owner", Title: "Owner", Severity: rules.Warning},
			want: Rule{ID: "acme/owner", Title: "Owner", Severity: Warning},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ruleOf(&tc.in)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ruleOf:\n got %+v\nwant %+v", got, tc.want)
			}
			for k, ids := range got.Frameworks {
				got.Frameworks[k] = append(ids, "changed")
			}
			if !reflect.DeepEqual(ruleOf(&tc.in), tc.want) {
				t.Error("Frameworks shares the rule's map")
			}
		})
	}
}

func TestResultOf(t *testing.T) {
	t.Parallel()
	open := finding.Finding{RuleInfo: &finding.RuleInfo{Rule: "a", Severity: rules.Warning}, DocInfo: &finding.DocInfo{}}
	waived := finding.Finding{RuleInfo: &finding.RuleInfo{Rule: "b", Severity: rules.Error}, DocInfo: &finding.DocInfo{}, Waived: true}
	for _, tc := range []struct {
		name string
		in   app.LintOutcome
		want Result
	}{
		{
			name: "clean",
			in:   app.LintOutcome{Report: format.New(nil, 1, 2, nil)},
			want: Result{Findings: []Finding{}, Counts: Counts{Files: 1, Documents: 2}, FailOn: Error},
		},
		{
			name: "fails",
			in: app.LintOutcome{
				Report: func() *format.Report {
					r := format.New([]finding.Finding{open, waived}, 1, 1, nil)
					r.FailOn = rules.Warning
					r.Summary.StaleBaseline = 3
					r.Accepted = &risk.Statement{FailOn: &risk.Setting{Value: "warning", By: "--fail-on"}}
					return r
				}(),
				Fails: true,
			},
			want: Result{
				Findings: []Finding{{Rule: "a", Severity: Warning}, {Rule: "b", Severity: Error, Waived: true}},
				Counts:   Counts{Files: 1, Documents: 1, Warnings: 1, Waived: 1, StaleBaseline: 3},
				FailOn:   Warning,
				Fails:    true,
				Accepted: []string{"fail-on warning (--fail-on): findings below warning do not fail the run"},
			},
		},
		{
			name: "never",
			in: app.LintOutcome{Report: func() *format.Report {
				r := format.New([]finding.Finding{open}, 1, 1, nil)
				r.FailOn = rules.Never
				return r
			}()},
			want: Result{
				Findings: []Finding{{Rule: "a", Severity: Warning}},
				Counts:   Counts{Files: 1, Documents: 1, Warnings: 1},
				FailOn:   Never,
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := resultOf(&tc.in)
			if !reflect.DeepEqual(*got, tc.want) {
				t.Errorf("resultOf:\n got %+v\nwant %+v", *got, tc.want)
			}
		})
	}
}
