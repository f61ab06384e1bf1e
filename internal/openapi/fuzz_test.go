package openapi

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzLoad: whatever a description holds, Load returns facts or an *Error
// (never a panic, never another error), within a time bound. The
// description may refer to itself and to one other file, b.yaml.
func FuzzLoad(f *testing.F) {
	for _, seed := range []string{
		"openapi: 3.1.0\ninfo: {title: T, version: '1'}\nservers: [{url: 'https://{a}.x/{b}', variables: {a: {default: e}}}]\nsecurity: [{k: [s]}, {}]\npaths: {/a: {get: {security: []}}, /b: {$ref: 'b.yaml'}}\nwebhooks: {w: {$ref: '#/paths/~1a'}}\ncomponents: {securitySchemes: {k: {type: oauth2, flows: {implicit: {scopes: {}}}}}}\n",
		"swagger: '2.0'\ninfo: {title: T}\nhost: h\nschemes: [https]\nsecurityDefinitions: {b: {type: basic}}\nsecurity: [{b: []}]\npaths: {/x: {post: {security: [{b: [1]}]}}}\n",
		"{\"openapi\": \"3.0.0\", \"paths\": {\"/a\": {\"$ref\": \"#/paths/~1a\"}}}",
		"openapi: 3.0.0\npaths: {/a: {$ref: 'b.yaml#/x/0'}}\n",
		"openapi: 3.0.0\ncomponents: {securitySchemes: {a: {$ref: '#/components/securitySchemes/b'}, b: {$ref: '#/components/securitySchemes/a'}}}\n",
		"openapi: 3.0.0\nsecurity: [[]]\npaths: [1]\nservers: {url: 1}\n",
	} {
		f.Add(seed, "x: [{get: {security: [{}]}}]\n")
	}
	f.Fuzz(func(t *testing.T, description, other string) {
		dir := t.TempDir()
		if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
			t.Fatal(err)
		}
		for name, text := range map[string]string{"a.yaml": description, "b.yaml": other} {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		d, err := Load(ctx, filepath.Join(dir, "a.yaml"), Options{})
		var e *Error
		switch {
		case err == nil:
			d.InUse(d.Operations)
			d.AnyAnonymous(d.Operations)
			for _, w := range d.Webhooks {
				d.InUse(w.Operations)
			}
		case !errors.As(err, &e):
			t.Fatalf("error %v is not an *Error", err)
		case e.At.Line < 1 || e.At.Column < 1:
			t.Fatalf("error %v has no position", err)
		}
	})
}
