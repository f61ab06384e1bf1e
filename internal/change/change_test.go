package change_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/ifacelint/ifacelint/internal/change"
	"github.com/ifacelint/ifacelint/internal/rules"
	"github.com/ifacelint/ifacelint/internal/schema"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// iface is an Interface document with the given lines under spec (each
// indented by the caller's two spaces).
func iface(id string, spec ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "apiVersion: ifacelint/v1\nkind: Interface\nmetadata:\n  id: %s\n  name: %s\nspec:\n  type: api\n  direction: inbound\n", id, id)
	for _, l := range spec {
		b.WriteString("  " + l + "\n")
	}
	return b.String()
}

const ledger = "apiVersion: ifacelint/v1\nkind: System\nmetadata:\n  id: ledger\n  name: Ledger\nspec: {}\n"

const acme = "apiVersion: ifacelint/v1\nkind: ThirdParty\nmetadata:\n  id: acme\n  name: Acme\nspec: {}\n"

// load parses files (name → YAML, documents separated by ---) in name order.
func load(t *testing.T, files map[string]string) []*inventory.Document {
	t.Helper()
	var names []string
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	v, err := schema.Default()
	if err != nil {
		t.Fatal(err)
	}
	var out []*inventory.Document
	for _, n := range names {
		f := inventory.Parse(n, []byte(files[n]), inventory.Options{WantsString: v.WantsString})
		if len(f.Problems) > 0 {
			t.Fatalf("%s: %v", n, f.Problems)
		}
		out = append(out, f.Docs...)
	}
	return out
}

// got renders changes as "rule@file:path", checking each path exists in
// its head document.
func got(t *testing.T, cs []change.Change) []string {
	t.Helper()
	var out []string
	for _, c := range cs {
		if c.Doc == nil || c.File != c.Doc.File || c.Index != c.Doc.Index || c.Kind != c.Doc.Kind || c.ID != c.Doc.ID {
			t.Errorf("%s: document fields do not match its document", c.Rule)
			continue
		}
		if len(c.Path) == 0 || !c.Doc.Has(c.Path) {
			t.Errorf("%s: path %q is no node of %s", c.Rule, c.Path, c.File)
		}
		if !rules.IsChange(c.Rule) || c.Message == "" {
			t.Errorf("change %+v: want a change rule and a message", c)
		}
		if !strings.Contains(c.Message, "spec.changeManagement.ticket") {
			t.Errorf("%s: message %q does not name the ticket field", c.Rule, c.Message)
		}
		out = append(out, c.Rule+"@"+c.File+":"+c.Path.String())
	}
	return out
}

