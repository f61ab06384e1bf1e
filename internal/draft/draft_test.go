package draft

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/ifacelint/ifacelint/internal/openapi"
)

func describe(t *testing.T, text string) *openapi.Description {
	t.Helper()
	dir := t.TempDir()
	p := filepath.Join(dir, "api.yaml")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := openapi.Load(context.Background(), p, openapi.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

const base = "openapi: 3.1.0\ninfo: {title: Orders API, version: '1'}\n"

func TestFromOpenAPI(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		desc    string
		opts    Options
		want    []string // lines the draft holds, trimmed
		notWant []string
		ids     []string
	}{
		"no security declared is a TODO, never none": {
			desc:    base + "servers: [{url: 'https://api.example.com'}]\npaths: {/a: {get: {}}}\n",
			want:    []string{"# TODO authentication: {methods: [...]} (the description declares no security requirement for its operations)", "tls: true  # every server is https"},
			notWant: []string{"- none"},
			ids:     []string{"orders-api"},
		},
		"an empty requirement is anonymous access": {
			desc: base + "security: [{k: []}, {}]\npaths: {/a: {get: {}}}\ncomponents: {securitySchemes: {k: {type: apiKey, in: query, name: key}}}\n",
			want: []string{"- api-key  # k: apiKey in query key", "- none  # GET /a allows anonymous access"},
		},
		"a plaintext server makes tls false": {
			desc: base + "servers: [{url: 'https://a.example.com'}, {url: 'http://b.example.com'}]\n",
			want: []string{"tls: false  # http://b.example.com is plaintext"},
		},
		"no absolute server leaves endpoints and tls to a person": {
			desc: base + "servers: [{url: /v1}]\n",
			want: []string{`# server /v1 is relative to where the description is served: not an endpoint`, "# TODO tls: true or false (the description does not say)"},
		},
		"scopes, sorted and unique; roles of other schemes": {
			desc: base + "security: [{o: [b, a]}, {o: [a], k: [reader]}]\ncomponents: {securitySchemes: {o: {type: oauth2, flows: {implicit: {authorizationUrl: 'https://x', scopes: {}}}}, k: {type: http, scheme: bearer}}}\n",
			want: []string{"model: scopes", "scopes:\n      - a\n      - b", "roles:\n      - reader", "- api-key  # k: http bearer", "- oauth2  # o: oauth2 implicit"},
		},
		"operations without security while others have some": {
			desc:    base + "paths:\n  /a: {get: {security: [{k: []}]}}\n  /b: {get: {}, post: {}}\ncomponents: {securitySchemes: {k: {type: apiKey, in: header, name: K}}}\n",
			want:    []string{"- api-key  # k: apiKey in header K", "# TODO check: 2 operations declare no security (GET /b): OpenAPI reads that as anonymous access"},
			notWant: []string{"- none"},
		},
		"webhooks do not take the global requirements": {
			desc: base + "security: [{k: []}]\nwebhooks:\n  plain: {post: {}}\n  signed: {post: {security: [{m: []}]}}\ncomponents: {securitySchemes: {k: {type: apiKey, in: header, name: K}, m: {type: mutualTLS}}}\n",
			want: []string{"- api-key  # k: apiKey in header K",
				"# TODO authentication: {methods: [...]} (the description declares no security requirement for its webhook operations)",
				"      - mtls  # m: mutualTLS"},
		},
		"mutual TLS": {
			desc: base + "security: [{m: []}]\ncomponents: {securitySchemes: {m: {type: mutualTLS}}}\n",
			want: []string{"mtls: true  # a mutualTLS security scheme is required", "- mtls  # m: mutualTLS"},
		},
		"an unmapped scheme is a TODO": {
			desc: base + "security: [{h: []}]\ncomponents: {securitySchemes: {h: {type: http, scheme: hoba}}}\n",
			want: []string{`# TODO methods: [...]`, `# TODO method of h: http hoba (no ifacelint method matches it)`},
		},
		"owner team, id and webhooks": {
			desc: base + "webhooks:\n  order created: {post: {summary: Sent when an order is created.}}\n  order-created: {post: {}}\n",
			opts: Options{ID: "orders", OwnerTeam: "payments", APISpec: "api/orders.yaml"},
			want: []string{"team: payments", "# TODO contact: e-mail or on-call alias of the owning team", "id: orders-webhook-order-created",
				"id: orders-webhook-order-created-2", "direction: outbound  # a 3.1 webhook: a request this API sends", "description: Sent when an order is created.",
				"apiSpec: api/orders.yaml", "name: Orders API webhook order created"},
			ids: []string{"orders", "orders-webhook-order-created", "orders-webhook-order-created-2"},
		},
		"every operation deprecated: a deprecated interface, its sunset a TODO": {
			desc: base + "paths: {/a: {get: {deprecated: true}, post: {deprecated: true}}}\n",
			want: []string{"lifecycle: deprecated  # every operation of the description is deprecated", "# TODO sunset: YYYY-MM-DD, the date the interface is withdrawn (at least 90 days ahead)"},
		},
		"some operations deprecated: named, the lifecycle a TODO": {
			desc:    base + "paths: {/b: {get: {deprecated: true}}, /a: {get: {}, delete: {deprecated: true}}}\n",
			want:    []string{"# TODO lifecycle: planned, experimental, production, deprecated or retired", "# deprecated in the description: DELETE /a, GET /b (their withdrawal needs a notice too)"},
			notWant: []string{"lifecycle: deprecated"},
		},
		"servers of several versions: one versions entry each": {
			desc: base + "servers: [{url: 'https://api.example.com/v1'}, {url: 'https://api.example.com/v2/'}, {url: 'https://eu.example.com/V2'}, {url: 'https://other.example.com'}]\n",
			want: []string{"versions:  # the servers name 2 versions in their paths",
				"- version: v1\n      # TODO status: production, deprecated or retired; sunset: YYYY-MM-DD when deprecated\n      endpoints:\n        - url: https://api.example.com/v1\n",
				"- version: v2\n      # TODO status: production, deprecated or retired; sunset: YYYY-MM-DD when deprecated\n      endpoints:\n        - url: https://api.example.com/v2/\n        - url: https://eu.example.com/V2\n",
				"versioning:\n    scheme: path\n    # TODO policy:"},
		},
		"servers of one version: no versions": {
			desc:    base + "servers: [{url: 'https://api.example.com/v2'}, {url: 'https://eu.example.com/v2'}]\n",
			notWant: []string{"versions:", "versioning:"},
		},
		"hostile strings are quoted and escaped": {
			desc: "openapi: 3.0.0\ninfo:\n  title: \"yes\"\n  description: \"a: b # c\\n\\nnext \\u202e\\u001b[31m\"\n",
			want: []string{`name: "yes"`, `description: "a: b # c"`, `id: "yes"`},
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			d := describe(t, tt.desc)
			dr, err := FromOpenAPI(d, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			text := string(dr.Text)
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("draft lacks %q:\n%s", w, text)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(text, w) {
					t.Errorf("draft holds %q:\n%s", w, text)
				}
			}
			if tt.ids != nil && strings.Join(dr.IDs, " ") != strings.Join(tt.ids, " ") {
				t.Errorf("ids %q, want %q", dr.IDs, tt.ids)
			}
			// Whatever the description held, the draft is YAML.
			dec := yaml.NewDecoder(strings.NewReader(text))
			for {
				var v any
				if err := dec.Decode(&v); err != nil {
					if err.Error() != "EOF" {
						t.Errorf("the draft is not YAML: %v\n%s", err, text)
					}
					break
				}
			}
			again, _ := FromOpenAPI(d, tt.opts)
			if string(again.Text) != text {
				t.Error("two drafts of one description differ")
			}
		})
	}
}

