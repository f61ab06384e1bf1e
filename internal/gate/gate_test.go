package gate_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ifacelint/ifacelint/internal/baseline"
	"github.com/ifacelint/ifacelint/internal/config"
	"github.com/ifacelint/ifacelint/internal/gate"
	"github.com/ifacelint/ifacelint/internal/rules"
	"github.com/ifacelint/ifacelint/internal/waiver"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// catalogue holds the rules the cases name, with their own severities and
// parameter defaults as the built-in METADATA gives them.
func catalogue(t *testing.T) *rules.Catalogue {
	t.Helper()
	cat := rules.New()
	for _, r := range []*rules.Rule{
		{ID: "session/timeout", Severity: rules.Warning, Params: map[string]any{"maxMinutes": json.Number("30")}},
		{ID: "logging/retention", Severity: rules.Warning, Params: map[string]any{"minDays": json.Number("90"), "restrictedMinDays": json.Number("365")}},
		{ID: "waiver/invalid", Severity: rules.Error, Params: map[string]any{"maxDays": json.Number("365")}},
		{ID: "auth/mfa", Severity: rules.Error},
		{ID: "acme/custom", Severity: rules.Warning, Params: map[string]any{"threshold": json.Number("5"), "zone": "internal"}},
	} {
		if _, err := cat.Insert(r); err != nil {
			t.Fatal(err)
		}
	}
	return cat
}

