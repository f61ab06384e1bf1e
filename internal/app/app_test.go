package app

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ifacelint/ifacelint/internal/baseline"
	"github.com/ifacelint/ifacelint/internal/config"
	"github.com/ifacelint/ifacelint/internal/format"
	"github.com/ifacelint/ifacelint/internal/frameworks"
	"github.com/ifacelint/ifacelint/internal/lint"
	"github.com/ifacelint/ifacelint/internal/policy"
	"github.com/ifacelint/ifacelint/internal/risk"
	"github.com/ifacelint/ifacelint/internal/rules"
	"github.com/ifacelint/ifacelint/internal/waiver"
)

// lintRequest is a Request with lint's flag defaults.
func lintRequest(formats ...string) Request {
	return Request{Formats: formats, Color: "auto", SARIFCategory: format.DefaultSARIFCategory, MaxMemory: DefaultMaxMemory}
}

// -f FORMAT goes to standard output (or --output), -f FORMAT=FILE to FILE;
// at most one format goes to standard output, and text is added there when
// every format names a file.
func TestFindingOutputs(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		req     Request
		want    []output
		wantErr string
	}{
		"default":          {req: lintRequest("text"), want: []output{{format: "text"}}},
		"to --output":      {req: func() Request { r := lintRequest("json"); r.Output = "out.json"; return r }(), want: []output{{format: "json", file: "out.json"}}},
		"one to a file":    {req: lintRequest("sarif=x.sarif", "text"), want: []output{{format: "sarif", file: "x.sarif"}, {format: "text"}}},
		"all to files":     {req: lintRequest("sarif=x.sarif", "json=x.json"), want: []output{{format: "sarif", file: "x.sarif"}, {format: "json", file: "x.json"}, {format: "text"}}},
		"two to stdout":    {req: lintRequest("json", "text"), wantErr: "only one --format can go to standard output"},
		"empty file":       {req: lintRequest("json="), wantErr: "--format json=: missing file name after ="},
		"unknown format":   {req: lintRequest("yaml"), wantErr: "unknown format"},
		"bad colour":       {req: func() Request { r := lintRequest("text"); r.Color = "sometimes"; return r }(), wantErr: `--color "sometimes": want auto, always or never`},
		"empty category":   {req: func() Request { r := lintRequest("text"); r.SARIFCategory = "/"; return r }(), wantErr: `--sarif-category "/"`},
		"category kept as": {req: func() Request { r := lintRequest("sarif"); r.SARIFCategory = "ifacelint/api"; return r }(), want: []output{{format: "sarif"}}},
	}
	for name, tt := range tests {
		got, err := findingOutputs(tt.req)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%s: error %v, want one containing %q", name, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %+v, %v; want %+v", name, got, err, tt.want)
		}
	}
}

// report's and graph's outputs: no text added, known formats only.
func TestEvidenceOutputs(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		formats []string
		stdout  string
		want    []output
		wantErr string
	}{
		"default":        {formats: []string{"markdown"}, want: []output{{format: "markdown"}}},
		"to --output":    {formats: []string{"csv"}, stdout: "r.csv", want: []output{{format: "csv", file: "r.csv"}}},
		"every format":   {formats: []string{"html=r.html", "csv=r.csv", "markdown"}, want: []output{{format: "html", file: "r.html"}, {format: "csv", file: "r.csv"}, {format: "markdown"}}},
		"all to files":   {formats: []string{"csv=r.csv"}, want: []output{{format: "csv", file: "r.csv"}}},
		"two to stdout":  {formats: []string{"csv", "html"}, wantErr: "only one --format can go to standard output"},
		"empty file":     {formats: []string{"csv="}, wantErr: "--format csv=: missing file name after ="},
		"unknown format": {formats: []string{"dot"}, wantErr: `unknown format "dot" (want markdown, html, csv)`},
	}
	for name, tt := range tests {
		got, err := evidenceOutputs(tt.formats, tt.stdout, ReportFormats)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr && !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%s: error %v, want %q", name, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %+v, %v; want %+v", name, got, err, tt.want)
		}
	}
}

