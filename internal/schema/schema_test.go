package schema

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/ifacelint/ifacelint/pkg/inventory"
)

const valid = `apiVersion: ifacelint/v1
kind: Interface
metadata:
  id: orders-api
  name: Orders API
  lastReviewed: 2026-09-14
  x-cost-centre: 4711
spec:
  type: api
  direction: inbound
  exposure: internet
  encryption:
    inTransit: {tls: true, minVersion: 1.2}
  x-anything: {goes: [1, 2]}
`

// check loads src, validates its first document and renders each error as
// "line:col message", located the way lint locates findings.
func check(t *testing.T, src string) []string {
	t.Helper()
	v, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	f := inventory.Parse("t.yaml", []byte(src), inventory.Options{WantsString: v.WantsString})
	if len(f.Problems) > 0 || len(f.Docs) != 1 {
		t.Fatalf("load: %v", f.Problems)
	}
	var out []string
	for _, e := range v.ValidateDocument(f.Docs[0]) {
		pos, _ := f.Docs[0].Locate(e.Path)
		out = append(out, fmt.Sprintf("%d:%d %s", pos.Line, pos.Column, e.Message))
	}
	return out
}

func TestValid(t *testing.T) {
	t.Parallel()
	if got := check(t, valid); len(got) != 0 {
		t.Fatalf("valid document rejected: %q", got)
	}
	third := "apiVersion: ifacelint/v1\nkind: ThirdParty\nmetadata: {id: acme, name: Acme}\nspec:\n  assessment: {date: 2026-01-31, result: approved}\n  contract: {dpa: true}\n  certifications: [iso27001]\n"
	if got := check(t, third); len(got) != 0 {
		t.Fatalf("valid third party rejected: %q", got)
	}
}

