package waiver

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ifacelint/ifacelint/internal/risk"
)

// now is midday, so a date compared with "today" is not off by a time zone.
var now = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

func testPolicy() *Policy {
	known := []string{"availability/rate-limited", "logging/enabled", "schema/invalid", "waiver/expired",
		"waiver/invalid", "waiver/unused", "acme/payments-mtls", "monitoring/alerts", "session/timeout"}
	return &Policy{
		Today:     Today(now),
		MaxDays:   365,
		Known:     func(id string) bool { return slices.Contains(known, id) },
		Evaluated: func(id string) bool { return id != "session/timeout" },
	}
}

func w(rule, expires string) Waiver {
	return Waiver{Rule: rule, Reason: "Accepted risk.", ApprovedBy: "security@example.com", Expires: expires}
}

// render writes a decision as one line: index, status, reason, and each
// finding as rule@field: message.
func render(ds []Decision) []string {
	var out []string
	for _, d := range ds {
		line := fmt.Sprintf("%d %s", d.Index, d.Status)
		if d.Reason != "" {
			line += " (" + d.Reason + ")"
		}
		for _, r := range d.Reports {
			line += fmt.Sprintf(" | %s@%s: %s", r.Rule, r.Field, r.Message)
		}
		out = append(out, line)
	}
	return out
}

