package inventorygen

import (
	"fmt"
	"path"
	"strings"
)

// interfaceFile writes one file of docs Interface documents.
func (g *generator) interfaceFile(docs int) error {
	if g.inDir == g.opts.FilesPerDir {
		g.folder++
		g.inDir = 0
		g.earlier = g.earlier[:0]
	}
	dom := domains[g.folder%len(domains)]
	system := dom.systems[(g.folder/len(domains))%len(dom.systems)]
	dir := fmt.Sprintf("%s/%s/batch-%03d", dom.name, system, g.folder)

	type entry struct {
		d *iface
		v *violation
	}
	entries := make([]entry, docs)
	for k := range entries {
		g.seq++
		var v *violation
		if g.plants() && g.r.chance(g.opts.ViolationRate) {
			v = g.nextViolation()
		}
		var typ string
		if v != nil && len(v.types) > 0 {
			typ = pick(g.r, v.types)
		} else {
			typ = weighted(g.r, types, typeWeights)
		}
		s := g.randomShape(typ)
		if v != nil && v.shape != nil {
			v.shape(g, &s)
		}
		entries[k] = entry{g.build(s, dom, system), v}
	}
	ext := ".yaml"
	if g.r.chance(0.2) {
		ext = ".yml"
	}
	name := entries[0].d.id + ext
	if docs > 1 {
		name = entries[0].d.id + "-and-related" + ext
	}
	for _, e := range entries {
		switch {
		case e.v != nil && e.v.apply(g, e.d, name):
			g.m.Findings[e.v.rule]++
			g.m.Planted++
		default:
			g.maybeWaive(e.d)
			g.heavy(e.d)
		}
	}
	for _, e := range entries {
		d := e.d
		if d.spec == nil && e.v == nil && canDescribe(d) {
			if g.apis++; g.apis%describeEvery == 0 {
				d.spec = &openapiSpec{}
			}
		}
		if d.spec == nil {
			continue
		}
		p := g.specPath(dir, d)
		d.extra = append(d.extra, "apiSpec: "+p)
		if !d.spec.missing {
			if err := g.writeDescription(path.Join(dir, d.id+".openapi.json"), openapiJSON(d)); err != nil {
				return err
			}
		}
	}
	w := &writer{r: g.r}
	for k, e := range entries {
		if k > 0 {
			w.line(0, "---")
		}
		w.iface(e.d)
	}
	for _, e := range entries {
		g.earlier = append(g.earlier, prior{file: name, id: e.d.id})
	}
	g.inDir++
	return g.write(path.Join(dir, name), []byte(w.b.String()), docs)
}

// nextViolation deals the violations like cards: every rule once, in a
// shuffled order, then again; a few dozen planted documents cover them all.
func (g *generator) nextViolation() *violation {
	if len(g.deck) == 0 {
		g.deck = make([]int, len(violations))
		for i := range g.deck {
			g.deck[i] = i
		}
		for i := len(g.deck) - 1; i > 0; i-- {
			j := g.r.intn(i + 1)
			g.deck[i], g.deck[j] = g.deck[j], g.deck[i]
		}
	}
	v := &violations[g.deck[0]]
	g.deck = g.deck[1:]
	return v
}

// heavy breaks three or four rules of heavyViolations in a document
// without a planted violation when Options.Heavy is set; otherwise it
// draws nothing from the generator's random numbers, so the default
// inventory is unchanged.
func (g *generator) heavy(d *iface) {
	if !g.opts.Heavy || !g.plants() {
		return
	}
	n := 3
	if g.r.chance(0.5) {
		n = 4
	}
	order := []int{0, 1, 2, 3}
	for i := len(order) - 1; i > 0; i-- {
		j := g.r.intn(i + 1)
		order[i], order[j] = order[j], order[i]
	}
	g.m.Planted++
	for _, k := range order[:n] {
		v := &heavyViolations[k]
		if v.apply(g, d, "") {
			g.m.Findings[v.rule]++
		}
	}
}

// heavyViolations are the planted violations that apply to any Interface
// and leave every other rule's verdict alone, so several can be planted in
// one document and each still gives exactly one finding.
var heavyViolations = func() []violation {
	var out []violation
	for _, rule := range []string{"ownership/purpose-documented", "ownership/review-current", "data/flows-documented", "change/managed"} {
		for _, v := range violations {
			if v.rule == rule {
				out = append(out, v)
			}
		}
	}
	return out
}()