// Every class of schema error, with the exact line and column asserted.
func TestErrorClasses(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		edit func(string) string
		want []string
	}{
		"unknown field with suggestion": {
			func(s string) string { return s + "  authentification: {mfa: true}\n" },
			[]string{`15:3 spec.authentification: unknown field; did you mean "authentication"?`},
		},
		"two unknown fields, two findings": {
			func(s string) string { return s + "  foo: 1\n  bar: 2\n" },
			[]string{"16:3 spec.bar: unknown field; expected one of apiSpec, authentication, authorization, changeManagement, criticality, data, direction, encryption, endpoints, environment, errorHandling, exposure, icd, inputValidation, lifecycle, logging, monitoring, network, privileged, rateLimit, secrets, securityTesting, session, sunset, thirdParty, type, versioning, versions",
				"15:3 spec.foo: unknown field; expected one of apiSpec, authentication, authorization, changeManagement, criticality, data, direction, encryption, endpoints, environment, errorHandling, exposure, icd, inputValidation, lifecycle, logging, monitoring, network, privileged, rateLimit, secrets, securityTesting, session, sunset, thirdParty, type, versioning, versions"},
		},
		"unknown top-level field": {
			func(s string) string { return "extra: 1\n" + s },
			[]string{`1:1 extra: unknown field; expected one of apiVersion, kind, metadata, spec`},
		},
		"bad enum": {
			func(s string) string { return strings.Replace(s, "type: api", "type: smoke-signal", 1) },
			[]string{`9:3 spec.type: "smoke-signal" is not one of api, webhook, queue, portal, cli, network, file-transfer, database, email, workflow`},
		},
		"wrong type": {
			func(s string) string { return s + "  endpoints: {url: x}\n" },
			[]string{`15:3 spec.endpoints: expected list, got mapping`},
		},
		"YAML 1.1 boolean": {
			func(s string) string { return s + "  privileged: yes\n" },
			[]string{`15:3 spec.privileged: expected boolean, got string "yes"; write true or false`},
		},
		"number where integer expected": {
			func(s string) string { return s + "  session: {timeoutMinutes: 1.5}\n" },
			[]string{`15:13 spec.session.timeoutMinutes: expected integer, got number 1.5`},
		},
		"negative integer": {
			func(s string) string { return s + "  secrets: {rotationDays: -1}\n" },
			[]string{`15:13 spec.secrets.rotationDays: must be at least 0, got -1`},
		},
		"bad id pattern": {
			func(s string) string { return strings.Replace(s, "id: orders-api", "id: Orders_API", 1) },
			[]string{`4:3 metadata.id: "Orders_API" is not valid: use lowercase letters, digits and hyphens, starting with a letter or digit`},
		},
		"bad date": {
			func(s string) string { return strings.Replace(s, "2026-09-14", "2026-02-30", 1) },
			[]string{`6:3 metadata.lastReviewed: "2026-02-30" is not a valid date; write YYYY-MM-DD`},
		},
		"date in another format": {
			func(s string) string { return strings.Replace(s, "2026-09-14", "14/09/2026", 1) },
			[]string{`6:3 metadata.lastReviewed: "14/09/2026" is not a valid date; write YYYY-MM-DD`},
		},
		"bad apiVersion": {
			func(s string) string { return strings.Replace(s, "ifacelint/v1", "ifacelint/v2", 1) },
			[]string{`1:1 apiVersion: "ifacelint/v2" must be "ifacelint/v1"`},
		},
		"unknown kind": {
			func(s string) string { return strings.Replace(s, "kind: Interface", "kind: Gateway", 1) },
			[]string{`2:1 kind: "Gateway" is not one of Interface, ThirdParty, System`},
		},
		"missing kind": {
			func(s string) string { return strings.Replace(s, "kind: Interface\n", "", 1) },
			[]string{`1:1 missing required field "kind"`},
		},
		"missing metadata.id": {
			func(s string) string { return strings.Replace(s, "  id: orders-api\n", "", 1) },
			[]string{`3:1 metadata: missing required field "id"`},
		},
		"null id counts as missing": {
			func(s string) string { return strings.Replace(s, "id: orders-api", "id: ~", 1) },
			[]string{`3:1 metadata: missing required field "id"`},
		},
		"empty name": {
			func(s string) string { return strings.Replace(s, "name: Orders API", `name: ""`, 1) },
			[]string{`5:3 metadata.name: must not be empty`},
		},
		"missing spec": {
			func(s string) string { return s[:strings.Index(s, "spec:")] },
			[]string{`1:1 missing required field "spec"`},
		},
		"interface without type, direction, exposure": {
			func(s string) string {
				for _, l := range []string{"  type: api\n", "  direction: inbound\n", "  exposure: internet\n"} {
					s = strings.Replace(s, l, "", 1)
				}
				return s
			},
			[]string{`8:1 spec: missing required field "type"`, `8:1 spec: missing required field "direction"`, `8:1 spec: missing required field "exposure"`},
		},
		"minVersion pattern": {
			func(s string) string { return strings.Replace(s, "minVersion: 1.2", "minVersion: TLS1.2", 1) },
			[]string{`13:28 spec.encryption.inTransit.minVersion: "TLS1.2" is not valid: write MAJOR.MINOR, such as "1.2"`},
		},
		"list item of the wrong type": {
			func(s string) string { return s + "  authentication:\n    methods: [sso, carrier-pigeon]\n" },
			[]string{`16:20 spec.authentication.methods[1]: "carrier-pigeon" is not one of none, password, basic, sso, oidc, saml, oauth2, jwt, api-key, mtls, ssh-key, hmac-signature`},
		},
		"labels must be strings": {
			func(s string) string {
				return strings.Replace(s, "  x-cost-centre: 4711\n", "  labels:\n    tier: {a: b}\n", 1)
			},
			[]string{`8:5 metadata.labels.tier: expected string, got mapping`},
		},
		"thirdparty spec checked against its own fields": {
			func(string) string {
				return "apiVersion: ifacelint/v1\nkind: ThirdParty\nmetadata: {id: acme, name: Acme}\nspec:\n  type: api\n"
			},
			[]string{`5:3 spec.type: unknown field; expected one of assessment, assurance, certifications, contract, services, subprocessors, tier`},
		},
		"enum with a close value": {
			func(s string) string { return strings.Replace(s, "kind: Interface", "kind: interface", 1) },
			[]string{`2:1 kind: "interface" is not one of Interface, ThirdParty, System; did you mean "Interface"?`},
		},
		"endpoint written as a string": {
			func(s string) string { return s + "  endpoints: [\"https://orders.example.com\"]\n" },
			[]string{`15:15 spec.endpoints[0]: expected mapping, got string "https://orders.example.com"; each entry is a mapping: write {url: "https://orders.example.com"}`},
		},
		"not an inventory document": {
			func(string) string { return "name: my-service\nversion: 2\ndependencies: [a, b]\n" },
			[]string{`1:1 not an inventory document: it has neither apiVersion nor kind (inventory documents start with apiVersion: ifacelint/v1 and kind: Interface, ThirdParty or System; move other YAML files out of the inventory roots, or add them to exclude: in .ifacelint.yaml)`},
		},
		"top level is a list": {
			func(string) string { return "- a\n- b\n" },
			[]string{`1:1 a document must be a mapping of apiVersion, kind, metadata and spec, not a list`},
		},
		"top level is a scalar": {
			func(string) string { return "hello\n" },
			[]string{`1:1 a document must be a mapping of apiVersion, kind, metadata and spec, not a string`},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := check(t, tc.edit(valid))
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
		})
	}
}