func TestCompare(t *testing.T) {
	t.Parallel()
	const ticket = "changeManagement: {ticket: CHG-42}"
	one := func(spec ...string) map[string]string { return map[string]string{"a.yaml": iface("orders", spec...)} }
	for name, tc := range map[string]struct {
		base, head map[string]string
		want       []string
		message    string // a part of the one change's message
	}{
		// change/exposure-widened
		"exposure internal to internet": {
			base: one("exposure: internal"), head: one("exposure: internet"),
			want: []string{"change/exposure-widened@a.yaml:spec.exposure"}, message: "from internal to internet",
		},
		"exposure partner to internet": {
			base: one("exposure: partner"), head: one("exposure: internet"),
			want: []string{"change/exposure-widened@a.yaml:spec.exposure"},
		},
		"exposure narrowed":        {base: one("exposure: internet"), head: one("exposure: partner")},
		"exposure same":            {base: one("exposure: partner"), head: one("exposure: partner")},
		"exposure widened, ticket": {base: one("exposure: internal"), head: one("exposure: internet", ticket)},
		"exposure unknown in base": {base: one("exposure: intranet"), head: one("exposure: internet")},
		"exposure missing in base": {base: one(), head: one("exposure: internet")},
		"exposure unknown in head": {base: one("exposure: internal"), head: one("exposure: everyone")},
		"blank ticket does not count": {
			base: one("exposure: internal"), head: one("exposure: internet", `changeManagement: {ticket: "  "}`),
			want: []string{"change/exposure-widened@a.yaml:spec.exposure"},
		},

		// change/authentication-weakened
		"mfa turned off": {
			base: one("authentication: {methods: [sso], mfa: true}"), head: one("authentication: {methods: [sso], mfa: false}"),
			want: []string{"change/authentication-weakened@a.yaml:spec.authentication.mfa"}, message: "MFA removed",
		},
		"mfa key deleted": {
			base: one("authentication: {methods: [sso], mfa: true}"), head: one("authentication: {methods: [sso]}"),
			want: []string{"change/authentication-weakened@a.yaml:spec.authentication"},
		},
		"none added": {
			base: one("authentication: {methods: [oauth2]}"), head: one("authentication: {methods: [oauth2, none]}"),
			want: []string{"change/authentication-weakened@a.yaml:spec.authentication.methods[1]"}, message: "method none added",
		},
		"mtls replaced by basic": {
			base: one("authentication: {methods: [mtls]}"), head: one("authentication: {methods: [basic]}"),
			want: []string{"change/authentication-weakened@a.yaml:spec.authentication.methods[0]"}, message: "now basic (was mtls)",
		},
		"weaker alternative added": {
			base: one("authentication: {methods: [mtls]}"), head: one("authentication: {methods: [mtls, api-key]}"),
			want: []string{"change/authentication-weakened@a.yaml:spec.authentication.methods[1]"},
		},
		"methods removed": {
			base: one("authentication: {methods: [oauth2]}"), head: one("authentication: {mfa: false}"),
			want: []string{"change/authentication-weakened@a.yaml:spec.authentication"}, message: "methods removed",
		},
		"mfa off and none added": {
			base: one("authentication: {methods: [sso], mfa: true}"), head: one("authentication: {methods: [none]}"),
			want: []string{"change/authentication-weakened@a.yaml:spec.authentication"}, message: "MFA removed (authentication.mfa was true) and method none added",
		},
		"basic replaced by mtls":   {base: one("authentication: {methods: [basic]}"), head: one("authentication: {methods: [mtls]}")},
		"same tier swapped":        {base: one("authentication: {methods: [oauth2]}"), head: one("authentication: {methods: [saml]}")},
		"mfa turned on":            {base: one("authentication: {methods: [sso]}"), head: one("authentication: {methods: [sso], mfa: true}")},
		"none kept":                {base: one("authentication: {methods: [none]}"), head: one("authentication: {methods: [none, basic]}")},
		"auth weakened, ticket":    {base: one("authentication: {methods: [mtls], mfa: true}"), head: one("authentication: {methods: [basic]}", ticket)},
		"unknown method ignored":   {base: one("authentication: {methods: [mtls]}"), head: one("authentication: {methods: [mtls, telepathy]}")},
		"methods first named":      {base: one(), head: one("authentication: {methods: [basic]}")},
		"strongest of several cut": {base: one("authentication: {methods: [basic, mtls]}"), head: one("authentication: {methods: [basic]}")},

		// change/encryption-weakened
		"tls turned off": {
			base: one("encryption: {inTransit: {tls: true}}"), head: one("encryption: {inTransit: {tls: false}}"),
			want: []string{"change/encryption-weakened@a.yaml:spec.encryption.inTransit.tls"}, message: "TLS turned off",
		},
		"tls deleted": {
			base: one("encryption: {inTransit: {tls: true}}"), head: one("encryption: {atRest: {enabled: true}}"),
			want: []string{"change/encryption-weakened@a.yaml:spec.encryption"},
		},
		"min version lowered": {
			base: one("encryption: {inTransit: {tls: true, minVersion: 1.3}}"), head: one("encryption: {inTransit: {tls: true, minVersion: 1.2}}"),
			want: []string{"change/encryption-weakened@a.yaml:spec.encryption.inTransit.minVersion"}, message: "lowered from 1.3 to 1.2",
		},
		"min version no longer stated": {
			base: one("encryption: {inTransit: {tls: true, minVersion: \"1.2\"}}"), head: one("encryption: {inTransit: {tls: true}}"),
			want: []string{"change/encryption-weakened@a.yaml:spec.encryption.inTransit"}, message: "1.2 no longer stated",
		},
		"mtls removed": {
			base: one("encryption: {inTransit: {tls: true, mtls: true}}"), head: one("encryption: {inTransit: {tls: true}}"),
			want: []string{"change/encryption-weakened@a.yaml:spec.encryption.inTransit"}, message: "mTLS removed",
		},
		"tls and mtls off": {
			base: one("encryption: {inTransit: {tls: true, mtls: true}}"), head: one("encryption: {inTransit: {tls: false, mtls: false}}"),
			want: []string{"change/encryption-weakened@a.yaml:spec.encryption.inTransit"}, message: "TLS turned off (encryption.inTransit.tls was true) and mTLS removed",
		},
		"min version 1.2 to 1.10":    {base: one("encryption: {inTransit: {tls: true, minVersion: 1.2}}"), head: one("encryption: {inTransit: {tls: true, minVersion: 1.10}}")},
		"min version raised":         {base: one("encryption: {inTransit: {tls: true, minVersion: 1.2}}"), head: one("encryption: {inTransit: {tls: true, minVersion: 1.3}}")},
		"min version first stated":   {base: one("encryption: {inTransit: {tls: true}}"), head: one("encryption: {inTransit: {tls: true, minVersion: 1.2}}")},
		"min version unreadable":     {base: one("encryption: {inTransit: {tls: true, minVersion: 1.3}}"), head: one("encryption: {inTransit: {tls: true, minVersion: latest}}")},
		"tls turned on":              {base: one("encryption: {inTransit: {tls: false}}"), head: one("encryption: {inTransit: {tls: true, mtls: true}}")},
		"encryption weakened ticket": {base: one("encryption: {inTransit: {tls: true}}"), head: one("encryption: {inTransit: {tls: false}}", ticket)},

		// change/data-sensitivity-raised
		"classification raised": {
			base: one("data: {classification: internal}"), head: one("data: {classification: restricted}"),
			want: []string{"change/data-sensitivity-raised@a.yaml:spec.data.classification"}, message: "from internal to restricted",
		},
		"pii added": {
			base: one("data: {categories: [telemetry]}"), head: one("data: {categories: [telemetry, pii]}"),
			want: []string{"change/data-sensitivity-raised@a.yaml:spec.data.categories[1]"}, message: "pii data added",
		},
		"pii and pci added": {
			base: one("data: {categories: [telemetry]}"), head: one("data: {categories: [pci, telemetry, pii]}"),
			want: []string{"change/data-sensitivity-raised@a.yaml:spec.data.categories"}, message: "pci and pii data added",
		},
		"classification and phi": {
			base: one("data: {classification: confidential}"), head: one("data: {classification: restricted, categories: [phi]}"),
			want: []string{"change/data-sensitivity-raised@a.yaml:spec.data"},
		},
		"classification lowered":      {base: one("data: {classification: restricted}"), head: one("data: {classification: internal}")},
		"classification first stated": {base: one("data: {categories: [telemetry]}"), head: one("data: {classification: restricted}")},
		"pii kept, moved":             {base: one("data: {categories: [pii, telemetry]}"), head: one("data: {categories: [telemetry, pii]}")},
		"credentials added":           {base: one("data: {categories: []}"), head: one("data: {categories: [credentials]}")},
		"pii removed":                 {base: one("data: {categories: [pii]}"), head: one("data: {categories: [telemetry]}")},
		"sensitivity raised, ticket":  {base: one("data: {classification: public}"), head: one("data: {classification: restricted, categories: [pii]}", ticket)},

		// change/third-party-added
		"third party gained with pii": {
			base: one("data: {categories: [pii]}"), head: one("data: {categories: [pii]}", "thirdParty: acme"),
			want: []string{"change/third-party-added@a.yaml:spec.thirdParty"}, message: `"acme" newly receives personal data (pii; the base named no third party)`,
		},
		"third party gains pii": {
			base: one("thirdParty: acme", "data: {categories: [telemetry]}"), head: one("thirdParty: acme", "data: {categories: [telemetry, phi]}"),
			want: []string{"change/data-sensitivity-raised@a.yaml:spec.data.categories[1]", "change/third-party-added@a.yaml:spec.thirdParty"},
		},
		"third party switched": {
			base: one("thirdParty: acme", "data: {categories: [pii]}"), head: one("thirdParty: globex", "data: {categories: [pii]}"),
			want: []string{"change/third-party-added@a.yaml:spec.thirdParty"}, message: `the base named "acme"`,
		},
		"new interface to third party": {
			base: map[string]string{}, head: one("exposure: internet", "thirdParty: acme", "data: {categories: [pii]}"),
			want: []string{"change/third-party-added@a.yaml:spec.thirdParty"}, message: "a new interface",
		},
		"third party kept":                {base: one("thirdParty: acme", "data: {categories: [pii]}"), head: one("thirdParty: acme", "data: {categories: [pii, telemetry]}")},
		"third party without personal":    {base: one("data: {categories: [pci]}"), head: one("thirdParty: acme", "data: {categories: [pci]}")},
		"new interface, no personal data": {base: map[string]string{}, head: one("exposure: internet", "thirdParty: acme", "data: {classification: restricted}")},
		"third party added, ticket":       {base: one("data: {categories: [pii]}"), head: one("thirdParty: acme", "data: {categories: [pii]}", ticket)},

		// change/removed
		"third party deleted, still named": {
			base: map[string]string{"a.yaml": iface("orders", "thirdParty: acme"), "acme.yaml": acme},
			head: map[string]string{"a.yaml": iface("orders", "thirdParty: acme")},
			want: []string{"change/removed@a.yaml:spec.thirdParty"}, message: `ThirdParty "acme" was deleted`,
		},
		"third party deleted, named twice": {
			base: map[string]string{"a.yaml": iface("orders", "thirdParty: acme") + "---\n" + iface("billing", "thirdParty: acme"), "acme.yaml": acme},
			head: map[string]string{"a.yaml": iface("orders", "thirdParty: acme") + "---\n" + iface("billing", "thirdParty: acme", ticket)},
			want: []string{"change/removed@a.yaml:spec.thirdParty"},
		},
		"system deleted, a flow still names it": {
			base: map[string]string{"a.yaml": iface("orders", "data: {flows: [{from: ledger, to: orders}]}"), "ledger.yaml": ledger},
			head: map[string]string{"a.yaml": iface("orders", "data: {flows: [{from: ledger, to: orders}]}")},
			want: []string{"change/removed@a.yaml:spec.data.flows[0].from"}, message: `System "ledger" was deleted`,
		},
		"system kept, a flow names it": {
			base: map[string]string{"a.yaml": iface("orders", "data: {flows: [{from: ledger, to: orders}]}"), "ledger.yaml": ledger},
			head: map[string]string{"a.yaml": iface("orders", "data: {flows: [{from: ledger, to: orders}]}"), "ledger.yaml": ledger},
		},
		"system deleted, named by no flow": {
			base: map[string]string{"a.yaml": iface("orders", "data: {flows: [{from: crm, to: orders}]}"), "ledger.yaml": ledger},
			head: map[string]string{"a.yaml": iface("orders", "data: {flows: [{from: crm, to: orders}]}")},
		},
		"third party moved to another file": {
			base: map[string]string{"a.yaml": iface("orders", "thirdParty: acme"), "acme.yaml": acme},
			head: map[string]string{"a.yaml": iface("orders", "thirdParty: acme"), "vendors/acme.yaml": acme},
		},
		"third party kept, schema-invalid": {
			base: map[string]string{"a.yaml": iface("orders", "thirdParty: acme"), "acme.yaml": acme},
			head: map[string]string{"a.yaml": iface("orders", "thirdParty: acme"), "acme.yaml": strings.Replace(acme, "spec: {}", "spec: 5", 1)},
		},
		"third party deleted, no longer named": {
			base: map[string]string{"a.yaml": iface("orders", "thirdParty: acme"), "acme.yaml": acme},
			head: map[string]string{"a.yaml": iface("orders")},
		},
		"third party never in base": {
			base: map[string]string{"a.yaml": iface("orders", "thirdParty: acme")},
			head: map[string]string{"a.yaml": iface("orders", "thirdParty: acme")},
		},
		"interface deleted": {
			base: map[string]string{"a.yaml": iface("orders", "exposure: internal"), "b.yaml": iface("billing")},
			head: map[string]string{"b.yaml": iface("billing")},
		},

		// pairing
		"renamed file pairs with its base": {
			base: map[string]string{"old/orders.yaml": iface("orders", "exposure: internal")},
			head: map[string]string{"new/orders-api.yaml": iface("orders", "exposure: internet")},
			want: []string{"change/exposure-widened@new/orders-api.yaml:spec.exposure"},
		},
		"moved into a multi-document file": {
			base: map[string]string{"a.yaml": iface("orders", "exposure: internal"), "b.yaml": iface("billing", "exposure: internal")},
			head: map[string]string{"all.yaml": iface("billing", "exposure: internal") + "---\n" + iface("orders", "exposure: partner")},
			want: []string{"change/exposure-widened@all.yaml:spec.exposure"},
		},
		"id changed pairs with nothing": {
			base: map[string]string{"a.yaml": iface("orders", "exposure: internal")},
			head: map[string]string{"a.yaml": iface("orders-v2", "exposure: internet")},
		},
		"kind changed pairs with nothing": {
			base: map[string]string{"a.yaml": strings.Replace(iface("orders", "exposure: internal"), "kind: Interface", "kind: ThirdParty", 1)},
			head: map[string]string{"a.yaml": iface("orders", "exposure: internet")},
		},
		"duplicate base id pairs the first": {
			base: map[string]string{"a.yaml": iface("orders", "exposure: internal"), "b.yaml": iface("orders", "exposure: internet")},
			head: map[string]string{"a.yaml": iface("orders", "exposure: partner")},
			want: []string{"change/exposure-widened@a.yaml:spec.exposure"},
		},
		"every rule at once": {
			base: map[string]string{"a.yaml": iface("orders", "exposure: internal", "authentication: {methods: [mtls], mfa: true}",
				"encryption: {inTransit: {tls: true}}", "data: {classification: internal}", "thirdParty: acme"), "acme.yaml": acme},
			head: map[string]string{"a.yaml": iface("orders", "exposure: internet", "authentication: {methods: [basic]}",
				"encryption: {inTransit: {tls: false}}", "data: {classification: restricted, categories: [pii]}", "thirdParty: acme")},
			want: []string{
				"change/authentication-weakened@a.yaml:spec.authentication",
				"change/data-sensitivity-raised@a.yaml:spec.data",
				"change/encryption-weakened@a.yaml:spec.encryption.inTransit.tls",
				"change/exposure-widened@a.yaml:spec.exposure",
				"change/removed@a.yaml:spec.thirdParty",
				"change/third-party-added@a.yaml:spec.thirdParty",
			},
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cs := change.Compare(load(t, tc.base), load(t, tc.head))
			if g := got(t, cs); !slices.Equal(g, tc.want) {
				t.Errorf("changes:\n got %q\nwant %q", g, tc.want)
			}
			if tc.message != "" && (len(cs) != 1 || !strings.Contains(cs[0].Message, tc.message)) {
				t.Errorf("want one change whose message holds %q, got %+v", tc.message, cs)
			}
		})
	}
}