// maybeWaive gives a few clean documents a finding that a valid waiver
// accepts, as real inventories have: the finding is reported as waived.
func (g *generator) maybeWaive(d *iface) {
	if !g.plants() || !g.r.chance(0.04) {
		return
	}
	var rule string
	switch {
	case d.exposure == "internet" && d.pentest != "":
		d.pentest = ""
		rule = "testing/pentest-current"
	case (d.criticality == "high" || d.criticality == "critical") && d.icd != "":
		d.icd = ""
		rule = "change/icd-for-critical"
	default:
		return
	}
	d.waivers = append(d.waivers, waiver{
		rule:       rule,
		reason:     "Accepted by the security board until the next planned review of this interface.",
		approvedBy: "security@kestrel.example.com",
		expires:    g.day(g.r.between(20, 300)),
	})
	g.m.Waived[rule]++
}

// shape is what a document is, before the fields that make it compliant
// are filled in to match.
type shape struct {
	typ, direction, exposure string
	environment, criticality string
	classification           string
	privileged               bool
	categories               []string
	methods                  []string // nil: the type's usual methods
	noAuth                   bool     // write no authentication methods at all
	thirdParty               string
}

func (s *shape) external() bool { return s.exposure == "internet" || s.exposure == "partner" }

func (s *shape) personal() bool { return hasAny(s.categories, personalCats) }

func (s *shape) sensitive() bool {
	return s.classification == "confidential" || s.classification == "restricted" || hasAny(s.categories, sensitiveCats)
}

var (
	personalCats  = []string{"pii", "phi"}
	sensitiveCats = []string{"pii", "phi", "pci", "credentials"}
	regulatedCats = []string{"pii", "phi", "pci"}
)