// loadConfig writes a config into its own directory and loads it; "" is
// no config.
func loadConfig(t *testing.T, text string) *config.Config {
	t.Helper()
	if text == "" {
		return nil
	}
	dir := t.TempDir()
	for _, d := range []string{"apis", "more", "policies", "extra"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, config.FileName)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestConfigRelaxed: every kind of relaxation fires once, at the head
// config's key (or its nearest parent); every tightening and every change
// that lets nothing more through fires nothing.
func TestConfigRelaxed(t *testing.T) {
	t.Parallel()
	type want struct {
		path string // the head config node, "" for the document or file
		msg  string // a part of the message
	}
	cases := map[string]struct {
		base, head string
		want       []want
	}{
		// Relaxations.
		"rule disabled": {"", "rules:\n  auth/mfa:\n    enabled: false\n",
			[]want{{`rules["auth/mfa"].enabled`, "rule auth/mfa disabled"}}},
		"severity below the rule's own": {"", "rules:\n  session/timeout:\n    severity: info\n",
			[]want{{`rules["session/timeout"].severity`, "severity of session/timeout lowered from warning to info"}}},
		"severity below the base's": {"rules:\n  session/timeout:\n    severity: error\n", "rules:\n  session/timeout:\n    severity: warning\n",
			[]want{{`rules["session/timeout"].severity`, "lowered from error to warning"}}},
		"severity setting removed": {"failOn: error\nrules:\n  session/timeout:\n    severity: error\n", "failOn: error\n",
			[]want{{"", "lowered from error to warning"}}},
		"severity setting removed, rule kept": {"rules:\n  session/timeout:\n    severity: error\n    maxMinutes: 30\n", "rules:\n  session/timeout:\n    maxMinutes: 30\n",
			[]want{{`rules["session/timeout"]`, "lowered from error to warning"}}},
		"max parameter raised": {"", "rules:\n  session/timeout:\n    maxMinutes: 60\n",
			[]want{{`rules["session/timeout"].maxMinutes`, "parameter maxMinutes of session/timeout loosened from 30 to 60 (higher is looser)"}}},
		"max parameter set back to its looser default": {"rules:\n  session/timeout:\n    maxMinutes: 15\n", "rules:\n  session/timeout:\n    severity: warning\n",
			[]want{{`rules["session/timeout"]`, "loosened from 15 to 30"}}},
		"min parameter lowered": {"", "rules:\n  logging/retention:\n    minDays: 30\n",
			[]want{{`rules["logging/retention"].minDays`, "loosened from 90 to 30 (lower is looser)"}}},
		"restricted min lowered": {"", "rules:\n  logging/retention:\n    restrictedMinDays: 180\n",
			[]want{{`rules["logging/retention"].restrictedMinDays`, "loosened from 365 to 180"}}},
		"waiver maxDays unlimited": {"", "rules:\n  waiver/invalid:\n    maxDays: -1\n",
			[]want{{`rules["waiver/invalid"].maxDays`, "loosened from 365 to -1 (higher is looser, and a negative value means no limit)"}}},
		"waiver maxDays raised": {"", "rules:\n  waiver/invalid:\n    maxDays: 730\n",
			[]want{{`rules["waiver/invalid"].maxDays`, "loosened from 365 to 730"}}},
		"parameter of unknown direction": {"", "rules:\n  acme/custom:\n    threshold: 3\n",
			[]want{{`rules["acme/custom"].threshold`, "changed from 5 to 3: which way is looser is not known"}}},
		"string parameter changed, not echoed": {"", "rules:\n  acme/custom:\n    zone: public-AKIAABCDEFGHIJKLMNOP\n",
			[]want{{`rules["acme/custom"].zone`, "parameter zone of acme/custom changed: which way"}}},
		"failOn error to never":   {"", "failOn: never\n", []want{{"failOn", "failOn raised from error to never"}}},
		"failOn warning to error": {"failOn: warning\n", "failOn: error\n", []want{{"failOn", "from warning to error"}}},
		"failOn info removed":     {"failOn: info\ninventory: [apis]\n", "inventory: [apis]\n", []want{{"", "from info to error"}}},
		"exclude glob added": {"exclude: [\"vendor/**\"]\n", "exclude: [\"vendor/**\", \"apis/legacy/**\"]\n",
			[]want{{"exclude[1]", `exclude glob "apis/legacy/**" added`}}},
		"exclude glob edited": {"exclude: [\"apis/old/**\"]\n", "exclude: [\"apis/**\"]\n",
			[]want{{"exclude[0]", `exclude glob "apis/**" added`}}},
		"inventory root removed": {"inventory: [apis, more]\n", "inventory: [apis]\n",
			[]want{{"inventory", "inventory root more removed"}}},
		"inventory roots removed": {"inventory: [apis]\nfailOn: error\n", "failOn: error\n",
			[]want{{"", "inventory roots removed (apis)"}}},
		"inline waivers allowed again": {"waivers:\n  inline: false\n  files: [waivers.yaml]\n", "waivers:\n  inline: true\n  files: [waivers.yaml]\n",
			[]want{{"waivers.inline", "waivers.inline changed from false to true"}}},
		"inline key dropped": {"waivers:\n  inline: false\n  files: [waivers.yaml]\n", "waivers:\n  files: [waivers.yaml]\n",
			[]want{{"waivers", "waivers.inline changed from false to true"}}},
		"approver added": {"waivers:\n  approvers: [\"*@security.example.com\"]\n", "waivers:\n  approvers: [\"*@security.example.com\", \"*@example.com\"]\n",
			[]want{{"waivers.approvers[1]", `approver "*@example.com" added`}}},
		"approver broadened": {"waivers:\n  approvers: [ciso@example.com]\n", "waivers:\n  approvers: [\"*@example.com\"]\n",
			[]want{{"waivers.approvers[0]", `approver "*@example.com" added`}}},
		"approvers removed": {"waivers:\n  approvers: [ciso@example.com]\n  inline: true\n", "waivers:\n  inline: true\n",
			[]want{{"waivers", "waivers.approvers removed: any approver"}}},
		"unwaivable removed": {"waivers:\n  unwaivable: [auth/mfa, session/timeout]\n", "waivers:\n  unwaivable: [session/timeout]\n",
			[]want{{"waivers.unwaivable", "auth/mfa removed from waivers.unwaivable"}}},
		"waiver file glob added": {"waivers:\n  files: [security/waivers.yaml]\n", "waivers:\n  files: [security/waivers.yaml, \"apis/*/waivers.yaml\"]\n",
			[]want{{"waivers.files[1]", `waiver file glob "apis/*/waivers.yaml" added`}}},
		"policy directory removed": {"policies: [policies, extra]\n", "policies: [policies]\n",
			[]want{{"policies", "policy directory extra removed"}}},
		"several at once, one each": {"failOn: warning\n", "failOn: never\nexclude: [\"apis/**\"]\nrules:\n  auth/mfa: {enabled: false}\n",
			[]want{{"failOn", "failOn raised"}, {`rules["auth/mfa"].enabled`, "disabled"}, {"exclude[0]", "exclude glob"}}},

		// Not relaxations.
		"same config":                       {"failOn: warning\nexclude: [\"a/**\"]\n", "failOn: warning\nexclude: [\"a/**\"]\n", nil},
		"no config either side":             {"", "", nil},
		"max parameter lowered":             {"", "rules:\n  session/timeout:\n    maxMinutes: 15\n", nil},
		"min parameter raised":              {"", "rules:\n  logging/retention:\n    minDays: 180\n", nil},
		"waiver maxDays lowered":            {"", "rules:\n  waiver/invalid:\n    maxDays: 90\n", nil},
		"waiver maxDays limited again":      {"rules:\n  waiver/invalid:\n    maxDays: -1\n", "rules:\n  waiver/invalid:\n    maxDays: 365\n", nil},
		"parameter same number":             {"rules:\n  session/timeout:\n    maxMinutes: 30\n", "rules:\n  session/timeout:\n    maxMinutes: 30.0\n", nil},
		"parameter written as its default":  {"", "rules:\n  session/timeout:\n    maxMinutes: 30\n", nil},
		"rule setting added":                {"", "rules:\n  session/timeout:\n    severity: error\n", nil},
		"rule enabled again":                {"rules:\n  auth/mfa:\n    enabled: false\n", "rules:\n  auth/mfa:\n    enabled: true\n", nil},
		"rule off in base, lowered in head": {"rules:\n  auth/mfa:\n    enabled: false\n", "rules:\n  auth/mfa:\n    enabled: true\n    severity: info\n", nil},
		"failOn lowered":                    {"", "failOn: warning\n", nil},
		"failOn never to info":              {"failOn: never\n", "failOn: info\n", nil},
		"exclude glob removed":              {"exclude: [\"a/**\", \"b/**\"]\n", "exclude: [\"a/**\"]\n", nil},
		"exclude glob respelled":            {"exclude: [\"./a/**\"]\n", "exclude: [\"a/**\"]\n", nil},
		"inventory root added":              {"inventory: [apis]\n", "inventory: [apis, more]\n", nil},
		"inventory root covered":            {"inventory: [., apis]\n", "inventory: [.]\n", nil},
		"inventory roots set":               {"", "inventory: [apis]\n", nil},
		"inline waivers refused":            {"", "waivers:\n  inline: false\n  files: [w.yaml]\n", nil},
		"approver removed":                  {"waivers:\n  approvers: [a@example.com, b@example.com]\n", "waivers:\n  approvers: [a@example.com]\n", nil},
		"approver within a glob":            {"waivers:\n  approvers: [\"*@security.example.com\"]\n", "waivers:\n  approvers: [\"*@security.example.com\", Ciso@Security.Example.com]\n", nil},
		"approvers restricted":              {"", "waivers:\n  approvers: [a@example.com]\n", nil},
		"unwaivable added":                  {"", "waivers:\n  unwaivable: [auth/mfa]\n", nil},
		"waiver file glob removed":          {"waivers:\n  files: [a.yaml, b.yaml]\n", "waivers:\n  files: [a.yaml]\n", nil},
		"policy directory added":            {"policies: [policies]\n", "policies: [policies, extra]\n", nil},
		"frameworks changed":                {"frameworks: [soc2]\n", "frameworks: [iso27001]\n", nil},
		"config removed, was default":       {"frameworks: [soc2]\n", "", nil},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cat := catalogue(t)
			base := gate.Side{Config: loadConfig(t, tc.base), Catalogue: cat}
			head := gate.Side{Config: loadConfig(t, tc.head), Catalogue: cat, ConfigFile: config.FileName}
			got := gate.ConfigRelaxed(base, head)
			if len(got) != len(tc.want) {
				t.Fatalf("%d changes, want %d: %v", len(got), len(tc.want), got)
			}
			for i, w := range tc.want {
				c := got[i]
				if c.Rule != gate.RuleConfigRelaxed {
					t.Errorf("change %d: rule %s", i, c.Rule)
				}
				if !strings.Contains(c.Message, w.msg) {
					t.Errorf("change %d: message %q, want it to hold %q", i, c.Message, w.msg)
				}
				if c.Path.String() != w.path {
					t.Errorf("change %d (%s): at %q, want %q", i, c.Message, c.Path.String(), w.path)
				}
				if c.File != head.Config.File {
					t.Errorf("change %d: in %s, want the head config %s", i, c.File, head.Config.File)
				}
				if strings.Contains(c.Message, "AKIA") {
					t.Errorf("change %d: message echoes a value: %q", i, c.Message)
				}
				wantRegion, _ := head.Config.Region(c.Path)
				if c.Path != nil && c.Region != wantRegion {
					t.Errorf("change %d: region %v, want %v", i, c.Region, wantRegion)
				}
				inside(t, c)
			}
		})
	}
}

