package format

import (
	"encoding/json"
	"github.com/ifacelint/ifacelint/internal/textsafe"
	"io"
)

// GitLab is a GitLab Code Quality report: a JSON array of issues that the
// merge-request widget compares between the source and target branches by
// fingerprint. The fingerprint leaves the line out, so a finding that moves
// is not shown as fixed and new again. Waived and baselined findings are
// left out (docs/output.md).
type GitLab struct{}

type gitlabIssue struct {
	Type        string         `json:"type"`
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Categories  []string       `json:"categories"`
	Content     *gitlabContent `json:"content,omitempty"`
	Location    gitlabLocation `json:"location"`
}

type gitlabContent struct {
	Body string `json:"body"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
	End   int `json:"end"`
}

// Write implements Reporter.
func (GitLab) Write(w io.Writer, r *Report) error {
	prints := r.fingerprints()
	out := make([]gitlabIssue, 0, len(r.Findings))
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Suppressed() {
			continue
		}
		last, _, _ := end(f)
		issue := gitlabIssue{
			Type:        "issue",
			Description: f.Message,
			CheckName:   f.Rule,
			Fingerprint: prints[i],
			Severity:    bySeverity(f.Severity, "major", "minor", "info"),
			Categories:  []string{"Security"},
			Location:    gitlabLocation{Path: r.locate(f.File).path(), Lines: gitlabLines{Begin: max(f.Line, 1), End: last}},
		}
		if rem := oneLine(f.Remediation); rem != "" {
			issue.Content = &gitlabContent{Body: rem}
		}
		out = append(out, issue)
	}
	enc := json.NewEncoder(textsafe.JSONSafe{W: w}) // no bidi or C1 control raw on a terminal
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