func has(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func hasAny(xs, ys []string) bool {
	for _, y := range ys {
		if has(xs, y) {
			return true
		}
	}
	return false
}

func without(xs []string, x string) []string {
	out := make([]string, 0, len(xs))
	for _, v := range xs {
		if v != x {
			out = append(out, v)
		}
	}
	return out
}

// randomShape draws a document of type typ the way real inventories look.
func (g *generator) randomShape(typ string) shape {
	r := g.r
	s := shape{typ: typ}
	switch typ {
	case "api":
		s.direction = weighted(r, []string{"inbound", "outbound", "bidirectional"}, []int{6, 3, 1})
		s.exposure = weighted(r, []string{"internet", "partner", "internal"}, []int{4, 3, 3})
		s.privileged = r.chance(0.05)
	case "webhook":
		s.direction = pick(r, []string{"inbound", "outbound"})
		s.exposure = pick(r, []string{"internet", "partner"})
	case "queue":
		s.direction = pick(r, []string{"inbound", "outbound", "bidirectional"})
		s.exposure = weighted(r, []string{"internal", "partner"}, []int{3, 1})
	case "portal":
		s.direction = "inbound"
		s.exposure = pick(r, []string{"internet", "internal"})
		s.privileged = r.chance(0.3)
	case "cli":
		s.direction = "inbound"
		s.exposure = weighted(r, []string{"internal", "internet"}, []int{3, 1})
		s.privileged = r.chance(0.7)
	case "network":
		s.direction = pick(r, []string{"inbound", "bidirectional"})
		s.exposure = pick(r, []string{"internet", "internal", "partner"})
		s.privileged = r.chance(0.5)
	case "file-transfer":
		s.direction = pick(r, []string{"inbound", "outbound", "bidirectional"})
		s.exposure = weighted(r, []string{"partner", "internal"}, []int{3, 2})
	case "database":
		s.direction = pick(r, []string{"inbound", "bidirectional"})
		s.exposure = weighted(r, []string{"internal", "partner"}, []int{6, 1})
		s.privileged = r.chance(0.1)
	case "email":
		s.direction = pick(r, []string{"outbound", "inbound"})
		s.exposure = "internet"
	case "workflow":
		s.direction = pick(r, []string{"inbound", "outbound", "bidirectional"})
		s.exposure = pick(r, []string{"internal", "partner"})
	}
	s.environment = weighted(r, []string{"", "production", "staging", "test", "development"}, []int{40, 45, 8, 4, 3})
	s.criticality = weighted(r, []string{"low", "medium", "high", "critical"}, []int{2, 4, 3, 1})
	s.classification = weighted(r, []string{"public", "internal", "confidential", "restricted"}, []int{1, 4, 4, 2})
	if s.privileged && s.classification == "public" {
		s.classification = "internal"
	}
	s.categories = g.categoriesFor(s.classification)
	if (s.external() || typ == "email") && r.chance(0.3) {
		s.thirdParty = pick(r, g.goodTPs)
	}
	return s
}

func (g *generator) categoriesFor(classification string) []string {
	switch classification {
	case "public":
		return some(g.r, []string{"telemetry"}, 0, 1)
	case "internal":
		return some(g.r, []string{"telemetry", "financial", "intellectual-property"}, 0, 1)
	case "confidential":
		return some(g.r, []string{"pii", "financial", "intellectual-property"}, 1, 2)
	default: // restricted
		return some(g.r, []string{"pii", "phi", "pci", "credentials", "financial"}, 1, 3)
	}
}

// defaultMethods are the authentication methods a well-run interface of the
// shape's type uses: never weak on external interfaces.
func (g *generator) defaultMethods(s *shape) []string {
	r := g.r
	switch s.typ {
	case "api":
		if s.direction == "inbound" {
			return pick(r, [][]string{{"oauth2"}, {"jwt"}, {"mtls"}, {"oidc"}, {"api-key"}, {"oauth2", "mtls"}})
		}
		return pick(r, [][]string{{"oauth2"}, {"api-key"}, {"mtls"}})
	case "webhook":
		if s.direction == "inbound" {
			return pick(r, [][]string{{"hmac-signature"}, {"mtls"}, {"hmac-signature", "mtls"}})
		}
		return []string{"hmac-signature"}
	case "queue":
		return pick(r, [][]string{{"mtls"}, {"oauth2"}, {"jwt"}})
	case "portal":
		return pick(r, [][]string{{"sso"}, {"oidc"}, {"saml"}})
	case "cli":
		return pick(r, [][]string{{"ssh-key"}, {"sso", "ssh-key"}})
	case "network":
		return pick(r, [][]string{{"mtls"}, {"sso"}, {"sso", "mtls"}})
	case "file-transfer":
		return pick(r, [][]string{{"ssh-key"}, {"mtls"}})
	case "database":
		if s.exposure == "internal" && r.chance(0.4) {
			return []string{"password"}
		}
		return []string{"mtls"}
	case "email":
		if s.direction == "outbound" {
			return pick(r, [][]string{{"api-key"}, {"oauth2"}})
		}
		return []string{"mtls"}
	default: // workflow
		if r.chance(0.5) {
			return []string{"sso"}
		}
		return nil
	}
}

var (
	tokenMethods      = []string{"oauth2", "jwt", "api-key"}
	storedCredentials = []string{"api-key", "hmac-signature", "basic", "password"}
	protections       = []string{"minimized", "pseudonymized", "tokenized", "field-encryption"}
	safeProtections   = []string{"anonymized", "pseudonymized", "synthetic"}
	scopeResources    = []string{"orders", "payments", "refunds", "payouts", "customers", "invoices", "shipments", "reports", "events", "profiles"}
	allEvents         = []string{"authentication", "access", "change", "error", "data-transfer"}
)

func titleWords(s string) string {
	parts := strings.Split(s, "-")
	for i, p := range parts {
		if p != "" {
			parts[i] = strings.ToUpper(p[:1]) + p[1:]
		}
	}
	return strings.Join(parts, " ")
}

// build writes a document of the given shape that passes every built-in
// rule at Now.
func (g *generator) build(s shape, dom domain, system string) *iface {
	r := g.r
	noun := r.intn(len(typeNouns[s.typ]))
	d := &iface{
		id:          fmt.Sprintf("%s-%s-%05d", system, idNouns[s.typ][noun%len(idNouns[s.typ])], g.seq),
		name:        titleWords(system) + " " + typeNouns[s.typ][noun],
		team:        dom.team,
		contact:     pick(r, []string{dom.team + "-oncall@kestrel.example.com", dom.team + "@kestrel.example.com", "#" + dom.team + "-alerts"}),
		reviewed:    g.day(-r.between(3, 330)),
		typ:         s.typ,
		direction:   s.direction,
		exposure:    s.exposure,
		privileged:  s.privileged,
		environment: s.environment,
		criticality: s.criticality,
	}
	desc := fmt.Sprintf("%s carrying %s between %s and the %s system.", typeNouns[s.typ][noun], pick(r, purposes), pick(r, parties), system)
	d.description = strings.ToUpper(desc[:1]) + desc[1:]
	if q := pick(r, qualifiers); q != "" {
		d.description += " " + q
	}
	d.labels = [][2]string{{"domain", dom.name}, {"system", system}}
	if r.chance(0.3) {
		d.labels = append(d.labels, [2]string{"cost-centre", fmt.Sprintf("cc-%03d", r.between(100, 999))})
	}
	if r.chance(0.1) {
		d.comment = fmt.Sprintf("Reviewed with %s in the last interface review.", dom.team)
	}
	networked := s.typ != "workflow"
	host := fmt.Sprintf("%s.%s.kestrel.example.com", system, dom.name)

	// Endpoints: always a TLS scheme.
	switch s.typ {
	case "api":
		d.endpoints = []string{fmt.Sprintf("https://api.kestrel.example.com/%s/v%d", system, r.between(1, 4))}
		if r.chance(0.3) {
			d.endpoints = append(d.endpoints, fmt.Sprintf("https://%s/internal/v%d", host, r.between(1, 3)))
		}
	case "webhook":
		if s.direction == "inbound" {
			d.endpoints = []string{fmt.Sprintf("https://hooks.kestrel.example.com/%s/%05d", system, g.seq)}
		} else {
			d.endpoints = []string{fmt.Sprintf("https://partner-%03d.example.net/hooks/kestrel", r.between(1, 400))}
		}
	case "queue":
		if r.chance(0.5) {
			d.endpoints = []string{fmt.Sprintf("amqps://mq-%d.kestrel.internal:5671/%s", r.between(1, 6), system)}
		} else {
			d.endpoints = []string{fmt.Sprintf("kafka+ssl://kafka-%d.kestrel.internal:9093/%s.events", r.between(1, 9), system)}
		}
	case "portal":
		d.endpoints = []string{"https://" + host}
	case "cli":
		d.endpoints = []string{fmt.Sprintf("ssh://bastion-%d.kestrel.internal:22", r.between(1, 4))}
	case "network":
		d.endpoints = []string{fmt.Sprintf("https://vpn-%d.kestrel.example.com", r.between(1, 4))}
	case "file-transfer":
		d.endpoints = []string{fmt.Sprintf("sftp://files.kestrel.example.com/%s/%s", dom.name, system)}
	case "database":
		d.endpoints = []string{fmt.Sprintf("postgresql://%s-db-%d.kestrel.internal:5432/%s?sslmode=verify-full", system, r.between(1, 3), strings.ReplaceAll(system, "-", "_"))}
	case "email":
		if s.direction == "outbound" {
			d.endpoints = []string{"smtps://smtp.kestrel.example.com:465"}
		} else {
			d.endpoints = []string{"smtps://mx.kestrel.example.com:465"}
		}
	}

	// Data.
	d.classification = s.classification
	d.categories = s.categories
	if len(s.categories) > 0 && (hasAny(s.categories, regulatedCats) || r.chance(0.5)) {
		d.protection = some(r, protections, 1, 2)
	}
	if g.nonProduction(s) && hasAny(s.categories, regulatedCats) {
		d.protection = append(without(d.protection, "pseudonymized"), pick(r, safeProtections))
	}
	outside := "external:" + pick(r, systemsOutside)
	from, to := outside, system
	if s.direction == "outbound" {
		from, to = system, outside
	}
	d.flows = []flow{{from: from, to: to, description: titleWords(pick(r, purposes)) + "."}}
	if r.chance(0.4) {
		d.flows = append(d.flows, flow{from: system, to: pick(r, []string{"ledger", "warehouse", "audit-log", "crm", "notifications"}), description: "Onward processing."})
	}

	// Authentication.
	methods := s.methods
	if methods == nil && !s.noAuth {
		methods = g.defaultMethods(&s)
	}
	if networked && len(methods) == 0 && !s.noAuth {
		methods = []string{"mtls"}
	}
	d.methods = methods
	if s.typ == "portal" || s.typ == "cli" || s.typ == "network" || hasAny(methods, []string{"basic", "password"}) && s.external() {
		d.mfa = ptr(true)
	} else if len(methods) > 0 && r.chance(0.2) {
		d.mfa = ptr(false)
	}

	// Authorization: always a model; narrow scopes for tokens.
	if hasAny(methods, tokenMethods) {
		d.model = "scopes"
		for _, res := range some(r, scopeResources, 1, 3) {
			d.scopes = append(d.scopes, res+":"+pick(r, []string{"read", "write"}))
		}
	} else {
		d.model = pick(r, []string{"rbac", "rbac", "abac", "acl"})
		d.roles = some(r, []string{"viewer", "operator", "editor", "approver", "auditor"}, 1, 2)
	}
	if s.direction != "inbound" && r.chance(0.3) {
		d.svcName = "svc-" + system
		d.svcPrivileged = ptr(false)
	}

	// Encryption.
	if networked {
		d.tls = ptr(true)
		d.minVersion = pick(r, []string{"1.2", "1.2", "1.3"})
		d.minVersionPlain = r.chance(0.2)
		d.mtls = has(methods, "mtls")
	}
	if s.typ == "queue" || s.typ == "file-transfer" || s.typ == "database" || r.chance(0.2) && networked {
		d.atRest = ptr(true)
	}

	// Secrets: every stored credential lives in a store, rotated often.
	if hasAny(methods, storedCredentials) || s.direction != "inbound" && networked && r.chance(0.3) {
		d.store = pick(r, storeNames)
		d.rotationDays = pick(r, []int{30, 60, 90})
	}
	if s.typ == "portal" {
		d.sessionTimeout = pick(r, []int{15, 20, 30})
	}

	// Network.
	switch {
	case s.privileged && s.exposure == "internet":
		d.netAccess = pick(r, []string{"vpn", "zero-trust"})
	case s.exposure == "internal" && networked:
		d.netAccess = pick(r, []string{"private", "vpn", "zero-trust"})
	case s.exposure == "partner" && networked:
		d.netAccess = "public"
		d.allowlist = []string{fmt.Sprintf("203.0.113.%d/32", r.between(1, 254)), fmt.Sprintf("198.51.100.0/%d", r.between(24, 28))}
	case networked:
		d.netAccess = "public"
	}

	// Requests: rate-limited and validated where they come in.
	inbound := s.direction == "inbound" || s.direction == "bidirectional"
	if inbound && (s.typ == "api" || s.typ == "webhook" || s.typ == "portal") {
		d.rateLimit = ptr(true)
		d.rpm = pick(r, []int{60, 300, 600, 1200, 6000})
	}
	// An outbound call to a supplier's API consumes its responses: they are
	// validated too.
	consumes := s.typ == "api" && s.direction == "outbound" && s.thirdParty != ""
	if consumes || inbound && (s.typ == "api" || s.typ == "webhook" || s.typ == "queue" || s.typ == "file-transfer") {
		d.validation = ptr(true)
		d.validationSchema = fmt.Sprintf("schemas/%s/%s.json", dom.name, system)
	}
	if s.typ == "api" || s.typ == "portal" || s.typ == "webhook" {
		d.exposesDetails = ptr(false)
	}

	// Logging and monitoring.
	if networked || r.chance(0.3) {
		d.logging = ptr(true)
		d.logDest = "siem-" + dom.name
		d.logEvents = append([]string(nil), allEvents...)
		if s.privileged {
			d.logEvents = append(d.logEvents, "admin-action")
		}
		d.retention = pick(r, []int{365, 400, 730})
	}
	if networked || s.external() || s.privileged {
		// Typed alerts: the kinds monitoring/alerts requires, and a few more.
		if s.external() {
			d.alerts = append(d.alerts, alert{"auth-failure-spike", system + "-auth-failures"})
		}
		if s.privileged {
			d.alerts = append(d.alerts, alert{"anomalous-login", system + "-anomalous-login"}, alert{"config-change", system + "-config-changes"})
		}
		for _, kind := range some(r, []string{"error-rate", "traffic-spike", "egress-anomaly"}, 1, 2) {
			d.alerts = append(d.alerts, alert{kind, system + "-" + kind})
		}
		if r.chance(0.4) {
			d.dashboard = fmt.Sprintf("https://grafana.kestrel.example.com/d/%s", system)
		}
	}

	d.thirdParty = s.thirdParty
	d.process = pick(r, processes)
	// A high or critical interface's change leaves a trace (change/managed).
	if s.criticality == "high" || s.criticality == "critical" || r.chance(0.7) {
		d.ticket = fmt.Sprintf("CHG-%d", 1000+g.seq)
		d.approvals = r.between(1, 2)
	}
	// A hand-off to a high or critical tier supplier needs an interface
	// control document as much as a critical interface does.
	tier := g.tpTier[s.thirdParty]
	if s.criticality == "high" || s.criticality == "critical" || tier == "high" || tier == "critical" || r.chance(0.3) {
		d.icd = fmt.Sprintf("docs/icd/%s/%s.md", dom.name, d.id)
	}
	// Penetration-tested by a third party where exposed outside
	// (testing/pentest-current), now and then where not.
	if s.exposure == "internet" || s.exposure == "partner" && (networked || r.chance(0.4)) {
		d.pentest = g.day(-r.between(10, 330))
		d.tester = "external"
	}
	return d
}

func (g *generator) nonProduction(s shape) bool {
	return s.environment != "" && s.environment != "production"
}