// A config removed in the head is compared as the defaults: what the base
// set stricter is reported, file-level at the config's path.
func TestConfigRemoved(t *testing.T) {
	t.Parallel()
	base := gate.Side{Config: loadConfig(t, "failOn: info\nwaivers:\n  unwaivable: [auth/mfa]\n"), Catalogue: catalogue(t)}
	got := gate.ConfigRelaxed(base, gate.Side{ConfigFile: ".ifacelint.yaml"})
	if len(got) != 2 {
		t.Fatalf("%d changes, want 2: %v", len(got), got)
	}
	for _, c := range got {
		if !c.FileLevel || c.File != ".ifacelint.yaml" || c.Region.Start != (inventory.Pos{Line: 1, Column: 1}) {
			t.Errorf("%+v: want file-level at .ifacelint.yaml:1:1", c)
		}
		if !strings.HasSuffix(c.Message, "(the config file was removed)") {
			t.Errorf("message %q does not say the config was removed", c.Message)
		}
	}
}

// Without a catalogue the rules' own severities and defaults are unknown:
// a setting dropped or set that may let more through is reported for
// review, one that cannot is not.
func TestConfigWithoutCatalogue(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		base, head string
		fires      bool
	}{
		"error setting dropped":   {"rules:\n  x/y:\n    severity: error\n    maxA: 1\n", "rules:\n  x/y:\n    maxA: 1\n", true},
		"info setting dropped":    {"rules:\n  x/y:\n    severity: info\n    maxA: 1\n", "rules:\n  x/y:\n    maxA: 1\n", false},
		"set to warning":          {"", "rules:\n  x/y:\n    severity: warning\n", true},
		"set to error":            {"", "rules:\n  x/y:\n    severity: error\n", false},
		"max parameter set":       {"", "rules:\n  x/y:\n    maxA: 10\n", true},
		"max parameter dropped":   {"rules:\n  x/y:\n    maxA: 10\n    severity: error\n", "rules:\n  x/y:\n    severity: error\n", true},
		"max parameter tightened": {"rules:\n  x/y:\n    maxA: 10\n", "rules:\n  x/y:\n    maxA: 5\n", false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := gate.ConfigRelaxed(gate.Side{Config: loadConfig(t, tc.base)}, gate.Side{Config: loadConfig(t, tc.head)})
			if (len(got) > 0) != tc.fires {
				t.Errorf("changes %v, want some: %v", got, tc.fires)
			}
			for _, c := range got {
				inside(t, c)
			}
		})
	}
}