func TestRedact(t *testing.T) {
	t.Parallel()
	v, err := New(JSON)
	if err != nil {
		t.Fatal(err)
	}
	v.Redact = func(s string) bool { return strings.HasPrefix(s, "AKIA") }
	doc := map[string]any{"apiVersion": "ifacelint/v1", "kind": "AKIAABCDEFGHIJKLMNOP", "metadata": map[string]any{"id": "a", "name": "b"}, "spec": map[string]any{}}
	errs := v.Validate(doc)
	if len(errs) != 1 || strings.Contains(errs[0].Message, "AKIA") || !strings.Contains(errs[0].Message, "looks like a credential") {
		t.Fatalf("errors = %v, want the value redacted", errs)
	}
}

func TestWantsString(t *testing.T) {
	t.Parallel()
	v, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		kind string
		path inventory.Path
		want bool
	}{
		{"Interface", inventory.Path{"metadata", "id"}, true},
		{"Interface", inventory.Path{"spec", "encryption", "inTransit", "minVersion"}, true},
		{"Interface", inventory.Path{"spec", "endpoints", 3, "url"}, true},
		{"Interface", inventory.Path{"metadata", "labels", "anything"}, true},
		{"Interface", inventory.Path{"spec", "secrets", "rotationDays"}, false},
		{"Interface", inventory.Path{"spec", "privileged"}, false},
		{"Interface", inventory.Path{"spec", "x-custom"}, false},
		{"ThirdParty", inventory.Path{"spec", "services"}, true},
		{"ThirdParty", inventory.Path{"spec", "icd"}, false},
		{"Interface", inventory.Path{"spec", "icd"}, true},
	}
	for _, tc := range tests {
		if got := v.WantsString(tc.kind, tc.path); got != tc.want {
			t.Errorf("WantsString(%s, %s) = %v, want %v", tc.kind, tc.path, got, tc.want)
		}
	}
}

// The embedded schema is the one `ifacelint schema` prints: valid JSON with
// the draft 2020-12 dialect.
func TestSchemaDocument(t *testing.T) {
	t.Parallel()
	var doc map[string]any
	if err := json.Unmarshal(JSON, &doc); err != nil {
		t.Fatal(err)
	}
	if doc["$schema"] != "https://json-schema.org/draft/2020-12/schema" || doc["$id"] != ID {
		t.Errorf("$schema/$id = %v / %v", doc["$schema"], doc["$id"])
	}
}

// A key with no value is left out of the document's value (null counts as
// missing), but its name is still checked: a misspelt key with an empty
// value is an unknown field, a known or extension key with none is not.
func TestValidateDocumentNullKeys(t *testing.T) {
	t.Parallel()
	v, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]struct {
		edit func(string) string
		want []string
	}{
		"misspelt key, empty value": {
			func(s string) string {
				return strings.Replace(s, "  name: Orders API\n", "  name: Orders API\n  descrption:\n", 1)
			},
			[]string{`6:3 metadata.descrption: unknown field; did you mean "description"?`},
		},
		"misspelt key, explicit null": {
			func(s string) string { return s + "  rateLimt: ~\n" },
			[]string{`15:3 spec.rateLimt: unknown field; did you mean "rateLimit"?`},
		},
		"known key, empty value": {
			func(s string) string {
				return strings.Replace(s, "  name: Orders API\n", "  name: Orders API\n  description:\n", 1)
			},
			nil,
		},
		"extension key, empty value": {
			func(s string) string { return s + "  x-later:\n" },
			nil,
		},
		"labels take any key": {
			func(s string) string {
				return strings.Replace(s, "  x-cost-centre: 4711\n", "  labels:\n    tier:\n", 1)
			},
			nil,
		},
		"not an inventory document": {
			func(string) string { return "name: x\nempty:\n" },
			[]string{`1:1 not an inventory document: it has neither apiVersion nor kind (inventory documents start with apiVersion: ifacelint/v1 and kind: Interface, ThirdParty or System; move other YAML files out of the inventory roots, or add them to exclude: in .ifacelint.yaml)`},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := inventory.Parse("t.yaml", []byte(tc.edit(valid)), inventory.Options{WantsString: v.WantsString})
			if len(f.Problems) > 0 || len(f.Docs) != 1 {
				t.Fatalf("load: %v", f.Problems)
			}
			var got []string
			for _, e := range v.ValidateDocument(f.Docs[0]) {
				pos, _ := f.Docs[0].Locate(e.Path)
				got = append(got, fmt.Sprintf("%d:%d %s", pos.Line, pos.Column, e.Message))
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
		})
	}
}
