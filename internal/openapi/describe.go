package openapi

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// methods are the operations of a path item, in the order OpenAPI lists
// them.
var methods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

var versionRE = regexp.MustCompile(`^(\d+)\.(\d+)(\.\d+)?$`)

// describe reads the facts from the description's root.
func (l *loader) describe(src *source) (*Description, error) {
	root := node{src: src, v: src.doc.Value}
	if root.obj() == nil {
		return nil, root.errorf("not an OpenAPI description: the top level is not a mapping")
	}
	d := &Description{File: src.display, Schemes: map[string]*SecurityScheme{}, unreadSchemes: map[string]*Error{}}
	var ver node
	switch {
	case root.has("openapi"):
		ver = root.get("openapi")
	case root.has("swagger"):
		ver = root.get("swagger")
	default:
		return nil, root.errorf("not an OpenAPI description: it has neither an openapi nor a swagger field")
	}
	d.Version = ver.str()
	m := versionRE.FindStringSubmatch(d.Version)
	if m != nil {
		d.Major, _ = strconv.Atoi(m[1])
		d.Minor, _ = strconv.Atoi(m[2])
	}
	switch {
	case m == nil,
		root.has("swagger") && !(d.Major == 2 && d.Minor == 0),
		root.has("openapi") && !(d.Major == 3 && (d.Minor == 0 || d.Minor == 1)):
		return nil, ver.errorf("OpenAPI version %s is not supported: want swagger 2.0, or openapi 3.0.x or 3.1.x", strconv.Quote(d.Version))
	}

	info := root.get("info")
	d.InfoAt = info.at()
	d.Title = strings.TrimSpace(info.get("title").str())
	d.Summary = strings.TrimSpace(info.get("summary").str())
	d.Description = strings.TrimSpace(info.get("description").str())

	if d.Major == 2 {
		d.Servers = swaggerServers(root)
	} else {
		d.Servers = servers(root.get("servers"))
	}
	if err := l.securitySchemes(d, root); err != nil {
		return nil, err
	}
	if root.has("security") {
		g := root.get("security")
		reqs, err := requirements(d, g)
		if err != nil {
			return nil, err
		}
		d.Global, d.GlobalAt, d.HasGlobal = reqs, g.at(), true
	}

	paths := root.get("paths")
	for _, p := range sortedKeys(paths.obj()) {
		ops, srvs, err := l.pathItem(d, paths.get(p), p, true)
		if err != nil {
			return nil, err
		}
		d.Operations = append(d.Operations, ops...)
		d.Servers = append(d.Servers, srvs...)
	}
	d.Servers = dedupServers(d.Servers)

	if d.Major == 3 && d.Minor >= 1 && root.has("webhooks") {
		hooks := root.get("webhooks")
		d.HasWebhooks, d.WebhooksAt = true, hooks.at()
		for _, name := range sortedKeys(hooks.obj()) {
			entry := hooks.get(name)
			item, err := l.resolve(entry)
			if err != nil {
				return nil, err
			}
			ops, _, err := l.pathItem(d, entry, name, false)
			if err != nil {
				return nil, err
			}
			w := Webhook{Name: name, At: entry.at(), Operations: ops,
				Summary: strings.TrimSpace(item.get("summary").str()), Description: strings.TrimSpace(item.get("description").str())}
			for _, m := range methods {
				if op := item.get(m); op.obj() != nil {
					if w.Summary == "" {
						w.Summary = strings.TrimSpace(op.get("summary").str())
					}
					if w.Description == "" {
						w.Description = strings.TrimSpace(op.get("description").str())
					}
				}
			}
			d.Webhooks = append(d.Webhooks, w)
		}
	}
	return d, nil
}

// pathItem reads the operations and servers of one path item (a $ref is
// followed). Operations without security of their own take the global
// requirements when global is true: a webhook's operations do not, since
// the global requirements say how clients call the API, not how a
// receiver authenticates the requests the API sends.
func (l *loader) pathItem(d *Description, entry node, name string, global bool) ([]Operation, []Server, error) {
	item, err := l.resolve(entry)
	if err != nil {
		return nil, nil, err
	}
	if item.v != nil && item.obj() == nil {
		return nil, nil, item.errorf("%s: a path item is a mapping", strconv.Quote(name))
	}
	var srvs []Server
	if d.Major == 3 {
		srvs = servers(item.get("servers"))
	}
	var ops []Operation
	for _, m := range methods {
		opNode := item.get(m)
		if opNode.v == nil {
			continue
		}
		if opNode.obj() == nil {
			return nil, nil, opNode.errorf("%s %s: an operation is a mapping", m, strconv.Quote(name))
		}
		op := Operation{Path: name, Method: m, At: opNode.at()}
		// Plain scalars keep their source text: `deprecated: true` is "true".
		switch v := opNode.get("deprecated").v.(type) {
		case bool:
			op.Deprecated = v
		case string:
			op.Deprecated = v == "true"
		}
		switch {
		case opNode.has("security"):
			sec := opNode.get("security")
			if op.Security, err = requirements(d, sec); err != nil {
				return nil, nil, err
			}
			op.Own, op.Declared = true, true
		case global && d.HasGlobal:
			op.Security, op.Declared = d.Global, true
		}
		if d.Major == 3 {
			srvs = append(srvs, servers(opNode.get("servers"))...)
		}
		ops = append(ops, op)
	}
	return ops, srvs, nil
}

