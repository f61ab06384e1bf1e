package policy

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ifacelint/ifacelint/internal/risk"
)

// resolveSet loads the built-in rules and one custom rule,
// acme/payments-mtls (severity warning, params limit: 3).
func resolveSet(t *testing.T, noBuiltin bool) *Set {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "mtls.rego"), []byte(ruleSrc), 0o644); err != nil {
		t.Fatal(err)
	}
	set, err := Load(LoadOptions{Dirs: []string{dir}, NoBuiltin: noBuiltin})
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func TestResolve(t *testing.T) {
	t.Parallel()
	off, on := false, true
	const (
		review = "ownership/review-current"
		owner  = "ownership/owner-assigned"
		custom = "acme/payments-mtls"
	)
	tests := map[string]struct {
		noBuiltin bool
		settings  map[string]RuleSetting
		sel       Selection
		// off lists the rules that do not report; every other rule does.
		off      []string
		severity map[string]Severity
		params   map[string]string // rule id → its merged params, printed
		err      string
	}{
		"defaults: every rule, METADATA params": {
			params: map[string]string{review: "map[maxAgeDays:365]", custom: "map[limit:3]", owner: "map[]"},
		},
		"config disables": {
			settings: map[string]RuleSetting{review: {Enabled: &off}, custom: {Enabled: &off}},
			off:      []string{review, custom},
		},
		"config enables what is on anyway": {
			settings: map[string]RuleSetting{review: {Enabled: &on}},
		},
		"--enable turns on what the config disabled": {
			settings: map[string]RuleSetting{review: {Enabled: &off}, owner: {Enabled: &off}},
			sel:      Selection{Enable: []string{review}},
			off:      []string{owner},
		},
		"--disable turns off what the config enabled": {
			settings: map[string]RuleSetting{review: {Enabled: &on}},
			sel:      Selection{Disable: []string{review}},
			off:      []string{review},
		},
		"--enable wins over --disable of the same rule": {
			sel: Selection{Enable: []string{review}, Disable: []string{review, owner}},
			off: []string{owner},
		},
		"waiver rules cannot be disabled": {
			sel: Selection{Disable: []string{WaiverExpired, WaiverInvalid}},
			err: "--disable waiver/expired: the rule cannot be disabled: its findings are among those no change can accept (docs/security.md)",
		},
		"secrets/no-inline cannot be disabled": {
			sel: Selection{Disable: []string{SecretsNoInline}},
			err: "--disable secrets/no-inline: the rule cannot be disabled: its findings are among those no change can accept (docs/security.md)",
		},
		"a rule the config made unwaivable cannot be disabled": {
			sel: Selection{Disable: []string{review}, Fixed: risk.NewFixed([]string{review})},
			err: "--disable ownership/review-current: the rule cannot be disabled: its findings are among those no change can accept (docs/security.md)",
		},
		"config severities": {
			settings: map[string]RuleSetting{review: {Severity: Error}, custom: {Severity: Info}},
			severity: map[string]Severity{review: Error, custom: Info},
		},
		"config params over METADATA defaults": {
			settings: map[string]RuleSetting{review: {Params: map[string]any{"maxAgeDays": 90}}, custom: {Params: map[string]any{}}},
			params:   map[string]string{review: "map[maxAgeDays:90]", custom: "map[limit:3]"},
		},
		"--no-builtin: custom rules and the rules no change may bend only": {
			noBuiltin: true,
			settings:  map[string]RuleSetting{review: {Enabled: &on}},
			off:       []string{"*builtin"},
		},
		"--no-builtin, --disable of a built-in rule is no error": {
			noBuiltin: true,
			sel:       Selection{Disable: []string{review}},
			off:       []string{"*builtin"},
		},
		"--enable of an unknown rule": {
			sel: Selection{Enable: []string{"acme/nope"}},
			err: "--enable acme/nope: unknown rule (see `ifacelint rules`)",
		},
		"--disable of an unknown rule": {
			sel: Selection{Disable: []string{"acme/nope"}},
			err: "--disable acme/nope: unknown rule (see `ifacelint rules`)",
		},
		"--disable is checked before --enable": {
			sel: Selection{Enable: []string{"acme/one"}, Disable: []string{"acme/two"}},
			err: "--disable acme/two: unknown rule (see `ifacelint rules`)",
		},
		"--disable schema/invalid": {
			sel: Selection{Disable: []string{SchemaInvalid}},
			err: "--disable schema/invalid: schema/invalid cannot be disabled",
		},
		"--enable of a built-in rule under --no-builtin": {
			noBuiltin: true,
			sel:       Selection{Enable: []string{review}},
			err:       "--enable ownership/review-current: a built-in rule, and --no-builtin is set",
		},
		"--enable of schema/invalid under --no-builtin": {
			noBuiltin: true,
			sel:       Selection{Enable: []string{SchemaInvalid}},
			off:       []string{"*builtin"},
		},
		"a config rule the catalogue does not know": {
			settings: map[string]RuleSetting{"acme/nope": {Enabled: &off}},
			err:      "rules: unknown rule \"acme/nope\" (see `ifacelint rules`)",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			set := resolveSet(t, tc.noBuiltin)
			res, err := Resolve(set, tc.settings, tc.sel)
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			// What the case expects, worked out from the catalogue alone.
			var wantOff, wantEval []string
			for _, r := range set.Catalogue.Rules {
				isOff := slices.Contains(tc.off, r.ID) ||
					(slices.Contains(tc.off, "*builtin") && r.Builtin && !risk.NewFixed(nil).Has(r.ID))
				if isOff {
					wantOff = append(wantOff, r.ID)
				}
				// Computed in Go: never evaluated as Rego.
				computed := slices.Contains([]string{SchemaInvalid, UniqueID, WaiverUnused, WaiverExpired, WaiverInvalid, BaselineInvalid,
					"change/authentication-weakened", "change/data-sensitivity-raised", "change/encryption-weakened",
					"change/exposure-widened", "change/removed", "change/third-party-added"}, r.ID) ||
					strings.HasPrefix(r.ID, "gate/")
				if !computed && !isOff {
					wantEval = append(wantEval, r.ID)
				}
			}
			var gotOff []string
			for _, r := range set.Catalogue.Rules {
				on, ok := res.Enabled[r.ID]
				if !ok {
					t.Errorf("Enabled has no entry for %s", r.ID)
				}
				if !on {
					gotOff = append(gotOff, r.ID)
				}
			}
			if len(res.Enabled) != len(set.Catalogue.Rules) {
				t.Errorf("Enabled has %d entries, the catalogue %d rules", len(res.Enabled), len(set.Catalogue.Rules))
			}
			if !slices.Equal(gotOff, wantOff) {
				t.Errorf("off %q, want %q", gotOff, wantOff)
			}
			if !slices.Equal(res.Evaluate, wantEval) {
				t.Errorf("evaluate %q, want %q", res.Evaluate, wantEval)
			}
			if fmt.Sprint(res.Severity) != fmt.Sprint(tc.severity) && (len(res.Severity) != 0 || len(tc.severity) != 0) {
				t.Errorf("severity %v, want %v", res.Severity, tc.severity)
			}
			if len(res.Params) != len(set.Catalogue.Rules) {
				t.Errorf("params for %d rules, the catalogue has %d", len(res.Params), len(set.Catalogue.Rules))
			}
			for id, want := range tc.params {
				if got := fmt.Sprint(res.Params[id]); got != want {
					t.Errorf("params of %s = %s, want %s", id, got, want)
				}
			}
			// The catalogue's defaults are never overwritten.
			if got := fmt.Sprint(set.Catalogue.Get(review).Params); got != "map[maxAgeDays:365]" {
				t.Errorf("catalogue params of %s became %s", review, got)
			}
			opts := res.EngineOptions()
			if len(opts.Modules) != len(set.Modules) || opts.Catalogue != set.Catalogue ||
				!slices.Equal(opts.Evaluate, res.Evaluate) || fmt.Sprint(opts.Params) != fmt.Sprint(res.Params) {
				t.Errorf("engine options do not carry the resolution: %+v", opts)
			}
		})
	}
}

// A mistyped rule id is answered with the ids it most likely meant.
func TestNear(t *testing.T) {
	t.Parallel()
	cat := resolveSet(t, false).Catalogue
	for typed, want := range map[string][]string{
		"transport/tls-requird":   {"transport/tls-required"},
		"tls-required":            {"transport/tls-required"},
		"owner-assigned":          {"ownership/owner-assigned"},
		"acme/payment-mtls":       {"acme/payments-mtls"},
		"mfa":                     {"authentication/admin-mfa", "authentication/mfa-external-users"},
		"ownership/review-curent": {"ownership/review-current"},
		"zzzz":                    nil,
		"":                        nil,
	} {
		if got := cat.Near(typed); !slices.Equal(got, want) {
			t.Errorf("Near(%q) = %q, want %q", typed, got, want)
		}
	}
	if got, want := cat.DidYouMean("tls-required"), "; did you mean transport/tls-required?"; got != want {
		t.Errorf("DidYouMean = %q, want %q", got, want)
	}
	if got := cat.DidYouMean("zzzz"); got != "" {
		t.Errorf("DidYouMean(zzzz) = %q, want nothing", got)
	}
}