// Every numeric parameter of a built-in rule has its direction decided,
// not guessed from its name.
func TestEveryBuiltinParameterHasADirection(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../../policies/catalogue.lock.json")
	if err != nil {
		t.Fatal(err)
	}
	var lock struct {
		Rules []struct {
			ID     string         `json:"id"`
			Params map[string]any `json:"params"`
		} `json:"rules"`
	}
	if err := json.Unmarshal(data, &lock); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range lock.Rules {
		for p := range r.Params {
			n++
			if gate.Direction(r.ID, p) == "" || !gate.Decided(r.ID, p) {
				t.Errorf("parameter %s of %s: no direction decided in gate's table", p, r.ID)
			}
		}
	}
	if n == 0 {
		t.Fatal("the lock lists no parameter")
	}
}

func TestPolicyChanged(t *testing.T) {
	t.Parallel()
	const rego = "# METADATA\n# title: x\npackage ifacelint.rules.acme.x\n\ndeny contains \"x\" if false\n"
	headConfig := loadConfig(t, "failOn: error\npolicies: [policies]\n")
	cases := map[string]struct {
		base, head map[string][]byte
		headConfig *config.Config
		want       []string // file:line:col message-part
	}{
		"added": {nil, map[string][]byte{"policies/x.rego": []byte(rego)}, headConfig,
			[]string{"policies/x.rego:3:1 custom policy file policies/x.rego added"}},
		"changed": {map[string][]byte{"policies/x.rego": []byte(rego)}, map[string][]byte{"policies/x.rego": []byte(rego + "# more\n")}, headConfig,
			[]string{"policies/x.rego:3:1 custom policy file policies/x.rego changed"}},
		"changed, indented package": {map[string][]byte{"p.rego": []byte("x")}, map[string][]byte{"p.rego": []byte("# packaged\n\t package a.b\n")}, headConfig,
			[]string{"p.rego:2:3 custom policy file p.rego changed"}},
		"changed, no package": {map[string][]byte{"p.rego": []byte("x")}, map[string][]byte{"p.rego": []byte("y")}, headConfig,
			[]string{"p.rego:1:1 custom policy file p.rego changed"}},
		"removed": {map[string][]byte{"policies/x.rego": []byte(rego)}, nil, headConfig,
			[]string{headConfig.File + ":2:1 custom policy file policies/x.rego removed"}},
		"removed, no head config": {map[string][]byte{"policies/x.rego": []byte(rego)}, nil, nil,
			[]string{"policies/x.rego:1:1 custom policy file policies/x.rego removed"}},
		"unchanged": {map[string][]byte{"policies/x.rego": []byte(rego)}, map[string][]byte{"policies/x.rego": []byte(rego)}, headConfig, nil},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := gate.PolicyChanged(gate.Side{Policies: tc.base}, gate.Side{Policies: tc.head, Config: tc.headConfig})
			var lines []string
			for _, c := range got {
				if c.Rule != gate.RulePolicyChanged {
					t.Errorf("rule %s", c.Rule)
				}
				lines = append(lines, c.File+":"+itoa(c.Region.Start.Line)+":"+itoa(c.Region.Start.Column)+" "+c.Message)
			}
			if len(lines) != len(tc.want) {
				t.Fatalf("got %q, want %q", lines, tc.want)
			}
			for i := range lines {
				if !strings.HasPrefix(lines[i], tc.want[i]) {
					t.Errorf("got %q, want %q", lines[i], tc.want[i])
				}
			}
		})
	}
}

