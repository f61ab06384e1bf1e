package inventorygen

import (
	"encoding/json"
	"path"
	"slices"
)

// openapiSpec is the OpenAPI description an API names in spec.apiSpec: it
// states the document's endpoints, authentication methods and scopes, plus
// at most one thing the document lacks, which one drift rule reports.
type openapiSpec struct {
	missing     bool   // spec.apiSpec names a file that is not written
	extraServer string // a server the document does not list
	extraMethod string // a scheme whose method the document does not list
	extraScope  string // a scope the document does not declare
}

// describedMethods are the methods a description can state (the security
// schemes below); an API with another method gets no description.
var describedMethods = []string{"api-key", "basic", "jwt", "mtls", "oauth2", "oidc"}

// describeEvery: one clean API in describeEvery names a description that
// matches it, so the drift rules run on clean documents too.
const describeEvery = 6

// canDescribe reports whether a description can state d's authentication.
func canDescribe(d *iface) bool {
	if d.typ != "api" || len(d.methods) == 0 {
		return false
	}
	for _, m := range d.methods {
		if !slices.Contains(describedMethods, m) {
			return false
		}
	}
	return true
}

// specPath is spec.apiSpec for a document of the file at dir.
func (g *generator) specPath(dir string, d *iface) string {
	return path.Join(g.opts.SpecDir, dir, d.id+".openapi.json")
}

// scheme is the security scheme of a method, by name.
func scheme(method string, scopes []string) (string, map[string]any) {
	switch method {
	case "oauth2":
		s := map[string]any{}
		for _, sc := range scopes {
			s[sc] = "Granted to clients that need it."
		}
		return "oauth", map[string]any{"type": "oauth2", "flows": map[string]any{
			"clientCredentials": map[string]any{"tokenUrl": "https://auth.kestrel.example.com/token", "scopes": s}}}
	case "oidc":
		return "oidc", map[string]any{"type": "openIdConnect", "openIdConnectUrl": "https://id.kestrel.example.com/.well-known/openid-configuration"}
	case "jwt":
		return "jwt", map[string]any{"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
	case "api-key":
		return "key", map[string]any{"type": "apiKey", "in": "header", "name": "X-API-Key"}
	case "basic":
		return "basic", map[string]any{"type": "http", "scheme": "basic"}
	default: // mtls
		return "mtls", map[string]any{"type": "mutualTLS"}
	}
}

// openapiJSON renders d's description (OpenAPI 3.1, JSON: the walk skips
// it, so it is not an inventory file).
func openapiJSON(d *iface) []byte {
	ok := map[string]any{"200": map[string]any{"description": "OK."}}
	spec := d.spec
	var servers []any
	for _, e := range d.endpoints {
		servers = append(servers, map[string]any{"url": e})
	}
	if spec.extraServer != "" {
		servers = append(servers, map[string]any{"url": spec.extraServer, "description": "Regional pilot."})
	}
	scopes := d.scopes
	if spec.extraScope != "" {
		scopes = append(slices.Clone(scopes), spec.extraScope)
	}
	schemes := map[string]any{}
	global := map[string]any{}
	for _, m := range d.methods {
		name, def := scheme(m, scopes)
		schemes[name] = def
		required := []string{} // never null: the loader reads a null as absent
		if m == "oauth2" || m == "oidc" {
			required = append(required, d.scopes...)
		}
		global[name] = required
	}
	paths := map[string]any{"/items": map[string]any{"get": map[string]any{"summary": "List items.", "responses": ok}}}
	if spec.extraMethod != "" {
		name, def := scheme(spec.extraMethod, nil)
		schemes[name] = def
		paths["/admin/items"] = map[string]any{"post": map[string]any{
			"summary": "Bulk changes.", "security": []any{map[string]any{name: []string{}}}, "responses": ok}}
	}
	if spec.extraScope != "" {
		paths["/items/export"] = map[string]any{"get": map[string]any{
			"summary": "Export items.", "security": []any{map[string]any{"oauth": []string{spec.extraScope}}}, "responses": ok}}
	}
	doc := map[string]any{
		"openapi":    "3.1.0",
		"info":       map[string]any{"title": d.name, "version": "1.0.0"},
		"servers":    servers,
		"components": map[string]any{"securitySchemes": schemes},
		"security":   []any{global},
		"paths":      paths,
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		panic(err) // plain values only
	}
	return append(b, '\n')
}
