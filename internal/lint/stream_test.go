package lint_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ifacelint/ifacelint/internal/inventorygen/fixture"
	"github.com/ifacelint/ifacelint/internal/lint"
)

// TestReadTwiceSameFindings: the engine may read a file
// twice (an index pass, then an evaluation pass) only if the results are
// the same as with one pass. A run evaluates most documents before the
// index is complete, and defers those whose evaluation reads it. Lint a
// generated inventory (every rule planted, duplicate ids and third-party
// references across files, ThirdParty documents after the Interfaces that
// name them) with every document deferred (the one-pass result), and
// normally, keeping every deferred file, none, and some; and with targets.
func TestReadTwiceSameFindings(t *testing.T) {
	dir, _ := fixture.Inventory(t, 300)
	run := func(hold int, targets ...string) *lint.Result {
		t.Helper()
		opts := fixture.LintOptions(t)
		opts.Inventory = []string{dir}
		opts.Targets = targets
		opts.HoldFiles = hold
		res, err := lint.Run(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	lint.SetDeferAll(true)
	all := run(1 << 30)
	lint.SetDeferAll(false)
	if len(all.Findings) < 50 {
		t.Fatalf("only %d findings: the inventory should plant every rule", len(all.Findings))
	}
	for _, hold := range []int{1 << 30, -1, 1, 40} {
		if got := run(hold); !reflect.DeepEqual(got, all) {
			t.Errorf("holding %d files: %d findings, %d files, %d documents; holding all: %d, %d, %d",
				hold, len(got.Findings), got.Files, got.Documents, len(all.Findings), all.Files, all.Documents)
		}
	}

	// Targets: the same findings as the whole run has for those files.
	var targets []string
	want := map[string]bool{}
	for _, f := range all.Findings {
		if len(targets) < 5 && !want[f.File] && f.Rule == "inventory/unique-id" || len(targets) < 10 && !want[f.File] && strings.HasPrefix(f.Rule, "third-party/") {
			targets = append(targets, f.File)
			want[f.File] = true
		}
	}
	if len(targets) == 0 {
		t.Fatal("no file with a cross-document finding")
	}
	var wantFindings []lint.Finding
	for _, f := range all.Findings {
		if want[f.File] {
			wantFindings = append(wantFindings, f)
		}
	}
	for _, hold := range []int{-1, 1 << 30} {
		if got := run(hold, targets...); !reflect.DeepEqual(got.Findings, wantFindings) {
			t.Errorf("holding %d, targets %q: %d findings, want %d", hold, targets, len(got.Findings), len(wantFindings))
		}
	}
}

// TestEarlyViewProvenWrong: the first pass evaluates as final the
// documents whose rules read only the Systems and ThirdParties found by
// reading every file beforehand (the early view), and a flow end that is
// no plain id as absent; when the complete index shows either wrong, those
// documents are evaluated again and the run's result is the one-pass
// result. Here a ThirdParty whose kind is written with escapes (its file
// holds neither "ThirdParty" nor "System"), which an Interface names as
// its supplier (inventory/reference would report it missing), and a
// schema-invalid Interface whose id is external:odd-party and whose data
// is restricted, which an internal Interface's flow names
// (data/classification-propagation reports it only with the complete
// index).
func TestEarlyViewProvenWrong(t *testing.T) {
	const reader = `apiVersion: ifacelint/v1
kind: Interface
metadata:
  id: early-reader
  name: Early reader
  owner: {team: identity, contact: identity-oncall@kestrel.example.com}
  lastReviewed: 2026-05-01
spec:
  type: cli
  direction: inbound
  exposure: internal
  environment: test
  criticality: high
  %s
  endpoints:
    - url: ssh://bastion-1.kestrel.internal:22
  data:
    classification: internal
    flows:
      - from: %s
        to: external:somewhere
        description: Records.
  authentication: {methods: [sso, ssh-key], mfa: true}
  authorization: {model: acl, roles: [approver]}
  encryption:
    inTransit: {tls: true, minVersion: "1.2"}
  network: {access: private}
`
	cases := []struct {
		name  string
		files map[string]string
		want  string // a rule that must report on early-reader (with the complete index)
	}{
		{"escaped ThirdParty kind", map[string]string{
			"aaa/escaped.yaml": "apiVersion: ifacelint/v1\nkind: \"\\x54hird\\x50arty\"\nmetadata:\n  id: escaped-vendor\n  name: Escaped vendor\n",
			"aaa/reader.yaml":  fmt.Sprintf(reader, "thirdParty: escaped-vendor", "external:elsewhere"),
		}, ""},
		{"odd Interface id", map[string]string{
			"aaa/odd.yaml":    "apiVersion: ifacelint/v1\nkind: Interface\nmetadata:\n  id: external:odd-party\n  name: Odd party\nspec:\n  data: {classification: restricted}\n",
			"aaa/reader.yaml": fmt.Sprintf(reader, "", "external:odd-party"),
		}, "data/classification-propagation"},
	}
	base, _ := fixture.Inventory(t, 100)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := copyTree(t, base)
			for name, text := range c.files {
				if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			run := func() *lint.Result {
				t.Helper()
				opts := fixture.LintOptions(t)
				opts.Inventory = []string{dir}
				res, err := lint.Run(context.Background(), opts)
				if err != nil {
					t.Fatal(err)
				}
				return res
			}
			lint.SetDeferAll(true)
			all := run()
			lint.SetDeferAll(false)
			var view, held bool
			lint.SetEarlyChecked(func(v, h bool) { view, held = v, h })
			defer lint.SetEarlyChecked(nil)
			got := run()
			if !view || held {
				t.Errorf("early view %v, held %v: want a view the complete index does not hold", view, held)
			}
			if !reflect.DeepEqual(got, all) {
				t.Errorf("%d findings, want the one-pass run's %d", len(got.Findings), len(all.Findings))
			}
			if c.want != "" {
				found := false
				for _, f := range got.Findings {
					found = found || f.ID == "early-reader" && f.Rule == c.want
				}
				if !found {
					t.Errorf("no %s finding on early-reader", c.want)
				}
			}
		})
	}
}