func TestWaiversAdded(t *testing.T) {
	t.Parallel()
	doc := func(waivers string) *inventory.Document {
		text := "apiVersion: ifacelint/v1\nkind: Interface\nmetadata:\n  id: orders-api\n  name: Orders\n" + waivers + "spec: {}\n"
		f := inventory.Parse("apis/orders.yaml", []byte(text), inventory.Options{})
		return f.Docs[0]
	}
	const w1 = "  waivers:\n    - rule: session/timeout\n      reason: r\n      approvedBy: sec@example.com\n      expires: 2027-01-31\n"
	const w1Later = "  waivers:\n    - rule: session/timeout\n      reason: r\n      approvedBy: sec@example.com\n      expires: 2027-06-30\n"
	const w1Earlier = "  waivers:\n    - rule: session/timeout\n      reason: r, reworded\n      approvedBy: sec@example.com\n      expires: 2026-12-31\n"
	const w1Other = "  waivers:\n    - rule: session/timeout\n      reason: r\n      approvedBy: dev@example.com\n      expires: 2027-01-31\n"
	const w2 = w1 + "    - rule: auth/mfa\n      reason: r\n      approvedBy: sec@example.com\n      expires: 2027-01-31\n"
	file := func(entries string) []gate.Waiver {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "waivers.yaml"), []byte("waivers:\n"+entries), 0o644); err != nil {
			t.Fatal(err)
		}
		fs, err := waiver.LoadFiles(dir, []string{"waivers.yaml"})
		if err != nil {
			t.Fatal(err)
		}
		ws := gate.FileWaivers(fs)
		for i := range ws {
			ws[i].File = "security/waivers.yaml" // as both sides name it
		}
		return ws
	}
	const fileEntry = "  - kind: Interface\n    id: orders-api\n    rule: session/timeout\n    reason: r\n    approvedBy: sec@example.com\n    expires: 2027-01-31\n"
	cases := map[string]struct {
		base, head []gate.Waiver
		want       []string // path message-part
	}{
		"new waiver": {nil, gate.InlineWaivers(doc(w1)),
			[]string{`metadata.waivers[0] waiver for session/timeout on Interface "orders-api" in the document added, approved by sec@example.com, expires 2027-01-31`}},
		"another rule": {gate.InlineWaivers(doc(w1)), gate.InlineWaivers(doc(w2)),
			[]string{"metadata.waivers[1] waiver for auth/mfa on"}},
		"later expiry": {gate.InlineWaivers(doc(w1)), gate.InlineWaivers(doc(w1Later)),
			[]string{"metadata.waivers[0] waiver for session/timeout on Interface \"orders-api\" in the document extended from 2027-01-31 to 2027-06-30, approved by sec@example.com"}},
		"other approver": {gate.InlineWaivers(doc(w1)), gate.InlineWaivers(doc(w1Other)),
			[]string{"metadata.waivers[0] waiver for session/timeout on Interface \"orders-api\" in the document now approved by dev@example.com (was sec@example.com), expires 2027-01-31"}},
		"moved to a waiver file": {gate.InlineWaivers(doc(w1)), file(fileEntry),
			[]string{"waivers[0] waiver for session/timeout on Interface \"orders-api\" in waiver file security/waivers.yaml added"}},
		"new in a waiver file": {nil, file(fileEntry),
			[]string{"waivers[0] waiver for session/timeout"}},
		"same":            {gate.InlineWaivers(doc(w1)), gate.InlineWaivers(doc(w1)), nil},
		"earlier expiry":  {gate.InlineWaivers(doc(w1)), gate.InlineWaivers(doc(w1Earlier)), nil},
		"removed":         {gate.InlineWaivers(doc(w2)), gate.InlineWaivers(doc(w1)), nil},
		"same file entry": {file(fileEntry), file(fileEntry), nil},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := gate.WaiversAdded(gate.Side{Waivers: tc.base}, gate.Side{Waivers: tc.head})
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %q", got, tc.want)
			}
			for i, c := range got {
				line := c.Path.String() + " " + c.Message
				if !strings.HasPrefix(line, tc.want[i]) {
					t.Errorf("got %q, want %q", line, tc.want[i])
				}
				if c.Region.Start.Line < 6 && c.Path[0] == "metadata" {
					t.Errorf("region %v is not at the waiver", c.Region)
				}
			}
		})
	}
}