// Values of the wrong type, missing fields and odd documents, on either
// side: Compare never panics, and every change it reports points at a node
// of its head document.
func TestCompareOddValues(t *testing.T) {
	t.Parallel()
	specs := []string{
		"",
		"exposure: internet",
		"exposure: [internet]",
		"exposure: {a: 1}",
		"exposure: 3",
		"authentication: none",
		"authentication: {methods: none, mfa: yes}",
		"authentication: {methods: [1, {a: b}, [none], null, none], mfa: 1}",
		"authentication: {methods: [mtls], mfa: true}",
		"authentication: []",
		"encryption: true",
		"encryption: {inTransit: [tls]}",
		"encryption: {inTransit: {tls: \"true\", minVersion: 1.3, mtls: [true]}}",
		"encryption: {inTransit: {tls: true, minVersion: 99999999999999999999.1, mtls: true}}",
		"encryption: {inTransit: {minVersion: [1.2]}}",
		"encryption: {inTransit: {minVersion: .2}}",
		"data: restricted",
		"data: {classification: [restricted], categories: pii}",
		"data: {classification: restricted, categories: [pii, 7, {pci: true}, phi, pii]}",
		"thirdParty: [acme]",
		"thirdParty: {id: acme}",
		"thirdParty: acme\n  data: {categories: [pii]}",
		"changeManagement: CHG-1",
		"changeManagement: {ticket: [CHG-1]}",
	}
	docs := func(spec string) string { return iface("orders", spec) }
	odd := []string{
		"apiVersion: ifacelint/v1\nkind: Interface\nmetadata: {id: orders}\nspec: 5\n",
		"apiVersion: ifacelint/v1\nkind: Interface\nmetadata: {id: orders}\nspec: [a]\n",
		"apiVersion: ifacelint/v1\nkind: Interface\nmetadata: {id: orders}\n",
		"- a\n- b\n",
		"kind: Interface\nspec: {thirdParty: acme}\n",
		"apiVersion: ifacelint/v1\nkind: [Interface]\nmetadata: {id: [orders]}\nspec: {thirdParty: acme}\n",
	}
	var all []string
	for _, s := range specs {
		all = append(all, docs(s))
	}
	all = append(all, odd...)
	for i, b := range all {
		for j, h := range all {
			base := load(t, map[string]string{"a.yaml": b, "acme.yaml": acme})
			head := load(t, map[string]string{"b.yaml": h})
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("base %d, head %d: panic: %v", i, j, r)
					}
				}()
				got(t, change.Compare(base, head))
			}()
		}
	}
	// nil slices and nil documents
	if cs := change.Compare(nil, nil); len(cs) != 0 {
		t.Errorf("Compare(nil, nil) = %v", cs)
	}
	if cs := change.Compare([]*inventory.Document{nil}, []*inventory.Document{nil, {Kind: "Interface", ID: "x"}}); len(cs) != 0 {
		t.Errorf("Compare of nil documents = %v", cs)
	}
}

