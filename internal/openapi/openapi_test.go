package openapi

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ifacelint/ifacelint/internal/vcs"
)

// repo writes files into a new repository (a directory with .git) and
// returns its path. A value "->TARGET" makes a symlink.
func repo(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		var err error
		if target, ok := strings.CutPrefix(text, "->"); ok {
			err = os.Symlink(target, p)
		} else {
			err = os.WriteFile(p, []byte(text), 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func load(t *testing.T, root, file string) (*Description, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return Load(ctx, filepath.Join(root, file), Options{})
}

// facts summarises a description in a few comparable strings.
func facts(d *Description) []string {
	var out []string
	out = append(out, "version "+d.Version, "title "+d.Title)
	for _, s := range d.Servers {
		line := "server " + s.URL
		if s.Relative {
			line += " (relative)"
		}
		if len(s.Unresolved) > 0 {
			line += " unresolved " + strings.Join(s.Unresolved, ",")
		}
		out = append(out, line)
	}
	for _, u := range d.InUse(d.Operations) {
		line := "uses " + u.Scheme.Name + " " + u.Scheme.Method
		for _, sc := range u.Scopes {
			line += " " + sc.Name
		}
		out = append(out, line)
	}
	if op := d.AnyAnonymous(d.Operations); op != nil {
		out = append(out, "anonymous "+op.Method+" "+op.Path)
	}
	for _, w := range d.Webhooks {
		line := "webhook " + w.Name
		for _, u := range d.InUse(w.Operations) {
			line += " " + u.Scheme.Name
		}
		out = append(out, line)
	}
	return out
}

func TestLoadFacts(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		files map[string]string
		want  []string
	}{
		"swagger 2.0 in JSON, tab-indented": {
			files: map[string]string{"api.json": "{\n\t\"swagger\": \"2.0\",\n\t\"info\": {\"title\": \"Pets\", \"version\": \"1\"},\n\t\"host\": \"pets.example.com\",\n\t\"basePath\": \"/v1\",\n\t\"schemes\": [\"https\", \"http\"],\n\t\"securityDefinitions\": {\n\t\t\"key\": {\"type\": \"apiKey\", \"in\": \"query\", \"name\": \"api_key\"},\n\t\t\"auth\": {\"type\": \"oauth2\", \"flow\": \"implicit\", \"authorizationUrl\": \"https://x\", \"scopes\": {\"write:pets\": \"w\"}},\n\t\t\"basic\": {\"type\": \"basic\"}\n\t},\n\t\"security\": [{\"key\": []}],\n\t\"paths\": {\"/pets\": {\"post\": {\"security\": [{\"auth\": [\"write:pets\"]}]}, \"get\": {}}}\n}\n"},
			want:  []string{"version 2.0", "title Pets", "server https://pets.example.com/v1", "server http://pets.example.com/v1", "uses auth oauth2 write:pets", "uses key api-key"},
		},
		"swagger 2.0 without host is relative": {
			files: map[string]string{"api.yaml": "swagger: '2.0'\ninfo: {title: T, version: '1'}\nbasePath: /v1\npaths: {}\n"},
			want:  []string{"version 2.0", "title T", "server /v1 (relative)"},
		},
		"3.0 server variables, per-operation override, {} and a path item in another file": {
			files: map[string]string{
				"api/openapi.yaml": `openapi: 3.0.3
info: {title: Orders, version: '1'}
servers:
  - url: https://{region}.example.com/{v}
    variables: {region: {default: eu}, v: {default: v2}}
  - url: https://{missing}.example.com
security: [{oauth: [orders:read]}]
paths:
  /orders:
    get: {}
    post:
      security: [{oauth: [orders:write]}, {bearer: []}]
  /health: {$ref: 'paths/health.yaml'}
components:
  securitySchemes:
    oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: 'https://t', scopes: {}}}}
    bearer: {type: http, scheme: bearer, bearerFormat: JWT}
    unused: {type: http, scheme: basic}
`,
				"api/paths/health.yaml": "get:\n  security: [{}]\n",
			},
			want: []string{"version 3.0.3", "title Orders", "server https://eu.example.com/v2", "server https://{missing}.example.com unresolved missing",
				"uses bearer jwt", "uses oauth oauth2 orders:read orders:write", "anonymous get /health"},
		},
		"3.1 mutualTLS, OpenID Connect, security: [] and webhooks": {
			files: map[string]string{"api.yaml": `openapi: 3.1.0
info: {title: Hooks, version: '1'}
servers: [{url: 'https://api.example.com'}]
security: [{oidc: [openid]}]
paths:
  /a:
    get:
      security: [{mtls: [], oidc: [openid, profile]}]
  /public:
    get:
      security: []
webhooks:
  bare: {post: {}}
  newOrder:
    post:
      summary: A new order
      security: [{key: []}]
  ref: {$ref: '#/components/pathItems/hook'}
components:
  pathItems:
    hook: {post: {security: [{digest: []}]}}
  securitySchemes:
    mtls: {type: mutualTLS}
    oidc: {type: openIdConnect, openIdConnectUrl: 'https://id'}
    key: {type: apiKey, in: cookie, name: session}
    digest: {$ref: '#/components/x-more/digest'}
  x-more:
    digest: {type: http, scheme: digest}
`},
			want: []string{"version 3.1.0", "title Hooks", "server https://api.example.com", "uses mtls mtls", "uses oidc oidc openid profile",
				"anonymous get /public", "webhook bare", "webhook newOrder key", "webhook ref digest"},
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			root := repo(t, tt.files)
			file := "api.yaml"
			for f := range tt.files {
				if strings.HasSuffix(f, "openapi.yaml") || strings.HasSuffix(f, ".json") {
					file = f
				}
			}
			d, err := load(t, root, file)
			if err != nil {
				t.Fatal(err)
			}
			if got := facts(d); !slices.Equal(got, tt.want) {
				t.Errorf("facts\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestLoadPositions(t *testing.T) {
	t.Parallel()
	root := repo(t, map[string]string{
		"a.yaml": "openapi: 3.0.0\ninfo: {title: T, version: '1'}\npaths:\n  /x: {$ref: 'b.yaml'}\ncomponents:\n  securitySchemes:\n    k: {type: apiKey, in: header, name: K}\n",
		"b.yaml": "get:\n  security:\n    - k: []\n",
	})
	d, err := load(t, root, "a.yaml")
	if err != nil {
		t.Fatal(err)
	}
	op := d.Operations[0]
	use := op.Security[0].Uses[0]
	if got := filepath.Base(use.At.File) + ":" + strconv.Itoa(use.At.Line) + ":" + strconv.Itoa(use.At.Column); got != "b.yaml:3:7" {
		t.Errorf("requirement at %s, want b.yaml:3:7 (in the file the $ref led to)", got)
	}
	if s := d.Schemes["k"]; s.At.Line != 7 || s.At.Column != 5 {
		t.Errorf("scheme at %v, want line 7 column 5", s.At)
	}
	if len(d.Files) != 2 || filepath.Base(d.Files[1]) != "b.yaml" {
		t.Errorf("files %q, want a.yaml then b.yaml", d.Files)
	}
}

func TestLoadRefuses(t *testing.T) {
	t.Parallel()
	doc := func(ref string) string {
		return "openapi: 3.0.0\ninfo: {title: T, version: '1'}\npaths:\n  /x: {$ref: '" + ref + "'}\n"
	}
	tests := map[string]struct {
		files map[string]string
		at    string // file:line:col, file relative to the repository
		msg   string
	}{
		"a URL":                    {files: map[string]string{"api.yaml": doc("https://evil.example.com/p.yaml")}, at: "api.yaml:4:8", msg: "is a URL: references are never fetched over the network"},
		"a scheme-relative URL":    {files: map[string]string{"api.yaml": doc("//evil.example.com/p.yaml")}, at: "api.yaml:4:8", msg: "is a URL"},
		"a file URL":               {files: map[string]string{"api.yaml": doc("file:///etc/passwd")}, at: "api.yaml:4:8", msg: "is a URL"},
		"an absolute path":         {files: map[string]string{"api.yaml": doc("/etc/passwd")}, at: "api.yaml:4:8", msg: "is an absolute path"},
		"an encoded absolute path": {files: map[string]string{"api.yaml": doc("%2Fetc/passwd")}, at: "api.yaml:4:8", msg: "is an absolute path"},
		"out with ..":              {files: map[string]string{"api/api.yaml": doc("../../etc/passwd")}, at: "api/api.yaml:4:8", msg: "leads outside the repository"},
		"a symlink out":            {files: map[string]string{"api.yaml": doc("etc/passwd"), "etc": "->/etc"}, at: "api.yaml:4:8", msg: "goes through a symlink leading outside the repository"},
		"a symlink inside":         {files: map[string]string{"api.yaml": doc("l.yaml"), "p.yaml": "get: {}\n", "l.yaml": "->p.yaml"}, at: "api.yaml:4:8", msg: "goes through a symlink inside the repository"},
		"a missing file":           {files: map[string]string{"api.yaml": doc("nope.yaml")}, at: "api.yaml:4:8", msg: "no such file"},
		"a missing target":         {files: map[string]string{"api.yaml": doc("#/components/nope")}, at: "api.yaml:4:8", msg: `has no "components"`},
		"an anchor":                {files: map[string]string{"api.yaml": doc("#item")}, at: "api.yaml:4:8", msg: "only JSON pointers"},
		"a cycle":                  {files: map[string]string{"api.yaml": "openapi: 3.0.0\ninfo: {title: T, version: '1'}\npaths:\n  /a: {$ref: '#/paths/~1b'}\n  /b: {$ref: '#/paths/~1a'}\n"}, at: "api.yaml:4:8", msg: "$ref cycle: #/paths/~1b → #/paths/~1a → #/paths/~1b"},
		"a cycle across files": {files: map[string]string{"api.yaml": doc("b.yaml#/p"), "b.yaml": "p: {$ref: 'api.yaml#/paths/~1x'}\n"},
			at: "api.yaml:4:8", msg: "$ref cycle"},
		"a FIFO-like target: a directory": {files: map[string]string{"api.yaml": doc("d"), "d/x": "x"}, at: "api.yaml:4:8", msg: "cannot read"},
		"an alias bomb": {files: map[string]string{"api.yaml": "openapi: 3.0.0\ninfo: {title: T, version: '1'}\n" +
			"a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"},
			at: "api.yaml:", msg: "alias bomb"},
		"not OpenAPI":          {files: map[string]string{"api.yaml": "apiVersion: ifacelint/v1\n"}, at: "api.yaml:1:1", msg: "neither an openapi nor a swagger field"},
		"an unknown version":   {files: map[string]string{"api.yaml": "openapi: 4.0.0\n"}, at: "api.yaml:1:1", msg: `OpenAPI version "4.0.0" is not supported`},
		"an undefined scheme":  {files: map[string]string{"api.yaml": "openapi: 3.1.0\ninfo: {title: T, version: '1'}\nsecurity: [{ghost: []}]\n"}, at: "api.yaml:3:13", msg: `names "ghost", which the description does not define`},
		"two documents":        {files: map[string]string{"api.yaml": "openapi: 3.1.0\n---\nopenapi: 3.1.0\n"}, at: "api.yaml:1:1", msg: "holds 2 YAML documents"},
		"a syntax error":       {files: map[string]string{"api.yaml": "openapi: [3.1.0\n"}, at: "api.yaml:", msg: "YAML syntax error"},
		"a symlinked top file": {files: map[string]string{"api.yaml": "->/etc/passwd"}, at: "api.yaml:1:1", msg: "symlink"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			root := repo(t, tt.files)
			file := "api.yaml"
			if _, ok := tt.files["api/api.yaml"]; ok {
				file = "api/api.yaml"
			}
			_, err := load(t, root, file)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v, want an *Error", err)
			}
			got := strings.TrimPrefix(e.Error(), root+string(filepath.Separator))
			if !strings.HasPrefix(got, tt.at) || !strings.Contains(got, tt.msg) {
				t.Errorf("error %q, want one at %s holding %q", got, tt.at, tt.msg)
			}
		})
	}
}

// Limits hold across files: the description's files together.
func TestLoadFileLimit(t *testing.T) {
	t.Parallel()
	files := map[string]string{"api.yaml": "openapi: 3.0.0\ninfo: {title: T, version: '1'}\npaths:\n"}
	for i := range MaxFiles + 1 {
		name := "p" + strings.Repeat("x", i) + ".yaml"
		files["api.yaml"] += "  /p" + strings.Repeat("x", i) + ": {$ref: '" + name + "'}\n"
		files[name] = "get: {}\n"
	}
	_, err := load(t, repo(t, files), "api.yaml")
	if err == nil || !strings.Contains(err.Error(), "spans more than 64 files") {
		t.Fatalf("error %v, want the file limit", err)
	}
}

// The repository bounds $refs: Options.Root when given, else the git
// repository holding the description, else the description's directory.
func TestLoadRoot(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		"svc/api.yaml":   "openapi: 3.0.0\ninfo: {title: T, version: '1'}\npaths:\n  /x: {$ref: '../shared/x.yaml'}\n",
		"shared/x.yaml":  "get: {}\n",
		"other/api.yaml": "openapi: 3.0.0\ninfo: {title: T, version: '1'}\npaths:\n  /x: {$ref: 'x.yaml'}\n",
		"other/x.yaml":   "get: {}\n",
	}
	root := repo(t, files)
	ctx := context.Background()
	if _, err := Load(ctx, filepath.Join(root, "svc/api.yaml"), Options{}); err != nil {
		t.Errorf("inside the repository: %v", err)
	}
	_, err := Load(ctx, filepath.Join(root, "svc/api.yaml"), Options{Root: filepath.Join(root, "svc")})
	if err == nil || !strings.Contains(err.Error(), "leads outside the repository") {
		t.Errorf("outside Options.Root: error %v", err)
	}
	// Without a .git: the description's directory.
	if err := os.RemoveAll(filepath.Join(root, ".git")); err != nil {
		t.Fatal(err)
	}
	real, _ := filepath.EvalSymlinks(root)
	if _, inRepo := vcs.RepoRoot(real); inRepo {
		t.Skip("the temporary directory is inside a git repository")
	}
	if _, err := Load(ctx, filepath.Join(root, "other/api.yaml"), Options{}); err != nil {
		t.Errorf("beside the description, outside a repository: %v", err)
	}
	_, err = Load(ctx, filepath.Join(root, "svc/api.yaml"), Options{})
	if err == nil || !strings.Contains(err.Error(), "leads outside the repository") {
		t.Errorf("above the description, outside a repository: error %v", err)
	}
}

// A $ref to a URL or out of the repository where nothing import or the
// drift rules read depends on it (a schema, a security scheme no
// requirement names) is left unresolved, never fetched, with one notice
// for the description; the facts are read as without it.
func TestExternalRefElsewhere(t *testing.T) {
	t.Parallel()
	const head = "openapi: 3.1.0\ninfo: {title: T, version: '1'}\nservers: [{url: 'https://api.example.com'}]\nsecurity: [{key: []}]\n" +
		"paths:\n  /o:\n    get:\n      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Order'}}}}}\n" +
		"components:\n  securitySchemes:\n    key: {type: apiKey, in: header, name: X-Key}\n"
	tests := map[string]struct {
		tail, notice string
		n            int
	}{
		"a schema at a URL": {tail: "  schemas:\n    Order: {$ref: 'https://schemas.example.com/order.json'}\n", n: 1,
			notice: `api.yaml:13:13: $ref "https://schemas.example.com/order.json" is a URL: left unresolved and never fetched; nothing import and the drift rules read depends on it`},
		"a schema outside the repository": {tail: "  schemas:\n    Order: {$ref: '../../order.json'}\n", n: 1,
			notice: `api.yaml:13:13: $ref "../../order.json" leads outside the repository: left unresolved`},
		"an unused scheme at a URL (the OpenAPI Initiative's example)": {tail: "    external:\n      $ref: 'https://example.com/api/openapi.json#/components/externalDocs/ThingExternalDocs'\n", n: 1,
			notice: `api.yaml:13:7: $ref "https://example.com/api/openapi.json#/components/externalDocs/ThingExternalDocs" is a URL: left unresolved`},
		"a URL with a token": {tail: "  schemas:\n    Order: {$ref: 'https://bot:ghp_secret@schemas.example.com/order.json#/O'}\n", n: 1,
			notice: `api.yaml:13:13: $ref "https://schemas.example.com/order.json#/O" is a URL: left unresolved`},
		"three, one notice": {tail: "  schemas:\n    A: {$ref: 'https://x.example/a'}\n    B: {$ref: '/etc/b'}\n    C: {$ref: '//x.example/c'}\n", n: 3,
			notice: `api.yaml:13:9: $ref "https://x.example/a" is a URL: left unresolved and never fetched; nothing import and the drift rules read depends on it (and 2 more such $refs)`},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			root := repo(t, map[string]string{"api.yaml": head + tt.tail})
			d, err := load(t, root, "api.yaml")
			if err != nil {
				t.Fatal(err)
			}
			got := strings.Join(facts(d), "\n")
			if want := "version 3.1.0\ntitle T\nserver https://api.example.com\nuses key api-key"; got != want || len(d.Operations) != 1 {
				t.Errorf("facts:\n%s\n%d operations; want\n%s\nand GET /o", got, len(d.Operations), want)
			}
			notice := strings.ReplaceAll(d.Notice(), root+string(filepath.Separator), "")
			if len(d.Unresolved) != tt.n || !strings.HasPrefix(notice, tt.notice) {
				t.Errorf("%d unresolved, notice %q; want %d, %q", len(d.Unresolved), notice, tt.n, tt.notice)
			}
		})
	}
	// Without such a $ref, no notice.
	d, err := load(t, repo(t, map[string]string{"api.yaml": head}), "api.yaml")
	if err != nil || d.Notice() != "" || len(d.Unresolved) != 0 {
		t.Errorf("no external $ref: notice %q, %v", d.Notice(), err)
	}
}

// A fact that depends on a $ref to a URL or out of the repository is an
// error at the $ref: a security scheme a requirement names (at the top
// level, of an operation or of a webhook), a path item.
func TestExternalRefNeeded(t *testing.T) {
	t.Parallel()
	const comps = "components:\n  securitySchemes:\n    ext: {$ref: 'https://idp.example.com/schemes.json#/oauth'}\n"
	tests := map[string]struct{ text, at, msg string }{
		"global": {text: "openapi: 3.1.0\ninfo: {title: T, version: '1'}\nsecurity: [{ext: []}]\npaths: {}\n" + comps,
			at: "api.yaml:7:11", msg: `security scheme "ext", which a security requirement names (api.yaml:3:13): $ref "https://idp.example.com/schemes.json#/oauth" is a URL: references are never fetched over the network`},
		"an operation's": {text: "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths:\n  /o:\n    get: {security: [{ext: [read]}]}\n" + comps,
			at: "api.yaml:8:11", msg: `security scheme "ext", which a security requirement names (api.yaml:5:23)`},
		"a webhook's": {text: "openapi: 3.1.0\ninfo: {title: T, version: '1'}\nwebhooks:\n  hook:\n    post: {security: [{ext: []}]}\n" + comps,
			at: "api.yaml:8:11", msg: `security scheme "ext"`},
		"outside the repository": {text: "openapi: 3.0.3\ninfo: {title: T, version: '1'}\nsecurity: [{ext: []}]\npaths: {}\ncomponents:\n  securitySchemes:\n    ext: {$ref: '../../schemes.yaml#/oauth'}\n",
			at: "api.yaml:7:11", msg: `$ref "../../schemes.yaml#/oauth" leads outside the repository`},
		"a path item": {text: "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths:\n  /o: {$ref: 'https://x.example/p.yaml'}\n",
			at: "api.yaml:4:8", msg: `is a URL`},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			root := repo(t, map[string]string{"api.yaml": tt.text})
			_, err := load(t, root, "api.yaml")
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v, want an *Error", err)
			}
			got := strings.ReplaceAll(e.Error(), root+string(filepath.Separator), "")
			if !strings.HasPrefix(got, tt.at+": ") || !strings.Contains(got, tt.msg) {
				t.Errorf("error %q, want one at %s holding %q", got, tt.at, tt.msg)
			}
		})
	}
}
