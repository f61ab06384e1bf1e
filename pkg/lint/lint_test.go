package lint

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ifacelint/ifacelint/internal/app"
	"github.com/ifacelint/ifacelint/internal/format"
	"github.com/ifacelint/ifacelint/internal/risk"
)

var testNow = time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)

func TestRequest(t *testing.T) {
	t.Parallel()
	berlin := time.FixedZone("CET", 3600)
	for _, tc := range []struct {
		name  string
		opts  Options
		check func(t *testing.T, req app.Request)
	}{
		{"defaults", Options{}, func(t *testing.T, req app.Request) {
			if req.Timeout != app.DefaultTimeout || req.TimeoutSet || req.MaxMemory != app.DefaultMaxMemory ||
				!req.NoCache || !req.Quiet || req.Now != "" || req.FailOn != "" || req.Stdout == nil {
				t.Errorf("%+v", req)
			}
		}},
		{"limits", Options{Timeout: 5 * time.Second, MaxMemory: 64 << 20}, func(t *testing.T, req app.Request) {
			if req.Timeout != 5*time.Second || !req.TimeoutSet || req.MaxMemory != "67108864" {
				t.Errorf("%+v", req)
			}
		}},
		{"the date of Now in its location", Options{Now: time.Date(2026, 12, 7, 0, 30, 0, 0, berlin)}, func(t *testing.T, req app.Request) {
			if req.Now != "2026-12-07" {
				t.Errorf("Now %q", req.Now)
			}
		}},
		{"cache", Options{CacheDir: "/tmp/c"}, func(t *testing.T, req app.Request) {
			if req.NoCache || req.CacheDir != "/tmp/c" {
				t.Errorf("%+v", req)
			}
		}},
		{"selection", Options{ConfigFile: "c.yaml", Targets: []string{"a"}, Policies: []string{"p"}, NoBuiltin: true,
			Enable: []string{"e"}, Disable: []string{"d"}, FailOn: Never, Baseline: "b.json"}, func(t *testing.T, req app.Request) {
			want := app.Request{Config: "c.yaml", Targets: []string{"a"}, PolicyDirs: []string{"p"}, NoBuiltin: true,
				Enable: []string{"e"}, Disable: []string{"d"}, FailOn: "never", Baseline: "b.json"}
			got := app.Request{Config: req.Config, Targets: req.Targets, PolicyDirs: req.PolicyDirs, NoBuiltin: req.NoBuiltin,
				Enable: req.Enable, Disable: req.Disable, FailOn: req.FailOn, Baseline: req.Baseline}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %+v, want %+v", got, want)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.check(t, New(tc.opts).request()) })
	}
}

// The accepted-risk statement comes whole: the command's text output
// shortens it to risk.MaxLines.
func TestAcceptedUncapped(t *testing.T) {
	t.Parallel()
	st := &risk.Statement{}
	for i := range risk.MaxLines + 3 {
		st.Rules = append(st.Rules, risk.RuleChange{Rule: fmt.Sprintf("r/%02d", i), Change: "disabled", By: "--disable"})
	}
	rep := format.New(nil, 1, 1, nil)
	rep.Accepted = st
	got := resultOf(&app.LintOutcome{Report: rep}).Accepted
	if len(got) != risk.MaxLines+3 || got[len(got)-1] != "rule r/14 disabled (--disable)" {
		t.Errorf("Accepted = %q", got)
	}
}

// Run's errors are the command's exit 2; findings that fail the gate are
// Result.Fails.
func TestRun(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, tc := range []struct {
		name    string
		opts    Options
		wantErr string
		fails   bool
	}{
		{name: "fails at warning", opts: Options{ConfigFile: "testdata/ifacelint.yaml", Targets: []string{"testdata/inventory"}}, fails: true},
		{name: "never fails", opts: Options{ConfigFile: "testdata/ifacelint.yaml", Targets: []string{"testdata/inventory"}, FailOn: Never}},
		{name: "no documents", opts: Options{ConfigFile: "testdata/ifacelint.yaml", Targets: []string{"testdata/empty"}}, wantErr: "no inventory documents found"},
		{name: "missing target", opts: Options{ConfigFile: "testdata/ifacelint.yaml", Targets: []string{"testdata/missing"}}, wantErr: "testdata/missing"},
		{name: "unknown fail-on", opts: Options{ConfigFile: "testdata/ifacelint.yaml", Targets: []string{"testdata/inventory"}, FailOn: "fatal"}, wantErr: `unknown fail-on level "fatal"`},
		{name: "missing config", opts: Options{ConfigFile: "testdata/none.yaml", Targets: []string{"testdata/inventory"}}, wantErr: "testdata/none.yaml"},
		{name: "unknown rule", opts: Options{ConfigFile: "testdata/ifacelint.yaml", Targets: []string{"testdata/inventory"}, Disable: []string{"no/such-rule"}}, wantErr: "no/such-rule"},
		{name: "memory limit too small", opts: Options{ConfigFile: "testdata/ifacelint.yaml", Targets: []string{"testdata/inventory"}, MaxMemory: 1 << 20}, wantErr: "--max-memory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.Now = testNow
			var log bytes.Buffer
			tc.opts.Log = &log
			res, err := New(tc.opts).Run(ctx)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tc.wantErr)
				}
				if res != nil {
					t.Errorf("a failed run returned a result: %+v", res)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if res.Fails != tc.fails {
				t.Errorf("Fails = %v, want %v", res.Fails, tc.fails)
			}
			if len(res.Findings) == 0 || res.Counts.Files != 1 || res.Counts.Documents != 1 {
				t.Errorf("result %+v", res)
			}
			if !strings.Contains(log.String(), "using config testdata/ifacelint.yaml") {
				t.Errorf("the notices did not reach Log: %q", log.String())
			}
		})
	}
}

func TestRules(t *testing.T) {
	t.Parallel()
	rs, err := New(Options{ConfigFile: "testdata/ifacelint.yaml"}).Rules(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var tls *Rule
	for i := range rs {
		if i > 0 && rs[i-1].ID >= rs[i].ID {
			t.Errorf("rules not sorted by id: %s before %s", rs[i-1].ID, rs[i].ID)
		}
		if rs[i].ID == "transport/tls-required" {
			tls = &rs[i]
		}
	}
	if tls == nil || !tls.Builtin || tls.Severity != Error || tls.Title == "" || len(tls.Controls) == 0 || len(tls.Frameworks) == 0 {
		t.Errorf("transport/tls-required: %+v", tls)
	}
	if _, err := New(Options{ConfigFile: "testdata/none.yaml"}).Rules(context.Background()); err == nil {
		t.Error("a missing config is no error")
	}
}

// A run ended by its context says so: the error wraps ctx.Err().
func TestRunContextDone(t *testing.T) {
	t.Parallel()
	opts := Options{ConfigFile: "testdata/ifacelint.yaml", Targets: []string{"testdata/inventory"}, Now: testNow}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := New(opts).Run(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Run on a cancelled context: %v, want context.Canceled", err)
	}
	ctx, cancel = context.WithTimeout(context.Background(), time.Nanosecond)
	defer cancel()
	<-ctx.Done()
	if _, err := New(opts).Run(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Run past ctx's deadline: %v, want context.DeadlineExceeded", err)
	}
	if _, err := New(opts).Rules(ctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Rules past ctx's deadline: %v", err)
	}
}
