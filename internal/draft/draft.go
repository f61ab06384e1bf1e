// Package draft writes Interface documents drafted from what an OpenAPI
// description says (internal/openapi): name and description, endpoints, TLS,
// authentication methods, scopes, a lifecycle from deprecated operations,
// versions from the servers' paths, and a pointer back at the description.
// What a description cannot know (owner, classification, logging …) is
// never invented: it is written as a "# TODO" comment, so `lint` reports it
// with clear findings until a person fills it in. The one required field a
// description cannot know, the exposure, is drafted fail-safe: internet,
// the strictest, with a TODO beside it, so a draft passes `validate` and is
// judged by every rule an exposed interface must meet.
//
// Output is stable: the same description and options give the same bytes,
// with lists sorted wherever their order means nothing.
package draft

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/ifacelint/ifacelint/internal/credential"
	"github.com/ifacelint/ifacelint/internal/openapi"
)

// Options are what the command line adds to the description.
type Options struct {
	// ID is the interface's metadata.id; empty derives it from info.title
	// (else the file name). Webhooks get ID-webhook-NAME.
	ID string
	// OwnerTeam fills metadata.owner.team.
	OwnerTeam string
	// APISpec is spec.apiSpec: the description's repository-relative path,
	// slash-separated.
	APISpec string
}

// Draft is the documents drafted from one description.
type Draft struct {
	IDs  []string // the interface's, then its webhooks'
	Text []byte   // the documents, separated by ---
}

var versionRE = regexp.MustCompile(`^[0-9][0-9.]*$`)

var idRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// maxIDLen keeps derived ids short enough to read and to extend.
const maxIDLen = 63

// ValidID reports whether id is a valid metadata.id.
func ValidID(id string) bool { return idRE.MatchString(id) && len(id) <= 253 }