func TestDecide(t *testing.T) {
	t.Parallel()
	raised := map[string]bool{"logging/enabled": true, "availability/rate-limited": true, "acme/payments-mtls": true,
		"session/timeout": true}
	tests := []struct {
		name    string
		waivers []Waiver
		maxDays float64 // 0: the default 365
		want    []string
	}{
		{"a valid waiver for a rule that raised a finding is active",
			[]Waiver{w("availability/rate-limited", "2026-12-31")}, 0,
			[]string{"0 active"}},
		{"custom rules can be waived",
			[]Waiver{w("acme/payments-mtls", "2026-12-31")}, 0,
			[]string{"0 active"}},
		{"expiring today is still valid",
			[]Waiver{w("availability/rate-limited", "2026-06-01")}, 0,
			[]string{"0 active"}},
		{"expired yesterday",
			[]Waiver{w("availability/rate-limited", "2026-05-31")}, 0,
			[]string{`0 expired (waiver for "availability/rate-limited" expired on 2026-05-31) | waiver/expired@expires: waiver for "availability/rate-limited" expired on 2026-05-31`}},
		{"an expired waiver is not also invalid nor unused",
			[]Waiver{w("monitoring/alerts", "2020-01-01")}, 0,
			[]string{`0 expired (waiver for "monitoring/alerts" expired on 2020-01-01) | waiver/expired@expires: waiver for "monitoring/alerts" expired on 2020-01-01`}},
		{"unknown rule",
			[]Waiver{w("availability/rate-limit", "2026-12-31")}, 0,
			[]string{`0 invalid (waiver for "availability/rate-limit" is invalid: no such rule is known) | waiver/invalid@rule: waiver for "availability/rate-limit" is invalid: no such rule is known`}},
		{"no rule: named by its position",
			[]Waiver{{Reason: "x", ApprovedBy: "a@example.com", Expires: "2026-12-31"}}, 0,
			[]string{`0 invalid (waiver metadata.waivers[0] is invalid: it names no rule) | waiver/invalid@rule: waiver metadata.waivers[0] is invalid: it names no rule`}},
		{"no reason",
			[]Waiver{{Rule: "logging/enabled", ApprovedBy: "a@example.com", Expires: "2026-12-31"}}, 0,
			[]string{`0 invalid (waiver for "logging/enabled" is invalid: it gives no reason) | waiver/invalid@reason: waiver for "logging/enabled" is invalid: it gives no reason`}},
		{"no expiry date",
			[]Waiver{{Rule: "logging/enabled", Reason: "x", ApprovedBy: "a@example.com"}}, 0,
			[]string{`0 invalid (waiver for "logging/enabled" is invalid: it has no expiry date) | waiver/invalid@expires: waiver for "logging/enabled" is invalid: it has no expiry date`}},
		{"every problem in one finding, at the first one's field",
			[]Waiver{{}}, 0,
			[]string{`0 invalid (waiver metadata.waivers[0] is invalid: it names no rule; it gives no reason; it names no approver (approvedBy); it has no expiry date) | waiver/invalid@rule: waiver metadata.waivers[0] is invalid: it names no rule; it gives no reason; it names no approver (approvedBy); it has no expiry date`}},
		{"no approver: a waiver anyone wrote accepts nothing",
			[]Waiver{{Rule: "logging/enabled", Reason: "x", Expires: "2026-12-31"}, {Rule: "availability/rate-limited", Reason: "x", ApprovedBy: "  ", Expires: "2026-12-31"}}, 0,
			[]string{`0 invalid (waiver for "logging/enabled" is invalid: it names no approver (approvedBy)) | waiver/invalid@approvedBy: waiver for "logging/enabled" is invalid: it names no approver (approvedBy)`,
				`1 invalid (waiver for "availability/rate-limited" is invalid: it names no approver (approvedBy)) | waiver/invalid@approvedBy: waiver for "availability/rate-limited" is invalid: it names no approver (approvedBy)`}},
		{"365 days ahead is allowed, 366 is not",
			[]Waiver{w("logging/enabled", "2027-06-01"), w("availability/rate-limited", "2027-06-02")}, 0,
			[]string{"0 active",
				`1 invalid (waiver for "availability/rate-limited" is invalid: it expires on 2027-06-02, 366 days ahead, more than the 365 allowed) | waiver/invalid@expires: waiver for "availability/rate-limited" is invalid: it expires on 2027-06-02, 366 days ahead, more than the 365 allowed`}},
		{"maxDays from the config",
			[]Waiver{w("logging/enabled", "2026-12-31")}, 90,
			[]string{`0 invalid (waiver for "logging/enabled" is invalid: it expires on 2026-12-31, 213 days ahead, more than the 90 allowed) | waiver/invalid@expires: waiver for "logging/enabled" is invalid: it expires on 2026-12-31, 213 days ahead, more than the 90 allowed`}},
		{"a larger maxDays allows more",
			[]Waiver{w("logging/enabled", "2028-01-01")}, 730,
			[]string{"0 active"}},
		{"no limit",
			[]Waiver{w("logging/enabled", "2099-01-01")}, -1,
			[]string{"0 active"}},
		{"invalid and expired: both reported, the status is invalid",
			[]Waiver{{Rule: "logging/enabled", ApprovedBy: "a@example.com", Expires: "2025-01-01"}}, 0,
			[]string{`0 invalid (waiver for "logging/enabled" is invalid: it gives no reason) | waiver/invalid@reason: waiver for "logging/enabled" is invalid: it gives no reason | waiver/expired@expires: waiver for "logging/enabled" expired on 2025-01-01`}},
		{"rules that can never be waived",
			[]Waiver{w("schema/invalid", "2026-12-31"), w("waiver/expired", "2026-12-31"), w("waiver/other", "2026-12-31"),
				w("secrets/no-inline", "2026-12-31"), w("inventory/unique-id", "2026-12-31"), w("baseline/invalid", "2026-12-31")}, 0,
			[]string{
				`0 invalid (waiver for "schema/invalid" is invalid: the rule cannot be waived) | waiver/invalid@rule: waiver for "schema/invalid" is invalid: the rule cannot be waived`,
				`1 invalid (waiver for "waiver/expired" is invalid: the rule cannot be waived) | waiver/invalid@rule: waiver for "waiver/expired" is invalid: the rule cannot be waived`,
				`2 invalid (waiver for "waiver/other" is invalid: the rule cannot be waived) | waiver/invalid@rule: waiver for "waiver/other" is invalid: the rule cannot be waived`,
				`3 invalid (waiver for "secrets/no-inline" is invalid: the rule cannot be waived) | waiver/invalid@rule: waiver for "secrets/no-inline" is invalid: the rule cannot be waived`,
				`4 invalid (waiver for "inventory/unique-id" is invalid: the rule cannot be waived) | waiver/invalid@rule: waiver for "inventory/unique-id" is invalid: the rule cannot be waived`,
				`5 invalid (waiver for "baseline/invalid" is invalid: the rule cannot be waived) | waiver/invalid@rule: waiver for "baseline/invalid" is invalid: the rule cannot be waived`}},
		{"unused: the rule raised nothing",
			[]Waiver{w("monitoring/alerts", "2026-12-31")}, 0,
			[]string{`0 unused (waiver for monitoring/alerts is unused: the rule raised nothing on this document) | waiver/unused@rule: waiver for monitoring/alerts is unused: the rule raised nothing on this document`}},
		{"unused without a finding: the rule is not evaluated in this run",
			[]Waiver{w("session/timeout", "2026-12-31")}, 0,
			[]string{`0 unused (waiver for session/timeout waives nothing: the rule is not evaluated in this run)`}},
		{"a second waiver for the same rule repeats the first",
			[]Waiver{w("logging/enabled", "2026-12-31"), w("logging/enabled", "2026-11-30")}, 0,
			[]string{"0 active",
				`1 unused (waiver for logging/enabled repeats the waiver at metadata.waivers[0]) | waiver/unused@rule: waiver for logging/enabled repeats the waiver at metadata.waivers[0]`}},
		{"a broken first waiver leaves the rule to the next valid one",
			[]Waiver{w("logging/enabled", "2026-01-01"), w("logging/enabled", "2026-12-31")}, 0,
			[]string{`0 expired (waiver for "logging/enabled" expired on 2026-01-01) | waiver/expired@expires: waiver for "logging/enabled" expired on 2026-01-01`,
				"1 active"}},
		{"an unparsable date is neither expired nor too far (the schema reports it)",
			[]Waiver{w("logging/enabled", "someday")}, 0,
			[]string{"0 active"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := testPolicy()
			if tt.maxDays != 0 {
				p.MaxDays = tt.maxDays
			}
			got := render(p.Decide(tt.waivers, func(rule string) bool { return raised[rule] }))
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

func TestDecideKnowsNoRuleWithoutACatalogue(t *testing.T) {
	t.Parallel()
	p := &Policy{Today: Today(now), MaxDays: 365}
	got := render(p.Decide([]Waiver{w("logging/enabled", "2026-12-31")}, func(string) bool { return true }))
	want := `0 invalid (waiver for "logging/enabled" is invalid: no such rule is known) | waiver/invalid@rule: waiver for "logging/enabled" is invalid: no such rule is known`
	if len(got) != 1 || got[0] != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestDecideSchemaInvalid(t *testing.T) {
	t.Parallel()
	got := render(DecideSchemaInvalid([]Waiver{w("logging/enabled", "2026-12-31"), {}}))
	want := []string{
		"0 invalid (the document is schema-invalid: no waiver on it is honoured)",
		"1 invalid (the document is schema-invalid: no waiver on it is honoured)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// The config's governance: who may approve, and whether waivers may be
// written in the documents; and the rules a config adds to those that can
// never be waived.
func TestDecideGovernance(t *testing.T) {
	t.Parallel()
	raised := func(string) bool { return true }
	inline := w("logging/enabled", "2026-12-31")
	inline.Inline = true
	tests := map[string]struct {
		gov    Governance
		fixed  []string
		waiver Waiver
		want   string
	}{
		"an approver among the list":                 {Governance{Approvers: []string{"security@example.com"}}, nil, w("logging/enabled", "2026-12-31"), "0 active"},
		"approvers compare without case":             {Governance{Approvers: []string{"Security@Example.COM"}}, nil, w("logging/enabled", "2026-12-31"), "0 active"},
		"an approver matching a glob":                {Governance{Approvers: []string{"*@example.com"}}, nil, w("logging/enabled", "2026-12-31"), "0 active"},
		"an approver outside the list":               {Governance{Approvers: []string{"*@security.example.com"}}, nil, w("logging/enabled", "2026-12-31"), `0 invalid (waiver for "logging/enabled" is invalid: approver "security@example.com" is not among waivers.approvers) | waiver/invalid@approvedBy: waiver for "logging/enabled" is invalid: approver "security@example.com" is not among waivers.approvers`},
		"inline waivers refused":                     {Governance{NoInline: true}, nil, inline, `0 invalid (waiver for "logging/enabled" is invalid: waivers are read only from waiver files here (waivers.inline: false)) | waiver/invalid@rule: waiver for "logging/enabled" is invalid: waivers are read only from waiver files here (waivers.inline: false)`},
		"a waiver file's waiver under inline: false": {Governance{NoInline: true}, nil, w("logging/enabled", "2026-12-31"), "0 active"},
		"a rule the config made unwaivable":          {Governance{}, []string{"logging/enabled"}, w("logging/enabled", "2026-12-31"), `0 invalid (waiver for "logging/enabled" is invalid: the rule cannot be waived) | waiver/invalid@rule: waiver for "logging/enabled" is invalid: the rule cannot be waived`},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			p := testPolicy()
			p.Governance, p.Fixed = tt.gov, risk.NewFixed(tt.fixed)
			got := render(p.Decide([]Waiver{tt.waiver}, raised))
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), tt.want)
			}
		})
	}
	if err := CheckApprovers([]string{"[a-"}); err == nil {
		t.Error("CheckApprovers accepts a malformed glob")
	}
}

func TestParse(t *testing.T) {
	t.Parallel()
	doc := map[string]any{"metadata": map[string]any{"waivers": []any{
		map[string]any{"rule": "logging/enabled", "reason": "r", "expires": "2026-12-31", "approvedBy": "x"},
		"not a map",
		map[string]any{"rule": 7, "reason": nil},
	}}}
	got := Parse(doc)
	want := []Waiver{{Rule: "logging/enabled", Reason: "r", ApprovedBy: "x", Expires: "2026-12-31", Inline: true}, {Inline: true}, {Inline: true}}
	if !slices.Equal(got, want) {
		t.Errorf("Parse = %+v, want %+v", got, want)
	}
	for _, v := range []any{nil, "x", map[string]any{}, map[string]any{"metadata": "x"}} {
		if got := Parse(v); len(got) != 0 {
			t.Errorf("Parse(%v) = %v, want none", v, got)
		}
	}
}

func TestToday(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		t    time.Time
		want int
	}{
		{time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), 0},
		{time.Date(1970, 1, 1, 23, 59, 59, 0, time.UTC), 0},
		{time.Date(1969, 12, 31, 23, 0, 0, 0, time.UTC), -1},
		{time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), 20605},
		// A time in another zone counts by its UTC date.
		{time.Date(2026, 6, 1, 23, 0, 0, 0, time.FixedZone("x", -3*3600)), 20606},
	} {
		if got := Today(tt.t); got != tt.want {
			t.Errorf("Today(%s) = %d, want %d", tt.t, got, tt.want)
		}
	}
}
