package openapi

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Location is where a fact comes from: the file (as given, or joined to
// the referencing file's directory for a followed $ref), line and column.
type Location struct {
	File   string
	Line   int
	Column int
}

func (l Location) String() string { return fmt.Sprintf("%s:%d:%d", l.File, l.Line, l.Column) }

// Description is what an OpenAPI description says about its interface.
type Description struct {
	// File is the description's path as given; Files every file read,
	// the description first, then the files $refs led to, as given or
	// joined.
	File  string
	Files []string
	// Paths of the files read, absolute and with symlinks resolved, in
	// the order of Files.
	RealFiles []string

	// Version is the `swagger` or `openapi` field as written ("2.0",
	// "3.0.3", "3.1.0"); Major and Minor its first two numbers.
	Version      string
	Major, Minor int

	Title       string
	Summary     string // info.summary (3.1)
	Description string // info.description
	InfoAt      Location

	// Servers are the description's servers: the top-level ones (2.0:
	// one per scheme, from schemes, host and basePath) then those of path
	// items and operations, in source order, variables expanded with
	// their defaults.
	Servers []Server

	// Schemes are the security schemes defined (securityDefinitions,
	// components.securitySchemes), by name; without those whose $ref
	// leads to a URL or out of the repository (unreadSchemes: the error a
	// requirement naming one gets, at the $ref).
	Schemes       map[string]*SecurityScheme
	unreadSchemes map[string]*Error

	// Global is the top-level security requirement list; nil when absent.
	Global      []Requirement
	GlobalAt    Location
	HasGlobal   bool
	Operations  []Operation // the operations of paths, by path then method
	Webhooks    []Webhook   // 3.1 webhooks, by name
	WebhooksAt  Location
	HasWebhooks bool

	// Unresolved are the $refs left unresolved (UnresolvedRef), in the
	// order of the files read and their keys.
	Unresolved []UnresolvedRef
}

// Unresolved are the $refs to a URL, to an absolute path or to a file
// outside the repository that no fact depends on (a schema, an example, a
// security scheme no requirement names): left unresolved and never
// fetched. A fact that depends on one is an *Error at it instead.
type UnresolvedRef struct {
	Ref string
	Why string // "is a URL", "is an absolute path", "leads outside the repository"
	At  Location
}

// Notice is the one line that says the description holds such $refs: the
// first (a URL without its user information: a token written there is not
// printed), and how many more; "" when it holds none.
func (d *Description) Notice() string {
	if len(d.Unresolved) == 0 {
		return ""
	}
	u := d.Unresolved[0]
	s := fmt.Sprintf("%s: $ref %s %s: left unresolved and never fetched; nothing import and the drift rules read depends on it",
		u.At, strconv.Quote(userInfo.ReplaceAllString(u.Ref, "${1}")), u.Why)
	switch n := len(d.Unresolved) - 1; n {
	case 0:
	case 1:
		s += " (and 1 more such $ref)"
	default:
		s += fmt.Sprintf(" (and %d more such $refs)", n)
	}
	return s
}

// Server is one server URL.
type Server struct {
	// URL is the URL with its variables replaced by their defaults.
	URL string
	// Raw is the URL as written (2.0: as assembled).
	Raw string
	// Relative is true when the URL has no scheme and host: it is relative
	// to where the description is served, which the description cannot say.
	Relative bool
	// Unresolved names variables the URL uses that have no default.
	Unresolved []string
	At         Location
}

// Scheme is the URL's scheme, lower case ("https"), or "" when relative.
func (s Server) Scheme() string {
	if s.Relative {
		return ""
	}
	scheme, _, _ := strings.Cut(s.URL, "://")
	return strings.ToLower(scheme)
}

// SecurityScheme is one security scheme definition.
type SecurityScheme struct {
	Name string
	// Type as written: apiKey, http, oauth2, openIdConnect, mutualTLS, or
	// basic (2.0).
	Type         string
	Scheme       string   // http: basic, bearer, digest …
	BearerFormat string   // http bearer
	In           string   // apiKey: header, query, cookie
	ParamName    string   // apiKey: the header, query or cookie name
	Flows        []string // oauth2: flow names, sorted (2.0: the flow)
	// Method is the inventory's authentication method for this scheme
	// (api-key, basic, jwt, mtls, oauth2, oidc, password, sso), or "" when
	// none matches.
	Method string
	At     Location
}

// Summary describes the scheme in a few words: "apiKey in header X-API-Key".
func (s *SecurityScheme) Summary() string {
	switch s.Type {
	case "apiKey":
		return fmt.Sprintf("apiKey in %s %s", s.In, s.ParamName)
	case "http":
		if s.BearerFormat != "" {
			return fmt.Sprintf("http %s, bearerFormat %s", s.Scheme, s.BearerFormat)
		}
		return "http " + s.Scheme
	case "oauth2":
		if len(s.Flows) > 0 {
			return "oauth2 " + strings.Join(s.Flows, ", ")
		}
	}
	return s.Type
}

// Requirement is one security requirement object: every scheme it names
// is required together. An empty one ({}) allows anonymous access.
type Requirement struct {
	Uses []SchemeUse // by scheme name
	At   Location
}

// SchemeUse is one scheme named in a requirement, with the scopes (OAuth 2,
// OpenID Connect) or, for other schemes in 3.1, roles it lists.
type SchemeUse struct {
	Name   string
	Scopes []Scope // in source order
	At     Location
}

// Scope is one scope or role name of a requirement.
type Scope struct {
	Name string
	At   Location
}

// Operation is one operation of a path item.
type Operation struct {
	Path   string // the paths key, or the webhook name
	Method string // lower case: get, post …
	At     Location
	// Security is the requirement list in effect: the operation's own
	// when it has one (Own), else, for an operation of paths, the global
	// one. Declared is false when neither applies: OpenAPI reads that as
	// no security, but it is as often an unfinished description. A
	// webhook's operations never take the global requirements, which say
	// how clients call the API, not how receivers check what it sends.
	Security []Requirement
	Own      bool
	Declared bool
	// Deprecated is the operation's `deprecated: true`.
	Deprecated bool
}

// Anonymous reports whether the operation can be called without
// credentials as declared: an empty requirement ({}) or an empty list
// (security: []).
func (o Operation) Anonymous() bool {
	if !o.Declared {
		return false
	}
	if len(o.Security) == 0 {
		return true
	}
	return slices.ContainsFunc(o.Security, func(r Requirement) bool { return len(r.Uses) == 0 })
}

// Webhook is one entry of a 3.1 description's webhooks: a request the API
// sends.
type Webhook struct {
	Name        string
	Summary     string // the path item's, else its first operation's
	Description string
	At          Location
	Operations  []Operation
}

// SchemeInUse is a security scheme some operation requires, with every
// scope any operation requires of it.
type SchemeInUse struct {
	Scheme *SecurityScheme
	// FirstUse is where the first requirement (global, then by path and
	// method) names the scheme.
	FirstUse Location
	// Scopes are the scopes required, sorted, each at its first use.
	Scopes []Scope
}

// InUse returns the schemes the operations require, sorted by name; ops is
// d.Operations or a webhook's. Without operations, the global requirements
// count (a description that declares security but no paths yet).
func (d *Description) InUse(ops []Operation) []SchemeInUse {
	byName := map[string]*SchemeInUse{}
	seen := map[[2]string]bool{}
	add := func(reqs []Requirement) {
		for _, r := range reqs {
			for _, u := range r.Uses {
				s, ok := byName[u.Name]
				if !ok {
					s = &SchemeInUse{Scheme: d.Schemes[u.Name], FirstUse: u.At}
					byName[u.Name] = s
				}
				for _, sc := range u.Scopes {
					if !seen[[2]string{u.Name, sc.Name}] {
						seen[[2]string{u.Name, sc.Name}] = true
						s.Scopes = append(s.Scopes, sc)
					}
				}
			}
		}
	}
	if len(ops) == 0 {
		add(d.Global)
	}
	for _, op := range ops {
		add(op.Security)
	}
	out := make([]SchemeInUse, 0, len(byName))
	for _, s := range byName {
		slices.SortFunc(s.Scopes, func(a, b Scope) int { return strings.Compare(a.Name, b.Name) })
		out = append(out, *s)
	}
	slices.SortFunc(out, func(a, b SchemeInUse) int { return strings.Compare(a.Scheme.Name, b.Scheme.Name) })
	return out
}

// AnyAnonymous returns the first operation of ops that allows anonymous
// access, or nil; with no operations, the global requirements decide.
func (d *Description) AnyAnonymous(ops []Operation) *Operation {
	if len(ops) == 0 && d.HasGlobal {
		g := Operation{Security: d.Global, Declared: true, At: d.GlobalAt}
		if g.Anonymous() {
			return &g
		}
	}
	for i := range ops {
		if ops[i].Anonymous() {
			return &ops[i]
		}
	}
	return nil
}
