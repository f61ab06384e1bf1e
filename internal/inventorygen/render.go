package inventorygen

import (
	"strconv"
	"strings"
)

// iface is one Interface document before rendering. Zero values and nil
// pointers are left out of the YAML.
type iface struct {
	comment     string
	id, name    string
	description string
	team        string
	contact     string
	labels      [][2]string
	reviewed    string
	waivers     []waiver

	typ, direction, exposure string
	privileged               bool
	environment, criticality string
	endpoints                []string
	classification           string
	categories, protection   []string
	flows                    []flow
	methods                  []string
	mfa                      *bool
	model                    string
	scopes, roles            []string
	svcName                  string
	svcPrivileged            *bool
	tls                      *bool
	minVersion               string
	minVersionPlain          bool // written unquoted: the schema keeps it a string
	mtls                     bool
	atRest                   *bool
	store                    string
	rotationDays             int
	sessionTimeout           int
	netAccess                string
	allowlist                []string
	rateLimit                *bool
	rpm                      int
	validation               *bool
	validationSchema         string
	exposesDetails           *bool
	logging                  *bool
	logDest                  string
	logEvents                []string
	retention                int
	alerts                   []alert
	dashboard                string
	thirdParty               string
	process, ticket          string
	approvals                int
	icd                      string
	pentest                  string
	tester                   string // securityTesting.tester, written with pentest
	starttls                 bool
	extra                    []string     // raw lines appended to spec, indented by two
	spec                     *openapiSpec // the OpenAPI description spec.apiSpec names
}

type waiver struct{ rule, reason, approvedBy, expires string }

// alert is one of spec.monitoring.alerts: typed ({kind, ref}), or a plain
// name when kind is empty.
type alert struct{ kind, ref string }

type flow struct{ from, to, description string }

// thirdParty is one ThirdParty document before rendering.
type thirdParty struct {
	id, name, description string
	team, contact         string
	reviewed              string
	vendorID              string
	services              string
	assessed, result      string
	reviewer              string
	dpa                   *bool
	addendum              bool
	expires               string
	certs                 []string
	tier                  string
	baa                   *bool
	breachHours           int // 0: none
	assurance             []assurance
	conditions            []condition
	subprocessors         []string
}

type assurance struct{ typ, end string }

type condition struct {
	description, due string
	met              bool
}

func ptr[T any](v T) *T { return &v }

// writer renders YAML the way people write it: block style for structure,
// flow style now and then for short maps and lists (the rng decides, so the
// output stays deterministic).
type writer struct {
	b strings.Builder
	r *rng
}

func (w *writer) line(indent int, s string) {
	for range indent {
		w.b.WriteString("  ")
	}
	w.b.WriteString(s)
	w.b.WriteByte('\n')
}

func (w *writer) kv(indent int, key, value string) { w.line(indent, key+": "+value) }

// text writes a long string, folded (`>-`) when it is long.
func (w *writer) text(indent int, key, s string) {
	if len(s) < 70 || w.r.chance(0.3) {
		w.kv(indent, key, scalar(s, false))
		return
	}
	w.line(indent, key+": >-")
	for _, l := range wrapWords(s, 76-2*(indent+1)) {
		w.line(indent+1, l)
	}
}

// list writes a list of scalars in flow or block style.
func (w *writer) list(indent int, key string, items []string, flowStyle bool) {
	if len(items) == 0 {
		return
	}
	if flowStyle {
		parts := make([]string, len(items))
		for i, it := range items {
			parts[i] = scalar(it, true)
		}
		w.kv(indent, key, "["+strings.Join(parts, ", ")+"]")
		return
	}
	w.line(indent, key+":")
	for _, it := range items {
		w.line(indent+1, "- "+scalar(it, false))
	}
}

func (w *writer) date(indent int, key, d string) {
	if w.r.chance(0.15) {
		d = strconv.Quote(d)
	}
	w.kv(indent, key, d)
}

func boolText(b bool) string { return strconv.FormatBool(b) }