// Slug turns a title into an id: lower-case ASCII letters and digits, runs
// of anything else as one dash, a dash between camelCase words, at most 63
// characters.
func Slug(s string) string {
	var b strings.Builder
	dash, lower := false, false
	for _, r := range s {
		upper := r >= 'A' && r <= 'Z'
		if upper && lower && !dash {
			b.WriteByte('-') // orderShipped: order-shipped
		}
		lower = r >= 'a' && r <= 'z' || r >= '0' && r <= '9'
		if upper || lower {
			b.WriteRune(unicode.ToLower(r))
			dash = false
		} else if b.Len() > 0 && !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	out := b.String()
	if len(out) > maxIDLen {
		out = out[:maxIDLen]
	}
	return strings.Trim(out, "-")
}

// DefaultID is the id a description gets without --id.
func DefaultID(d *openapi.Description) string {
	if id := Slug(d.Title); id != "" {
		return id
	}
	base := filepath.Base(d.File)
	if id := Slug(strings.TrimSuffix(base, filepath.Ext(base))); id != "" {
		return id
	}
	return "openapi"
}

// FromOpenAPI drafts the Interface documents of one description: the API,
// then one outbound webhook per 3.1 webhook.
func FromOpenAPI(d *openapi.Description, opts Options) (*Draft, error) {
	id := opts.ID
	if id == "" {
		id = DefaultID(d)
	}
	if opts.APISpec == "" {
		opts.APISpec = filepath.ToSlash(d.File)
	}
	if !ValidID(id) {
		return nil, fmt.Errorf("id %s: want lower-case letters, digits and dashes, starting with a letter or digit", strconv.Quote(id))
	}
	w := &writer{}
	w.header(d, opts)
	draft := &Draft{IDs: []string{id}}
	w.api(d, id, opts)
	used := map[string]bool{id: true}
	for i, hook := range d.Webhooks {
		slug := Slug(hook.Name)
		if slug == "" {
			slug = strconv.Itoa(i + 1)
		}
		hid := id + "-webhook-" + slug
		for n := 2; used[hid]; n++ {
			hid = fmt.Sprintf("%s-webhook-%s-%d", id, slug, n)
		}
		used[hid] = true
		draft.IDs = append(draft.IDs, hid)
		w.line(0, "---")
		w.webhook(d, hook, hid, opts)
	}
	draft.Text = []byte(w.b.String())
	return draft, nil
}

// writer builds the YAML text line by line.
type writer struct {
	b strings.Builder
}

func (w *writer) line(indent int, format string, args ...any) {
	w.b.WriteString(strings.Repeat("  ", indent))
	fmt.Fprintf(&w.b, format, args...)
	w.b.WriteByte('\n')
}

func (w *writer) todo(indent int, format string, args ...any) {
	w.line(indent, "# TODO "+format, args...)
}

func (w *writer) header(d *openapi.Description, opts Options) {
	version := d.Version
	if !versionRE.MatchString(version) {
		version = scalar(version)
	}
	w.line(0, "# Drafted by `ifacelint import openapi` from %s (OpenAPI %s).", scalar(opts.APISpec), version)
	w.line(0, "# A \"# TODO\" line is what the description cannot say: write it in as a")
	w.line(0, "# field and delete the comment. Until then ifacelint lint reports what is")
	w.line(0, "# missing. The exposure is drafted as internet, the strictest, so every")
	w.line(0, "# rule for an exposed interface applies until someone who knows narrows it.")
}

func (w *writer) metadata(id, name, description string, opts Options) {
	w.line(0, "apiVersion: ifacelint/v1")
	w.line(0, "kind: Interface")
	w.line(0, "metadata:")
	w.line(1, "id: %s", scalar(id))
	if name == "" {
		name = id
	}
	w.line(1, "name: %s", scalar(name))
	if description != "" {
		w.line(1, "description: %s", scalar(description))
	} else {
		w.todo(1, "description: what the interface is for (the description has none)")
	}
	if opts.OwnerTeam != "" {
		w.line(1, "owner:")
		w.line(2, "team: %s", scalar(opts.OwnerTeam))
		w.todo(2, "contact: e-mail or on-call alias of the owning team")
	} else {
		w.todo(1, "owner: {team: TEAM, contact: E-MAIL OR ON-CALL ALIAS}")
	}
	w.todo(1, "lastReviewed: YYYY-MM-DD of the last security review")
}

func (w *writer) api(d *openapi.Description, id string, opts Options) {
	w.metadata(id, d.Title, purpose(d.Description, d.Summary), opts)
	w.line(0, "spec:")
	w.line(1, "type: api")
	w.line(1, "direction: inbound  # the description's operations are served here; outbound if it describes an API you call")
	w.line(1, "exposure: internet  # TODO internet, partner or internal (who can reach it); drafted as internet, the strictest, until someone who knows narrows it")
	w.todo(1, "criticality: low, medium, high or critical")
	var absolute, relative []openapi.Server
	for _, s := range d.Servers {
		if s.Relative {
			relative = append(relative, s)
		} else {
			absolute = append(absolute, s)
		}
	}
	if len(absolute) > 0 {
		w.line(1, "endpoints:")
		for _, s := range absolute {
			if len(s.Unresolved) > 0 {
				w.line(2, "- url: %s  # TODO variables without a default: %s", scalar(s.URL), names(s.Unresolved))
			} else {
				w.line(2, "- url: %s", scalar(s.URL))
			}
		}
	} else {
		w.todo(1, "endpoints: [{url: https://…}] (the description names no absolute server URL)")
	}
	for _, s := range relative {
		w.line(1, "# server %s is relative to where the description is served: not an endpoint", scalar(s.URL))
	}
	w.lifecycle(d.Operations)
	w.versions(absolute)
	w.data()
	mtls := w.security(d, d.Operations, "operations")
	w.encryption(absolute, mtls, true)
	w.todo(1, "logging: {enabled: true, destination: SIEM, events: [authentication, access, change, error], retentionDays: 90}")
	w.todo(1, "rateLimit: {enabled: true, requestsPerMinute: N}")
	w.todo(1, "inputValidation: {enabled: true, schema: %s} (if requests are validated against the description)", scalar(opts.APISpec))
	w.todo(1, "errorHandling: {exposesDetails: false}")
	w.todo(1, "changeManagement: {process: HOW CHANGES ARE APPROVED}")
	w.line(1, "apiSpec: %s", scalar(opts.APISpec))
}

// lifecycle drafts spec.lifecycle from the operations' `deprecated`: every
// operation deprecated is a deprecated interface, which needs a sunset date;
// some deprecated are named in a comment.
func (w *writer) lifecycle(ops []openapi.Operation) {
	var deprecated []string
	for _, op := range ops {
		if op.Deprecated {
			deprecated = append(deprecated, strings.ToUpper(op.Method)+" "+op.Path)
		}
	}
	switch {
	case len(ops) > 0 && len(deprecated) == len(ops):
		w.line(1, "lifecycle: deprecated  # every operation of the description is deprecated")
		w.todo(1, "sunset: YYYY-MM-DD, the date the interface is withdrawn (at least 90 days ahead)")
	case len(deprecated) > 0:
		w.todo(1, "lifecycle: planned, experimental, production, deprecated or retired")
		w.line(1, "# deprecated in the description: %s (their withdrawal needs a notice too)", names(sortedUnique(deprecated)))
	default:
		w.todo(1, "lifecycle: planned, experimental, production, deprecated or retired")
	}
}

// pathVersionRE is a version as a path segment of a server URL: v1, v2.1.
var pathVersionRE = regexp.MustCompile(`(?i)^v[0-9]+(\.[0-9]+)*$`)

// versions drafts spec.versions when the servers name several versions in
// their paths (https://api.example.com/v1 and …/v2): one entry per
// version, with its servers as endpoints, in the order written. Which is
// current and when an old one ends the description cannot say.
func (w *writer) versions(servers []openapi.Server) {
	var order []string
	byVersion := map[string][]string{}
	for _, s := range servers {
		v := pathVersion(s.URL)
		if v == "" {
			continue
		}
		if _, seen := byVersion[v]; !seen {
			order = append(order, v)
		}
		byVersion[v] = append(byVersion[v], s.URL)
	}
	if len(order) < 2 {
		return
	}
	w.line(1, "versions:  # the servers name %d versions in their paths", len(order))
	for _, v := range order {
		w.line(2, "- version: %s", scalar(v))
		w.todo(3, "status: production, deprecated or retired; sunset: YYYY-MM-DD when deprecated")
		w.line(3, "endpoints:")
		for _, u := range byVersion[v] {
			w.line(4, "- url: %s", scalar(u))
		}
	}
	w.line(1, "versioning:")
	w.line(2, "scheme: path")
	w.todo(2, "policy: where the compatibility and deprecation policy is written (a URL)")
}

// pathVersion is the last path segment of url that reads as a version,
// lower case; "" when there is none.
func pathVersion(url string) string {
	rest := url
	if i := strings.Index(rest, "://"); i >= 0 {
		rest = rest[i+3:]
	}
	if i := strings.IndexAny(rest, "?#"); i >= 0 {
		rest = rest[:i]
	}
	segments := strings.Split(rest, "/")
	for i := len(segments) - 1; i >= 1; i-- { // segments[0] is the host
		if pathVersionRE.MatchString(segments[i]) {
			return strings.ToLower(segments[i])
		}
	}
	return ""
}

func (w *writer) webhook(d *openapi.Description, hook openapi.Webhook, id string, opts Options) {
	name := strings.TrimSpace(d.Title + " webhook " + hook.Name)
	w.metadata(id, name, purpose(hook.Description, hook.Summary), opts)
	w.line(0, "spec:")
	w.line(1, "type: webhook")
	w.line(1, "direction: outbound  # a 3.1 webhook: a request this API sends")
	w.line(1, "exposure: internet  # TODO internet, partner or internal (who receives it); drafted as internet, the strictest, until someone who knows narrows it")
	w.todo(1, "criticality: low, medium, high or critical")
	w.todo(1, "endpoints: [{url: https://…}] (the receivers' URLs; the description does not name them)")
	w.data()
	mtls := w.security(d, hook.Operations, "webhook operations")
	w.encryption(nil, mtls, false)
	w.todo(1, "secrets: {store: WHERE THE SIGNING KEY OR CREDENTIALS LIVE, rotationDays: 90}")
	w.todo(1, "logging: {enabled: true, destination: SIEM, events: [authentication, access, change, error], retentionDays: 90}")
	w.todo(1, "changeManagement: {process: HOW CHANGES ARE APPROVED}")
	w.line(1, "apiSpec: %s", scalar(opts.APISpec))
}

func (w *writer) data() {
	w.todo(1, "data:")
	w.line(1, "#   classification: public, internal, confidential or restricted")
	w.line(1, "#   categories: [pii, phi, pci, credentials, financial, intellectual-property, telemetry]")
	w.line(1, "#   flows: [{from: SYSTEM, to: SYSTEM, description: WHAT CROSSES}]")
}

// method is one authentication method and the schemes it comes from.
type method struct {
	name    string
	sources []string
}

// security writes authentication and authorization from the requirements
// of ops, and reports whether mutual TLS is required.
func (w *writer) security(d *openapi.Description, ops []openapi.Operation, what string) (mtls bool) {
	// The global requirements count for the API's operations, not for
	// webhooks (see openapi.Operation).
	declared := d.HasGlobal && what == "operations"
	var undeclared []string
	for _, op := range ops {
		if op.Declared {
			declared = true
		} else {
			undeclared = append(undeclared, strings.ToUpper(op.Method)+" "+op.Path)
		}
	}
	if !declared {
		w.todo(1, "authentication: {methods: [...]} (the description declares no security requirement for its %s)", what)
		w.todo(1, "authorization: {model: rbac, abac, scopes, acl or none}")
		return false
	}
	inUse := d.InUse(ops)
	byMethod := map[string]*method{}
	var unmapped []string
	var scopes, roles []string
	for _, u := range inUse {
		s := u.Scheme
		desc := scalar(s.Name) + ": " + scalar(s.Summary())
		if s.Method == "" {
			unmapped = append(unmapped, desc)
		} else {
			m := byMethod[s.Method]
			if m == nil {
				m = &method{name: s.Method}
				byMethod[s.Method] = m
			}
			m.sources = append(m.sources, desc)
		}
		if s.Method == "mtls" {
			mtls = true
		}
		for _, sc := range u.Scopes {
			if s.Type == "oauth2" || s.Type == "openIdConnect" {
				scopes = append(scopes, sc.Name)
			} else {
				roles = append(roles, sc.Name)
			}
		}
	}
	if op := d.AnyAnonymous(ops); op != nil {
		where := "the global security requirements allow anonymous access"
		if op.Method != "" {
			where = strings.ToUpper(op.Method) + " " + op.Path + " allows anonymous access"
		}
		byMethod["none"] = &method{name: "none", sources: []string{scalar(where)}}
	}
	list := make([]*method, 0, len(byMethod))
	for _, m := range byMethod {
		list = append(list, m)
	}
	slices.SortFunc(list, func(a, b *method) int { return strings.Compare(a.name, b.name) })
	w.line(1, "authentication:")
	if len(list) > 0 {
		w.line(2, "methods:")
		for _, m := range list {
			w.line(3, "- %s  # %s", m.name, strings.Join(m.sources, "; "))
		}
	} else {
		w.todo(2, "methods: [...]")
	}
	for _, u := range unmapped {
		w.todo(2, "method of %s (no ifacelint method matches it)", u)
	}
	if len(undeclared) > 0 {
		w.line(2, "# TODO check: %d %s declare no security (%s): OpenAPI reads that as anonymous access", len(undeclared), what, scalar(undeclared[0]))
	}
	scopes, roles = sortedUnique(scopes), sortedUnique(roles)
	w.line(1, "authorization:")
	if len(scopes) > 0 {
		w.line(2, "model: scopes")
		w.line(2, "scopes:")
		for _, s := range scopes {
			w.line(3, "- %s", scalar(s))
		}
	} else {
		w.todo(2, "model: rbac, abac, scopes, acl or none (no OAuth 2 or OpenID Connect scope is required)")
	}
	if len(roles) > 0 {
		w.line(2, "roles:")
		for _, r := range roles {
			w.line(3, "- %s", scalar(r))
		}
	}
	return mtls
}

// encryption writes encryption.inTransit from the endpoints' schemes.
func (w *writer) encryption(endpoints []openapi.Server, mtls, known bool) {
	var plain []string
	tls := 0
	for _, s := range endpoints {
		switch s.Scheme() {
		case "https", "wss":
			tls++
		case "http", "ws":
			plain = append(plain, s.URL)
		}
	}
	w.line(1, "encryption:")
	w.line(2, "inTransit:")
	switch {
	case len(plain) > 0:
		w.line(3, "tls: false  # %s is plaintext", scalar(plain[0]))
	case known && tls > 0 && tls == len(endpoints):
		w.line(3, "tls: true  # every server is https")
	default:
		w.todo(3, "tls: true or false (the description does not say)")
	}
	w.todo(3, "minVersion: \"1.2\" (the lowest TLS version accepted)")
	if mtls {
		w.line(3, "mtls: true  # a mutualTLS security scheme is required")
	}
}

// purpose is the first paragraph of a description (not a Markdown
// heading), on one line, else the summary.
func purpose(description, summary string) string {
	for _, para := range strings.Split(strings.ReplaceAll(description, "\r\n", "\n"), "\n\n") {
		para = strings.Join(strings.Fields(para), " ")
		if para != "" && !strings.HasPrefix(para, "#") {
			return para
		}
	}
	return strings.Join(strings.Fields(summary), " ")
}

func names(list []string) string {
	out := make([]string, len(list))
	for i, n := range list {
		out[i] = scalar(n)
	}
	return strings.Join(out, ", ")
}

func sortedUnique(list []string) []string {
	slices.Sort(list)
	return slices.Compact(list)
}

var plainRE = regexp.MustCompile(`^[A-Za-z/][A-Za-z0-9 _./:@()',!?-]*$`)

// plainSpecial are plain scalars YAML would not read as strings.
var plainSpecial = map[string]bool{"true": true, "false": true, "yes": true, "no": true, "on": true, "off": true, "y": true, "n": true, "null": true}

// scalar writes a string as a YAML scalar: plain when that reads back as
// the same string, else double-quoted with every control, format and
// non-printable character escaped. Credentials are redacted, as in every
// output.
func scalar(s string) string {
	s = credential.Redact(s)
	if plainRE.MatchString(s) && !strings.Contains(s, ": ") && !strings.Contains(s, " #") &&
		!strings.HasSuffix(s, ":") && !strings.HasSuffix(s, " ") && !plainSpecial[strings.ToLower(s)] {
		return s
	}
	// Go's escapes (\n, \t, \x1b, \u202e …) are all YAML double-quoted
	// escapes too.
	return strconv.Quote(s)
}