func TestBaselineGrown(t *testing.T) {
	t.Parallel()
	entry := func(rule, id string, count int) string {
		return `{"rule": "` + rule + `", "kind": "Interface", "id": "` + id + `", "path": "spec", "file": "a.yaml", "count": ` + itoa(count) + `}`
	}
	fileEntry := `{"rule": "schema/x", "kind": null, "id": null, "path": "", "file": "b.yaml", "count": 1}`
	read := func(entries ...string) *baseline.File {
		if entries == nil {
			return nil
		}
		dir := t.TempDir()
		text := "{\"version\": 1, \"entries\": [\n  " + strings.Join(entries, ",\n  ") + "\n]}\n"
		p := filepath.Join(dir, "baseline.json")
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		b, err := baseline.Read(p)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	cases := map[string]struct {
		base, head *baseline.File
		want       []string // line path message-part
	}{
		"new entry": {read(entry("a/b", "x", 1)), read(entry("a/b", "x", 1), entry("a/b", "y", 2)),
			[]string{`3 entries[1].rule baseline entry for a/b on Interface "y" at spec added: it accepts 2 finding(s)`}},
		"count raised": {read(entry("a/b", "x", 1)), read(entry("a/b", "x", 3)),
			[]string{`2 entries[0].count baseline entry for a/b on Interface "x" at spec raised from 1 to 3 finding(s)`}},
		"count raised by a second entry": {read(entry("a/b", "x", 2)), read(entry("a/b", "x", 2), entry("a/b", "x", 1)),
			[]string{`2 entries[0].count baseline entry for a/b on Interface "x" at spec raised from 2 to 3`}},
		"file-level entry added": {nil, read(fileEntry),
			[]string{`2 entries[0].rule baseline entry for schema/x on file b.yaml added`}},
		"same":          {read(entry("a/b", "x", 2)), read(entry("a/b", "x", 2)), nil},
		"count lowered": {read(entry("a/b", "x", 2)), read(entry("a/b", "x", 1)), nil},
		"entry removed": {read(entry("a/b", "x", 1), entry("a/b", "y", 1)), read(entry("a/b", "y", 1)), nil},
		"no head":       {read(entry("a/b", "x", 1)), nil, nil},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := gate.BaselineGrown(gate.Side{Baseline: tc.base}, gate.Side{Baseline: tc.head})
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %q", got, tc.want)
			}
			for i, c := range got {
				line := itoa(c.Region.Start.Line) + " " + c.Path.String() + " " + c.Message
				if !strings.HasPrefix(line, tc.want[i]) {
					t.Errorf("got %q, want %q", line, tc.want[i])
				}
				if c.File != tc.head.Path || c.Rule != gate.RuleBaselineGrown {
					t.Errorf("%s in %s, want %s in %s", c.Rule, c.File, gate.RuleBaselineGrown, tc.head.Path)
				}
				inside(t, c)
			}
		})
	}
}