// scalar quotes s when a plain scalar would be read differently.
func scalar(s string, inFlow bool) string {
	if plainOK(s, inFlow) {
		return s
	}
	return strconv.Quote(s)
}

func plainOK(s string, inFlow bool) bool {
	if s == "" {
		return false
	}
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "null", "~", "y", "n":
		return false
	}
	if strings.ContainsAny(s[:1], "-?:,[]{}#&*!|>'\"%@` 0123456789") {
		return false
	}
	if strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") || strings.HasSuffix(s, " ") {
		return false
	}
	if inFlow && strings.ContainsAny(s, ",[]{}") {
		return false
	}
	return true
}

func wrapWords(s string, width int) []string {
	var lines []string
	cur := ""
	for _, word := range strings.Fields(s) {
		if cur != "" && len(cur)+1+len(word) > width {
			lines = append(lines, cur)
			cur = ""
		}
		if cur != "" {
			cur += " "
		}
		cur += word
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

func (w *writer) header(kind string) {
	if w.r.chance(0.2) {
		// The editor schema (schema --editor) as the repository holds it:
		// a URL the project controls, which the language server can fetch.
		w.line(0, "# yaml-language-server: $schema=https://raw.githubusercontent.com/ifacelint/ifacelint/main/internal/schema/testdata/editor.schema.json")
	}
	w.kv(0, "apiVersion", "ifacelint/v1")
	w.kv(0, "kind", kind)
}

func (w *writer) owner(team, contact string) {
	switch {
	case team == "" && contact == "":
	case w.r.chance(0.6) && team != "" && contact != "":
		w.kv(1, "owner", "{team: "+scalar(team, true)+", contact: "+scalar(contact, true)+"}")
	default:
		w.line(1, "owner:")
		if team != "" {
			w.kv(2, "team", scalar(team, false))
		}
		if contact != "" {
			w.kv(2, "contact", scalar(contact, false))
		}
	}
}

func (w *writer) iface(d *iface) {
	if d.comment != "" {
		w.line(0, "# "+d.comment)
	}
	w.header("Interface")
	w.line(0, "metadata:")
	w.kv(1, "id", d.id)
	w.kv(1, "name", scalar(d.name, false))
	if d.description != "" {
		w.text(1, "description", d.description)
	}
	w.owner(d.team, d.contact)
	if len(d.labels) > 0 {
		parts := make([]string, len(d.labels))
		for i, l := range d.labels {
			parts[i] = l[0] + ": " + scalar(l[1], true)
		}
		w.kv(1, "labels", "{"+strings.Join(parts, ", ")+"}")
	}
	if d.reviewed != "" {
		w.date(1, "lastReviewed", d.reviewed)
	}
	if len(d.waivers) > 0 {
		w.line(1, "waivers:")
		for _, wv := range d.waivers {
			first := true
			field := func(key, value string) {
				if value == "" {
					return
				}
				if first {
					w.line(2, "- "+key+": "+value)
					first = false
				} else {
					w.kv(3, key, value)
				}
			}
			field("rule", wv.rule)
			field("reason", scalar(wv.reason, false))
			field("approvedBy", wv.approvedBy)
			field("expires", wv.expires)
		}
	}

	w.line(0, "spec:")
	w.kv(1, "type", d.typ)
	w.kv(1, "direction", d.direction)
	w.kv(1, "exposure", d.exposure)
	if d.privileged {
		w.kv(1, "privileged", "true")
	}
	if d.environment != "" {
		w.kv(1, "environment", d.environment)
	}
	if d.criticality != "" {
		w.kv(1, "criticality", d.criticality)
	}
	if len(d.endpoints) > 0 {
		w.line(1, "endpoints:")
		for _, u := range d.endpoints {
			w.line(2, "- url: "+u)
		}
	}
	if d.classification != "" || len(d.categories) > 0 || len(d.protection) > 0 || len(d.flows) > 0 {
		w.line(1, "data:")
		if d.classification != "" {
			w.kv(2, "classification", d.classification)
		}
		w.list(2, "categories", d.categories, w.r.chance(0.8))
		w.list(2, "protection", d.protection, w.r.chance(0.8))
		if len(d.flows) > 0 {
			w.line(2, "flows:")
			for _, f := range d.flows {
				if f.from != "" {
					w.line(3, "- from: "+f.from)
				} else {
					w.line(3, "- description: "+scalar(f.description, false))
				}
				if f.to != "" {
					w.kv(4, "to", f.to)
				}
				if f.from != "" && f.description != "" {
					w.kv(4, "description", scalar(f.description, false))
				}
			}
		}
	}
	if len(d.methods) > 0 || d.mfa != nil {
		w.line(1, "authentication:")
		w.list(2, "methods", d.methods, true)
		if d.mfa != nil {
			w.kv(2, "mfa", boolText(*d.mfa))
		}
	}
	if d.model != "" || len(d.scopes) > 0 || len(d.roles) > 0 || d.svcName != "" {
		w.line(1, "authorization:")
		if d.model != "" {
			w.kv(2, "model", d.model)
		}
		w.list(2, "scopes", d.scopes, w.r.chance(0.4))
		w.list(2, "roles", d.roles, w.r.chance(0.6))
		if d.svcName != "" {
			sa := "{name: " + d.svcName
			if d.svcPrivileged != nil {
				sa += ", privileged: " + boolText(*d.svcPrivileged)
			}
			w.kv(2, "serviceAccount", sa+"}")
		}
	}
	if d.tls != nil || d.minVersion != "" || d.atRest != nil {
		w.line(1, "encryption:")
		if d.tls != nil || d.minVersion != "" {
			var parts []string
			if d.tls != nil {
				parts = append(parts, "tls: "+boolText(*d.tls))
			}
			if d.minVersion != "" {
				v := strconv.Quote(d.minVersion)
				if d.minVersionPlain {
					v = d.minVersion
				}
				parts = append(parts, "minVersion: "+v)
			}
			if d.mtls {
				parts = append(parts, "mtls: true")
			}
			if d.starttls {
				parts = append(parts, "starttls: true")
			}
			w.kv(2, "inTransit", "{"+strings.Join(parts, ", ")+"}")
		}
		if d.atRest != nil {
			w.kv(2, "atRest", "{enabled: "+boolText(*d.atRest)+"}")
		}
	}
	if d.store != "" || d.rotationDays > 0 {
		var parts []string
		if d.store != "" {
			parts = append(parts, "store: "+d.store)
		}
		if d.rotationDays > 0 {
			parts = append(parts, "rotationDays: "+strconv.Itoa(d.rotationDays))
		}
		w.kv(1, "secrets", "{"+strings.Join(parts, ", ")+"}")
	}
	if d.sessionTimeout > 0 {
		w.kv(1, "session", "{timeoutMinutes: "+strconv.Itoa(d.sessionTimeout)+"}")
	}
	if d.netAccess != "" || len(d.allowlist) > 0 {
		w.line(1, "network:")
		if d.netAccess != "" {
			w.kv(2, "access", d.netAccess)
		}
		w.list(2, "allowlist", d.allowlist, false)
	}
	if d.rateLimit != nil {
		rl := "{enabled: " + boolText(*d.rateLimit)
		if d.rpm > 0 {
			rl += ", requestsPerMinute: " + strconv.Itoa(d.rpm)
		}
		w.kv(1, "rateLimit", rl+"}")
	}
	if d.validation != nil {
		iv := "{enabled: " + boolText(*d.validation)
		if d.validationSchema != "" {
			iv += ", schema: " + d.validationSchema
		}
		w.kv(1, "inputValidation", iv+"}")
	}
	if d.exposesDetails != nil {
		w.kv(1, "errorHandling", "{exposesDetails: "+boolText(*d.exposesDetails)+"}")
	}
	if d.logging != nil {
		w.line(1, "logging:")
		w.kv(2, "enabled", boolText(*d.logging))
		if d.logDest != "" {
			w.kv(2, "destination", d.logDest)
		}
		w.list(2, "events", d.logEvents, true)
		if d.retention > 0 {
			w.kv(2, "retentionDays", strconv.Itoa(d.retention))
		}
	}
	if len(d.alerts) > 0 || d.dashboard != "" {
		w.line(1, "monitoring:")
		w.alerts(d.alerts)
		if d.dashboard != "" {
			w.kv(2, "dashboard", d.dashboard)
		}
	}
	if d.thirdParty != "" {
		w.kv(1, "thirdParty", d.thirdParty)
	}
	if d.process != "" || d.ticket != "" {
		var parts []string
		if d.process != "" {
			parts = append(parts, "process: "+d.process)
		}
		if d.ticket != "" {
			parts = append(parts, "ticket: "+d.ticket)
		}
		if d.approvals > 0 {
			parts = append(parts, "approvals: "+strconv.Itoa(d.approvals))
		}
		w.kv(1, "changeManagement", "{"+strings.Join(parts, ", ")+"}")
	}
	if d.icd != "" {
		w.kv(1, "icd", d.icd)
	}
	if d.pentest != "" {
		w.line(1, "securityTesting:")
		w.date(2, "lastPentest", d.pentest)
		if d.tester != "" {
			w.kv(2, "tester", d.tester)
		}
	}
	for _, l := range d.extra {
		w.line(1, l)
	}
}

// alerts writes spec.monitoring.alerts: typed alerts in flow or block
// style, plain names as scalars.
func (w *writer) alerts(alerts []alert) {
	if len(alerts) == 0 {
		return
	}
	w.line(2, "alerts:")
	block := w.r.chance(0.3)
	for _, a := range alerts {
		switch {
		case a.kind == "":
			w.line(3, "- "+scalar(a.ref, false))
		case block:
			w.line(3, "- kind: "+a.kind)
			w.kv(4, "ref", scalar(a.ref, false))
		default:
			w.line(3, "- {kind: "+a.kind+", ref: "+scalar(a.ref, true)+"}")
		}
	}
}

func (w *writer) thirdParty(t *thirdParty) {
	w.header("ThirdParty")
	w.line(0, "metadata:")
	w.kv(1, "id", t.id)
	w.kv(1, "name", scalar(t.name, false))
	w.text(1, "description", t.description)
	w.owner(t.team, t.contact)
	w.kv(1, "labels", "{tier: "+pick(w.r, []string{"critical-supplier", "important-supplier", "standard-supplier"})+"}")
	w.date(1, "lastReviewed", t.reviewed)
	w.kv(1, "x-vendor-id", t.vendorID)
	w.line(0, "spec:")
	w.kv(1, "services", scalar(t.services, false))
	if t.tier != "" {
		w.kv(1, "tier", t.tier)
	}
	w.line(1, "assessment:")
	if t.assessed != "" {
		w.date(2, "date", t.assessed)
	}
	w.kv(2, "result", t.result)
	w.kv(2, "reviewer", t.reviewer)
	if len(t.conditions) > 0 {
		w.line(2, "conditions:")
		for _, c := range t.conditions {
			w.kv(3, "- description", scalar(c.description, false))
			w.date(4, "due", c.due)
			if c.met {
				w.kv(4, "met", "true")
			}
		}
	}
	w.line(1, "contract:")
	if t.dpa != nil {
		w.kv(2, "dpa", boolText(*t.dpa))
	}
	if t.baa != nil {
		w.kv(2, "baa", boolText(*t.baa))
	}
	w.kv(2, "securityAddendum", boolText(t.addendum))
	w.date(2, "expires", t.expires)
	if t.breachHours > 0 {
		w.kv(2, "breachNotificationHours", strconv.Itoa(t.breachHours))
	}
	w.list(1, "certifications", t.certs, true)
	if len(t.assurance) > 0 {
		w.line(1, "assurance:")
		for _, a := range t.assurance {
			w.kv(2, "- type", a.typ)
			w.date(3, "periodEnd", a.end)
		}
	}
	w.list(1, "subprocessors", t.subprocessors, w.r.chance(0.5))
}
