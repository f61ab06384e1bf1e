package app

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/ifacelint/ifacelint/internal/format"
	"github.com/ifacelint/ifacelint/internal/lint"
	"github.com/ifacelint/ifacelint/internal/policy"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// When SARIF output is cut to code scanning's limit, standard error says
// how many findings were left out; the SARIF itself says so too.
func TestSARIFCutSaidOnStderr(t *testing.T) {
	t.Parallel()
	const n = format.SARIFMaxResults + 7
	fs := make([]lint.Finding, n)
	for i := range fs {
		fs[i] = lint.Finding{RuleInfo: &lint.RuleInfo{Rule: "ownership/review-current", Severity: policy.Warning}, DocInfo: &lint.DocInfo{File: fmt.Sprintf("inventory/f%05d.yaml", i), Kind: "Interface", ID: "x"}, Message: "m", Line: 1, Column: 1, Path: inventory.Path{"metadata"}}
	}
	rep := format.New(fs, n, n, nil)
	rep.FailOn = policy.Error
	var stdout, stderr bytes.Buffer
	o := New(Request{SARIFCategory: format.DefaultSARIFCategory, Stdout: &stdout, Stderr: &stderr})
	if err := o.writeReport([]output{{format: "sarif"}}, rep); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("ifacelint: standard output: SARIF left out 7 findings, the least severe (a code-scanning run holds at most %d results)\n", format.SARIFMaxResults)
	if stderr.String() != want {
		t.Errorf("stderr %q, want %q", stderr.String(), want)
	}
	if !strings.Contains(stdout.String(), `"ifacelint/resultsOmitted": 7`) {
		t.Error("SARIF does not say 7 results were left out")
	}
	// Under the limit: nothing on stderr.
	stderr.Reset()
	stdout.Reset()
	if err := o.writeReport([]output{{format: "sarif"}}, format.New(fs[:10], 10, 10, nil)); err != nil {
		t.Fatal(err)
	}
	if stderr.Len() != 0 {
		t.Errorf("stderr %q for an uncut run", stderr.String())
	}
}