// The orders rank exactly the schema's values, so a value added to the
// schema fails this test until its place in the order is decided.
func TestOrdersCoverSchema(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../schema/schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Defs struct {
			InterfaceSpec struct {
				Properties struct {
					Exposure struct {
						Enum []string `json:"enum"`
					} `json:"exposure"`
					Data struct {
						Properties struct {
							Classification struct {
								Enum []string `json:"enum"`
							} `json:"classification"`
							Categories struct {
								Items struct {
									Enum []string `json:"enum"`
								} `json:"items"`
							} `json:"categories"`
						} `json:"properties"`
					} `json:"data"`
					Authentication struct {
						Properties struct {
							Methods struct {
								Items struct {
									Enum []string `json:"enum"`
								} `json:"items"`
							} `json:"methods"`
						} `json:"properties"`
					} `json:"authentication"`
				} `json:"properties"`
			} `json:"interfaceSpec"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	p := s.Defs.InterfaceSpec.Properties
	same := func(what string, order, schema []string) {
		t.Helper()
		a, b := slices.Sorted(slices.Values(order)), slices.Sorted(slices.Values(schema))
		if len(b) == 0 || !slices.Equal(a, b) {
			t.Errorf("%s: the order ranks %q, the schema allows %q", what, a, b)
		}
	}
	same("exposure", change.ExposureOrder, p.Exposure.Enum)
	same("classification", change.ClassificationOrder, p.Data.Properties.Classification.Enum)
	same("authentication methods", slices.Collect(maps.Keys(change.AuthStrength)), p.Authentication.Properties.Methods.Items.Enum)
	for _, c := range change.SensitiveCategories {
		if !slices.Contains(p.Data.Properties.Categories.Items.Enum, c) {
			t.Errorf("category %s is not in the schema", c)
		}
	}
}

// CompareAll keeps the changes a ticket reviewed, with their ticket and a
// message that no longer asks for one; Compare leaves them out.
func TestCompareAllKeepsTicketed(t *testing.T) {
	t.Parallel()
	base := load(t, map[string]string{"a.yaml": iface("orders", "exposure: internal")})
	head := load(t, map[string]string{"a.yaml": iface("orders", "exposure: internet", "changeManagement: {ticket: \" CHG-42 \"}")})
	if cs := change.Compare(base, head); len(cs) != 0 {
		t.Errorf("Compare: %v, want nothing (the ticket reviewed the change)", cs)
	}
	all := change.CompareAll(base, head)
	if len(all) != 1 {
		t.Fatalf("CompareAll: %v, want the one reviewed change", all)
	}
	c := all[0]
	if c.Rule != rules.ChangeExposureWidened || c.Ticket != "CHG-42" {
		t.Errorf("CompareAll: %s with ticket %q, want %s with CHG-42", c.Rule, c.Ticket, rules.ChangeExposureWidened)
	}
	if strings.Contains(c.Message, "name the change ticket") || !strings.Contains(c.Message, "exposure widened from internal to internet") {
		t.Errorf("message %q: want what changed, without the hint", c.Message)
	}
	unticketed := change.CompareAll(base, load(t, map[string]string{"a.yaml": iface("orders", "exposure: internet")}))
	if len(unticketed) != 1 || unticketed[0].Ticket != "" {
		t.Errorf("without a ticket: %+v", unticketed)
	}
}