// Compare joins the four comparisons, sorted; every change that points at
// a node points inside the head file, and a gate finding is file-level.
func TestCompare(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	pol := filepath.Join(dir, "p.rego")
	if err := os.WriteFile(pol, []byte("# METADATA\npackage ifacelint.rules.acme.p\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := loadConfig(t, "failOn: never\nrules:\n  auth/mfa: {enabled: false}\n")
	doc := inventory.Parse("apis/x.yaml", []byte("kind: Interface\nmetadata:\n  id: a\n  waivers:\n    - {rule: r/x, approvedBy: ü@example.com, expires: 2027-01-01}\n"), inventory.Options{}).Docs[0]
	head := gate.Side{Config: cfg, Policies: map[string][]byte{pol: []byte("# METADATA\npackage ifacelint.rules.acme.p\n")}, Waivers: gate.InlineWaivers(doc)}
	got := gate.Compare(gate.Side{}, head)
	var rulesSeen []string
	for _, c := range got {
		rulesSeen = append(rulesSeen, c.Rule)
		f := c.Finding(&rules.Rule{ID: c.Rule, Controls: []string{"8.32"}}, rules.Warning)
		if !f.FileLevel || f.Line != c.Region.Start.Line || f.EndColumn != c.Region.End.Column || f.Severity != rules.Warning || f.Kind != "" {
			t.Errorf("finding %+v of change %+v", f, c)
		}
		if c.File == doc.File {
			continue // not on disk
		}
		inside(t, c)
	}
	slices.Sort(rulesSeen)
	if want := []string{gate.RuleConfigRelaxed, gate.RuleConfigRelaxed, gate.RulePolicyChanged, gate.RuleWaiverAdded}; !slices.Equal(rulesSeen, want) {
		t.Errorf("rules %v, want %v", rulesSeen, want)
	}
}

// inside checks that a change that points at a node points inside its
// file: its lines exist, and its columns are on them.
func inside(t *testing.T, c gate.Change) {
	t.Helper()
	if c.FileLevel {
		if c.Region.Start != (inventory.Pos{Line: 1, Column: 1}) {
			t.Errorf("file-level change at %v, want 1:1", c.Region.Start)
		}
		return
	}
	data, err := os.ReadFile(c.File)
	if err != nil {
		t.Errorf("change in %s: %v", c.File, err)
		return
	}
	lines := strings.Split(string(data), "\n")
	for _, p := range []inventory.Pos{c.Region.Start, c.Region.End} {
		if p.Line < 1 || p.Line > len(lines) || p.Column < 1 || p.Column > utf8.RuneCountInString(lines[p.Line-1])+1 {
			t.Errorf("%s: %d:%d is outside the file (%q)", c.Message, p.Line, p.Column, c.File)
		}
	}
	if c.Region.End.Line < c.Region.Start.Line || (c.Region.End.Line == c.Region.Start.Line && c.Region.End.Column < c.Region.Start.Column) {
		t.Errorf("%s: region %v ends before it starts", c.Message, c.Region)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// A list of required names is looser when a name is left out.
func TestRequiredListLoosened(t *testing.T) {
	for _, c := range []struct {
		base, head   any
		looser, know bool
	}{
		{[]any{"anomalous-login", "config-change"}, []any{"anomalous-login"}, true, true},
		{[]any{"anomalous-login"}, []any{"anomalous-login", "privileged-action"}, false, true},
		{[]any{"anomalous-login"}, []any{}, true, true},
		{[]any{"anomalous-login"}, 3, false, false},
	} {
		looser, known := gate.Loosened("monitoring/alerts", "privilegedKinds", c.base, c.head)
		if looser != c.looser || known != c.know {
			t.Errorf("%v → %v: looser %v known %v, want %v %v", c.base, c.head, looser, known, c.looser, c.know)
		}
	}
}