// securitySchemes reads securityDefinitions (2.0) or
// components.securitySchemes (3.x), following $refs.
func (l *loader) securitySchemes(d *Description, root node) error {
	defs := root.get("securityDefinitions")
	if d.Major == 3 {
		defs = root.get("components").get("securitySchemes")
	}
	for _, name := range allKeys(defs.obj()) {
		entry := defs.get(name)
		def, err := l.resolve(entry)
		if e := (*Error)(nil); errors.As(err, &e) && e.external {
			// Never read; an error only for a requirement that names it.
			d.unreadSchemes[name] = e
			continue
		}
		if err != nil {
			return err
		}
		if def.obj() == nil {
			return entry.errorf("security scheme %s is not a mapping", strconv.Quote(name))
		}
		s := &SecurityScheme{Name: name, At: entry.at(),
			Type:         def.get("type").str(),
			Scheme:       strings.ToLower(def.get("scheme").str()),
			BearerFormat: def.get("bearerFormat").str(),
			In:           def.get("in").str(),
			ParamName:    def.get("name").str(),
		}
		if d.Major == 2 {
			if f := def.get("flow").str(); f != "" {
				s.Flows = []string{f}
			}
		} else {
			s.Flows = sortedKeys(def.get("flows").obj())
		}
		s.Method = method(s)
		d.Schemes[name] = s
	}
	return nil
}

// method maps a scheme onto the inventory's authentication methods.
func method(s *SecurityScheme) string {
	switch s.Type {
	case "basic":
		return "basic"
	case "apiKey":
		return "api-key"
	case "oauth2":
		return "oauth2"
	case "openIdConnect":
		return "oidc"
	case "mutualTLS":
		return "mtls"
	case "http":
		switch s.Scheme {
		case "basic":
			return "basic"
		case "bearer":
			// A bearer token is a JWT when the description says so; an
			// opaque one is a key the client presents.
			if strings.Contains(strings.ToLower(s.BearerFormat), "jwt") {
				return "jwt"
			}
			return "api-key"
		case "digest":
			return "password"
		case "negotiate":
			return "sso"
		}
	}
	return ""
}

// requirements reads a security requirement list.
func requirements(d *Description, list node) ([]Requirement, error) {
	if list.v != nil && list.list() == nil {
		return nil, list.errorf("security is a list of security requirements")
	}
	reqs := []Requirement{}
	for i := range list.list() {
		item := list.index(i)
		if item.v != nil && item.obj() == nil {
			return nil, item.errorf("a security requirement is a mapping of scheme names to scopes")
		}
		r := Requirement{At: item.at()}
		for _, name := range allKeys(item.obj()) {
			use := item.get(name)
			if e, ok := d.unreadSchemes[name]; ok {
				return nil, &Error{At: e.At, Msg: fmt.Sprintf("security scheme %s, which a security requirement names (%s): %s", strconv.Quote(name), use.at(), e.Msg)}
			}
			if _, ok := d.Schemes[name]; !ok {
				return nil, use.errorf("security requirement names %s, which the description does not define as a security scheme", strconv.Quote(name))
			}
			u := SchemeUse{Name: name, At: use.at()}
			for j, sc := range use.list() {
				s, ok := sc.(string)
				if !ok {
					return nil, use.index(j).errorf("a scope is a string")
				}
				u.Scopes = append(u.Scopes, Scope{Name: s, At: use.index(j).at()})
			}
			r.Uses = append(r.Uses, u)
		}
		reqs = append(reqs, r)
	}
	return reqs, nil
}

var variableRE = regexp.MustCompile(`\{([^{}]*)\}`)

// servers reads a 3.x server list.
func servers(list node) []Server {
	var out []Server
	for i := range list.list() {
		item := list.index(i)
		raw := item.get("url").str()
		if raw == "" {
			continue
		}
		s := Server{Raw: raw, At: item.at()}
		vars := item.get("variables")
		s.URL = variableRE.ReplaceAllStringFunc(raw, func(m string) string {
			name := m[1 : len(m)-1]
			def, ok := vars.get(name).obj()["default"].(string)
			if !ok {
				s.Unresolved = append(s.Unresolved, name)
				return m
			}
			return def
		})
		s.Relative = relative(s.URL)
		out = append(out, s)
	}
	return out
}

// swaggerServers assembles 2.0 servers: one per scheme, from host and
// basePath. Without host or schemes the description is served from where
// it is read: a relative server.
func swaggerServers(root node) []Server {
	host := root.get("host")
	base := root.get("basePath").str()
	if base == "/" {
		base = ""
	}
	schemes := root.get("schemes")
	if host.str() == "" || len(schemes.list()) == 0 {
		at := root.at()
		if host.str() != "" {
			at = host.at()
		}
		path := base
		if host.str() != "" {
			path = "//" + host.str() + base
		}
		if path == "" {
			path = "/"
		}
		return []Server{{URL: path, Raw: path, Relative: true, At: at}}
	}
	var out []Server
	for i := range schemes.list() {
		sc := schemes.index(i)
		u := strings.ToLower(sc.str()) + "://" + host.str() + base
		out = append(out, Server{URL: u, Raw: u, At: sc.at()})
	}
	return out
}

var absoluteURL = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*://[^/]`)

// relative reports whether a server URL lacks a scheme and host.
func relative(s string) bool { return !absoluteURL.MatchString(s) }

func dedupServers(in []Server) []Server {
	seen := map[string]bool{}
	out := in[:0]
	for _, s := range in {
		if !seen[s.URL] {
			seen[s.URL] = true
			out = append(out, s)
		}
	}
	return slices.Clip(out)
}

// sortedKeys returns the keys of m, sorted, without x- extensions.
func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		if !strings.HasPrefix(k, "x-") {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// allKeys returns the keys of m, sorted.
func allKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