// --fail-on wins over the config's failOn, which wins over error.
func TestFailLevel(t *testing.T) {
	t.Parallel()
	cfg := &config.Config{File: ".ifacelint.yaml", FailOn: policy.Warning}
	tests := map[string]struct {
		flag    string
		cfg     *config.Config
		want    policy.Severity
		wantErr bool
	}{
		"default":             {want: policy.Error},
		"config without one":  {cfg: &config.Config{}, want: policy.Error},
		"config":              {cfg: cfg, want: policy.Warning},
		"flag":                {flag: "info", want: policy.Info},
		"flag over config":    {flag: "never", cfg: cfg, want: policy.Severity("never")},
		"flag error":          {flag: "error", cfg: cfg, want: policy.Error},
		"unknown flag value":  {flag: "fatal", wantErr: true},
		"unknown over config": {flag: "fatal", cfg: cfg, wantErr: true},
	}
	for name, tt := range tests {
		got, err := failLevel(tt.flag, tt.cfg)
		if (err != nil) != tt.wantErr || (!tt.wantErr && got != tt.want) {
			t.Errorf("%s: failLevel(%q) = %q, %v; want %q (error %v)", name, tt.flag, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestClock(t *testing.T) {
	t.Parallel()
	got, err := clock("2026-11-23")
	if err != nil || !got.Equal(time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("clock(2026-11-23) = %v, %v", got, err)
	}
	if _, err := clock("23/11/2026"); err == nil || err.Error() != `--now "23/11/2026": want a date YYYY-MM-DD` {
		t.Errorf("clock(23/11/2026): %v", err)
	}
	if got, err := clock(""); err != nil || time.Since(got) > time.Minute || got.Location() != time.UTC {
		t.Errorf("clock() = %v, %v; want now, UTC", got, err)
	}
}

func TestParseSize(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		want    int64
		wantErr string
	}{
		"512MiB":           {want: 512 << 20},
		"1GiB":             {want: 1 << 30},
		"1g":               {want: 1 << 30},
		"16M":              {want: 16 << 20},
		"20000KB":          {want: 20000 << 10},
		"20971520":         {want: 20 << 20},
		"15MiB":            {wantErr: "at least 16MiB"},
		"0":                {wantErr: "want a size"},
		"-1GiB":            {wantErr: "want a size"},
		"1TiB":             {wantErr: "want a size"},
		"lots":             {wantErr: "want a size"},
		"9999999999999GiB": {wantErr: "too large"},
	}
	for in, tt := range tests {
		got, err := parseSize(in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("parseSize(%q) = %d, %v; want an error containing %q", in, got, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, tt.want)
		}
	}
}

func TestFrameworkFlags(t *testing.T) {
	t.Parallel()
	got, err := frameworkFlags([]string{"soc2", "iso-27001", "soc2"}, nil, false)
	if err != nil || !slices.Equal(got, []string{"soc2", "iso-27001"}) {
		t.Errorf("frameworkFlags = %q, %v; want soc2, iso-27001 (each once, in order)", got, err)
	}
	// iso27001 is another spelling of iso-27001: read as it, and once.
	got, err = frameworkFlags([]string{"iso27001", "soc2", "iso-27001"}, nil, false)
	if err != nil || !slices.Equal(got, []string{"iso-27001", "soc2"}) {
		t.Errorf("frameworkFlags(iso27001, soc2, iso-27001) = %q, %v; want iso-27001, soc2", got, err)
	}
	if _, err := frameworkFlags([]string{"hippa"}, nil, false); err == nil || !strings.HasPrefix(err.Error(), `unknown framework "hippa" (want `) {
		t.Errorf("unknown framework: %v", err)
	}
	// Before the config is read, a key that may be one of its own passes;
	// one no config could define does not.
	if _, err := frameworkFlags([]string{"acme-sec"}, nil, true); err != nil {
		t.Errorf("early acme-sec: %v", err)
	}
	if _, err := frameworkFlags([]string{"Acme Sec"}, nil, true); err == nil {
		t.Error("early: a key no config can define passed")
	}
	// The config's own framework, once known.
	cat := rules.New()
	f, err := frameworks.NewUser("acme-sec", "Acme", "acme.yaml", []frameworks.Control{{ID: "S-1", Title: "t"}})
	if err != nil {
		t.Fatal(err)
	}
	cat.AddUserFrameworks([]*frameworks.Framework{f})
	if got, err := frameworkFlags([]string{"acme-sec", "soc2"}, cat, false); err != nil || !slices.Equal(got, []string{"acme-sec", "soc2"}) {
		t.Errorf("frameworkFlags(acme-sec, soc2) = %q, %v", got, err)
	}
	if _, err := frameworkFlags([]string{"acme"}, cat, false); err == nil || !strings.HasSuffix(err.Error(), ", owasp-api-2023, acme-sec)") {
		t.Errorf("unknown framework with the config's own: %v", err)
	}
	if got, err := frameworkFlags(nil, nil, false); err != nil || got != nil {
		t.Errorf("no --framework: %q, %v; want none (the config's, else iso-27001)", got, err)
	}
}

// The accepted-risk statement: the resolution's part, the fail-on level
// with where it was set, excluded files, documents outside the roots,
// active waivers only, and the baseline entries that matched.
func TestAcceptedRisk(t *testing.T) {
	t.Parallel()
	kind, id := "Interface", "orders-api"
	cfg := &config.Config{File: "/repo/.ifacelint.yaml", Inventory: []string{"inventory", "more/inv"}, Exclude: []string{"inventory/archive/**"}}
	resolved := risk.Statement{Rules: []risk.RuleChange{{Rule: "logging/retention"}}}
	active := lint.WaiverStatus{Rule: "logging/enabled", Kind: kind, ID: id, Status: waiver.Active, ApprovedBy: "a@example.com",
		Expires: "2027-01-01", WaiverReason: "legacy", WrittenIn: "inventory/a.yaml"}
	active.WrittenAt.Line, active.WrittenAt.Column = 12, 7
	tests := map[string]struct {
		session Session
		res     lint.Result
		outside int
		want    *risk.Statement
	}{
		"nothing accepted": {session: Session{failOn: policy.Error}, want: nil},
		"fail-on by flag": {
			session: Session{failOn: policy.Warning, req: Request{FailOn: "warning"}, config: cfg},
			want:    &risk.Statement{FailOn: &risk.Setting{Value: "warning", By: "--fail-on"}},
		},
		"fail-on by config": {
			session: Session{failOn: policy.Severity("never"), config: cfg},
			want:    &risk.Statement{FailOn: &risk.Setting{Value: "never", By: "/repo/.ifacelint.yaml"}},
		},
		"fail-on error by flag says nothing": {session: Session{failOn: policy.Error, req: Request{FailOn: "error"}}, want: nil},
		"the resolution's": {
			session: Session{failOn: policy.Error, accepted: resolved},
			want:    &resolved,
		},
		"excluded, outside": {
			session: Session{failOn: policy.Error, config: cfg},
			res:     lint.Result{Excluded: 3},
			outside: 2,
			want: &risk.Statement{
				Excluded:         &risk.Excluded{Patterns: cfg.Exclude, Files: 3, By: cfg.File},
				OutsideInventory: &risk.Outside{Roots: []string{"inventory", "more/inv"}, Files: 2, By: cfg.File},
			},
		},
		"excluded without a config": {session: Session{failOn: policy.Error}, res: lint.Result{Excluded: 3}, outside: 2, want: nil},
		"active waivers only, and the baseline": {
			session: Session{failOn: policy.Error, req: Request{Baseline: "b.json"}},
			res: lint.Result{
				Waivers: []lint.WaiverStatus{active, {Rule: "x/y", Status: waiver.Status("unused")}},
				BaselineMatched: []baseline.Matched{{Entry: baseline.Entry{Rule: "ownership/review-current", Kind: &kind, ID: &id,
					Path: "metadata.lastReviewed", File: "inventory/a.yaml", Count: 2}, Accepted: 2}},
			},
			want: &risk.Statement{
				Waivers: []risk.Waiver{{Rule: "logging/enabled", Kind: kind, ID: id, ApprovedBy: "a@example.com", Expires: "2027-01-01",
					Reason: "legacy", File: "inventory/a.yaml", Line: 12, Column: 7}},
				Baseline: []risk.BaselineEntry{{Rule: "ownership/review-current", Kind: &kind, ID: &id, Path: "metadata.lastReviewed",
					File: "inventory/a.yaml", Accepted: 2, Baseline: "b.json"}},
			},
		},
	}
	for name, tt := range tests {
		s := tt.session
		got := s.acceptedRisk(&tt.res, func() int { return tt.outside })
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", name, got, tt.want)
		}
	}
}

// A request becomes lint options: PATH arguments are the inventory
// without a config's roots, the targets within them; the rule selection,
// the date and the memory limit are checked.
func TestRequestToOptions(t *testing.T) {
	root := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("withconfig/.ifacelint.yaml", "inventory: [inventory]\nfailOn: warning\nrules:\n  logging/retention: {enabled: false}\n")
	write("withconfig/inventory/a.yaml", "apiVersion: ifacelint/v1\n")
	write("bare/inv/a.yaml", "apiVersion: ifacelint/v1\n")
	t.Chdir(root)

	tests := map[string]struct {
		dir     string
		req     Request
		inv     []string
		targets []string
		failOn  policy.Severity
		enabled map[string]bool // rules whose Enabled is checked
		wantErr string
	}{
		"config roots, PATH targets": {
			dir: "withconfig", req: Request{Targets: []string{"inventory/a.yaml"}},
			inv: []string{filepath.Join(root, "withconfig", "inventory")}, targets: []string{"inventory/a.yaml"},
			failOn: policy.Warning, enabled: map[string]bool{"logging/retention": false, "logging/enabled": true},
		},
		"--enable over the config, --fail-on over failOn": {
			dir: "withconfig", req: Request{Enable: []string{"logging/retention"}, Disable: []string{"logging/enabled"}, FailOn: "info"},
			inv: []string{filepath.Join(root, "withconfig", "inventory")}, failOn: policy.Info,
			enabled: map[string]bool{"logging/retention": true, "logging/enabled": false},
		},
		"no config: PATH is the inventory": {
			dir: "bare", req: Request{Targets: []string{"inv"}}, inv: []string{filepath.Join(root, "bare", "inv")}, failOn: policy.Error,
		},
		"nothing to check":   {dir: "bare", wantErr: "nothing to check: name files or directories"},
		"unknown rule":       {dir: "bare", req: Request{Targets: []string{"inv"}, Disable: []string{"no/such"}}, wantErr: "no/such"},
		"bad --now":          {dir: "bare", req: Request{Targets: []string{"inv"}, Now: "today"}, wantErr: `--now "today": want a date YYYY-MM-DD`},
		"bad --max-memory":   {dir: "bare", req: Request{Targets: []string{"inv"}, MaxMemory: "1MiB"}, wantErr: `--max-memory "1MiB": at least 16MiB`},
		"bad --fail-on":      {dir: "bare", req: Request{Targets: []string{"inv"}, FailOn: "fatal"}, wantErr: "fatal"},
		"--config elsewhere": {dir: "bare", req: Request{Config: "../withconfig/.ifacelint.yaml"}, inv: []string{filepath.Join(root, "withconfig", "inventory")}, failOn: policy.Warning},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Chdir(filepath.Join(root, tt.dir))
			if tt.req.MaxMemory == "" {
				tt.req.MaxMemory = DefaultMaxMemory
			}
			var stderr bytes.Buffer
			tt.req.Stderr = &stderr
			s := New(tt.req)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			err := s.prepare(ctx, nil, stages{rules: true})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			abs := func(ps []string) []string {
				var out []string
				for _, p := range ps {
					if a, err := filepath.Abs(p); err == nil {
						p = a
					}
					out = append(out, p)
				}
				return out
			}
			if !slices.Equal(abs(s.lint.Inventory), tt.inv) || !slices.Equal(s.lint.Targets, tt.targets) {
				t.Errorf("inventory %q, targets %q; want %q, %q", s.lint.Inventory, s.lint.Targets, tt.inv, tt.targets)
			}
			if s.failOn != tt.failOn {
				t.Errorf("fail-on %q, want %q", s.failOn, tt.failOn)
			}
			for rule, want := range tt.enabled {
				if got := s.lint.Enabled[rule]; got != want {
					t.Errorf("%s enabled = %v, want %v", rule, got, want)
				}
			}
			if s.lint.Walked == nil || s.lint.Compile == nil || s.lint.Catalogue == nil {
				t.Error("the walk, the engine or the catalogue was not started")
			}
			if name == "--config elsewhere" && !strings.Contains(stderr.String(), "ifacelint: using config ") {
				t.Errorf("a config from elsewhere is not named on stderr: %q", stderr.String())
			}
		})
	}
}

// lint's --timeout counts from the start: --timeout 0 ends the run at once
// with the time-out message, whatever stage it was in.
func TestLintTimeoutZero(t *testing.T) {
	t.Parallel()
	req := lintRequest("text")
	req.Targets, req.TimeoutSet, req.NoCache = []string{"../../examples/inventory"}, true, true
	err := New(req).Lint(context.Background())
	if err == nil || err.Error() != "the run exceeded --timeout 0s (loading, compiling, evaluating and writing all count)" {
		t.Errorf("Lint with --timeout 0: %v", err)
	}
}