func TestSlugAndScalar(t *testing.T) {
	t.Parallel()
	slugs := map[string]string{
		"Orders API":                   "orders-api",
		"  Zahlungs-API für Händler":   "zahlungs-api-f-r-h-ndler",
		"***":                          "",
		strings.Repeat("a", 100):       strings.Repeat("a", 63),
		strings.Repeat("a", 62) + " b": strings.Repeat("a", 62),
	}
	for in, want := range slugs {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
	scalars := map[string]string{
		"payments:read":                  "payments:read",
		"https://a.example":              "https://a.example",
		"true":                           `"true"`,
		"Null":                           `"Null"`,
		"1.2":                            `"1.2"`,
		"a: b":                           `"a: b"`,
		"a #b":                           `"a #b"`,
		"line\nbreak":                    `"line\nbreak"`,
		"\u202eevil":                     `"\u202eevil"`,
		"ghp_" + strings.Repeat("A", 36): `"[redacted credential]"`,
	}
	for in, want := range scalars {
		if got := scalar(in); got != want {
			t.Errorf("scalar(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestBadID(t *testing.T) {
	t.Parallel()
	d := describe(t, base)
	if _, err := FromOpenAPI(d, Options{ID: "Bad_ID"}); err == nil {
		t.Fatal("a bad id was accepted")
	}
}
