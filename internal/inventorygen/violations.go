package inventorygen

import (
	"fmt"
	"strings"
)

// violation plants exactly one finding of rule in an otherwise clean
// document. types (when set) are the Interface types it is planted in;
// shape makes the document one the rule applies to, still clean; apply
// breaks it. apply returns false when it cannot plant here (the document
// then stays clean).
type violation struct {
	rule  string
	types []string
	shape func(g *generator, s *shape)
	apply func(g *generator, d *iface, file string) bool
}

var networkedTypes = []string{"api", "webhook", "queue", "portal", "cli", "network", "file-transfer", "database", "email"}

// The mission rules appear first; the list covers every built-in rule.
var violations = []violation{
	{rule: "authentication/admin-mfa", types: []string{"portal", "cli", "network"},
		shape: func(g *generator, s *shape) { s.privileged = true; notPublic(s) },
		apply: func(g *generator, d *iface, _ string) bool {
			if g.r.chance(0.5) {
				d.mfa = ptr(false)
			} else {
				d.mfa = nil
			}
			return true
		}},
	{rule: "transport/tls-required", types: networkedTypes,
		apply: func(g *generator, d *iface, _ string) bool {
			u := d.endpoints[0]
			for _, p := range [][2]string{{"https://", "http://"}, {"amqps://", "amqp://"}, {"sftp://", "ftp://"}, {"ssh://", "telnet://"}, {"smtps://", "smtp://"}} {
				if strings.HasPrefix(u, p[0]) && g.r.chance(0.7) {
					d.endpoints[0] = p[1] + strings.TrimPrefix(u, p[0])
					return true
				}
			}
			d.tls = ptr(false)
			return true
		}},
	{rule: "authorization/scoped-tokens", types: []string{"api", "email", "queue"},
		shape: func(g *generator, s *shape) {
			s.methods = [][]string{{"oauth2"}, {"jwt"}, {"api-key"}}[g.r.intn(3)]
			if s.typ == "email" {
				s.direction = "outbound"
			}
		},
		apply: func(g *generator, d *iface, _ string) bool {
			switch g.r.intn(3) {
			case 0:
				d.scopes = nil
			case 1:
				d.scopes = append(d.scopes, pick(g.r, []string{"admin", "*", "ALL", "full_access"}))
			default:
				d.scopes[0] = strings.Split(d.scopes[0], ":")[0] + ":*"
			}
			return true
		}},
	{rule: "logging/enabled", types: networkedTypes,
		apply: func(g *generator, d *iface, _ string) bool {
			if g.r.chance(0.5) {
				d.logging = ptr(false)
				d.logDest, d.logEvents, d.retention = "", nil, 0
			} else {
				d.logging = nil
			}
			return true
		}},
	{rule: "ownership/owner-assigned",
		apply: func(g *generator, d *iface, _ string) bool {
			switch g.r.intn(3) {
			case 0:
				d.contact = ""
			case 1:
				d.team = ""
			default:
				d.team, d.contact = "", ""
			}
			return true
		}},

	{rule: "inventory/date-in-future",
		apply: func(g *generator, d *iface, _ string) bool {
			if d.pentest != "" && g.r.chance(0.5) {
				d.pentest = g.day(g.r.between(2, 900))
			} else {
				d.reviewed = g.day(g.r.between(2, 900))
			}
			return true
		}},
	{rule: "ownership/purpose-documented",
		apply: func(g *generator, d *iface, _ string) bool { d.description = ""; return true }},
	{rule: "ownership/review-current",
		apply: func(g *generator, d *iface, _ string) bool {
			if g.r.chance(0.7) {
				d.reviewed = g.day(-g.r.between(366, 900))
			} else {
				d.reviewed = ""
			}
			return true
		}},
	{rule: "lifecycle/sunset-passed", types: networkedTypes,
		apply: func(g *generator, d *iface, _ string) bool {
			if len(d.endpoints) == 0 {
				return false
			}
			// A production API offered outside also says where its
			// compatibility policy is (lifecycle/compatibility-declared).
			d.extra = append(d.extra, "lifecycle: production",
				"versioning: {scheme: path, policy: https://developer.kestrel.example.com/versioning}", "versions:",
				"  - version: v1", "    status: deprecated",
				"    sunset: "+g.day(-g.r.between(1, 400)),
				"    endpoints:", fmt.Sprintf("      - url: %q", d.endpoints[0]))
			return true
		}},
	{rule: "lifecycle/retired-exposed", types: networkedTypes,
		shape: func(g *generator, s *shape) {
			if s.exposure == "internal" {
				s.exposure = "partner"
			}
		},
		apply: func(g *generator, d *iface, _ string) bool {
			if len(d.endpoints) == 0 || d.exposure == "internal" {
				return false
			}
			d.extra = append(d.extra, "lifecycle: retired")
			return true
		}},
	{rule: "lifecycle/deprecation-notice",
		apply: func(g *generator, d *iface, _ string) bool {
			d.extra = append(d.extra, "lifecycle: deprecated")
			if g.r.chance(0.5) {
				d.extra = append(d.extra, "sunset: "+g.day(g.r.between(0, 89)))
			}
			return true
		}},
	{rule: "lifecycle/compatibility-declared", types: []string{"api"},
		shape: func(g *generator, s *shape) {
			if s.exposure == "internal" {
				s.exposure = "partner"
			}
		},
		apply: func(g *generator, d *iface, _ string) bool {
			if d.exposure == "internal" {
				return false
			}
			d.extra = append(d.extra, "lifecycle: production")
			return true
		}},
	{rule: "authentication/required", types: []string{"api", "queue", "file-transfer", "database", "network"},
		shape: func(g *generator, s *shape) { notPublic(s); s.privileged = false },
		apply: func(g *generator, d *iface, _ string) bool {
			d.methods = nil
			if g.r.chance(0.5) {
				d.methods = []string{"none"}
			}
			d.scopes, d.mtls = nil, false
			if d.model == "scopes" {
				d.model = "rbac"
			}
			if d.store != "" && d.direction == "inbound" {
				d.store, d.rotationDays = "", 0
			}
			if d.mfa == nil && len(d.methods) == 0 {
				d.mfa = ptr(false)
			}
			return true
		}},
	// An API: a portal without MFA is also authentication/mfa-external-users'.
	{rule: "authentication/weak-method", types: []string{"api"},
		shape: func(g *generator, s *shape) { s.exposure = "internet"; s.privileged = false; s.direction = "inbound" },
		apply: func(g *generator, d *iface, _ string) bool {
			d.methods = pick(g.r, [][]string{{"password"}, {"basic"}, {"sso", "password"}})
			d.mfa = nil
			return true
		}},
	{rule: "authorization/least-privilege", types: networkedTypes,
		apply: func(g *generator, d *iface, _ string) bool {
			if d.privileged && len(d.roles) > 0 && g.r.chance(0.6) {
				// Privileged, and every role all-powerful.
				d.roles = pick(g.r, [][]string{{"admin"}, {"*"}, {"superuser", "root"}, {"Admin"}})
				return true
			}
			d.svcName = "svc-" + strings.SplitN(d.id, "-", 2)[0] + "-admin"
			d.svcPrivileged = ptr(true)
			return true
		}},
	{rule: "authorization/model-declared",
		shape: func(g *generator, s *shape) {
			s.classification = pick(g.r, []string{"confidential", "restricted"})
			s.categories = g.categoriesFor(s.classification)
		},
		apply: func(g *generator, d *iface, _ string) bool {
			if g.r.chance(0.5) {
				d.model = "none"
			} else {
				d.model = ""
			}
			return true
		}},
	{rule: "transport/tls-min-version", types: networkedTypes,
		apply: func(g *generator, d *iface, _ string) bool {
			d.minVersion = pick(g.r, []string{"1.0", "1.1"})
			return true
		}},
	{rule: "transport/webhook-signature", types: []string{"webhook"},
		shape: func(g *generator, s *shape) { s.direction = "inbound"; s.methods = []string{"oauth2"} },
		apply: func(g *generator, d *iface, _ string) bool { return true }},
	{rule: "data/classified",
		shape: func(g *generator, s *shape) { notPublic(s) },
		apply: func(g *generator, d *iface, _ string) bool { d.classification = ""; return true }},
	{rule: "data/encryption-at-rest", types: []string{"queue", "file-transfer", "database"},
		shape: func(g *generator, s *shape) {
			s.classification = pick(g.r, []string{"confidential", "restricted"})
			s.categories = g.categoriesFor(s.classification)
		},
		apply: func(g *generator, d *iface, _ string) bool {
			if g.r.chance(0.5) {
				d.atRest = ptr(false)
			} else {
				d.atRest = nil
			}
			return true
		}},
	{rule: "data/minimization", types: []string{"api", "file-transfer", "email", "queue"},
		shape: func(g *generator, s *shape) {
			s.direction = pick(g.r, []string{"outbound", "bidirectional"})
			if s.typ == "email" {
				s.direction = "outbound"
			}
			s.exposure = pick(g.r, []string{"internet", "partner"})
			if s.typ == "queue" {
				s.exposure = "partner" // a queue on the internet is network/datastore-exposure's
			}
			s.environment = "production"
			s.classification = "confidential"
			s.categories = []string{"pii", "financial"}
			if g.r.chance(0.4) {
				s.thirdParty = pick(g.r, g.goodTPs)
			}
		},
		apply: func(g *generator, d *iface, _ string) bool { d.protection = nil; return true }},
	{rule: "data/flows-documented",
		apply: func(g *generator, d *iface, _ string) bool {
			if g.r.chance(0.5) {
				d.flows = nil
			} else {
				d.flows = []flow{{from: d.flows[0].from, description: d.flows[0].description}}
			}
			return true
		}},
	{rule: "environment/segregation",
		shape: func(g *generator, s *shape) {
			s.environment = pick(g.r, []string{"staging", "test", "development"})
			s.classification = "restricted"
			s.categories = []string{pick(g.r, regulatedCats)}
		},
		apply: func(g *generator, d *iface, _ string) bool {
			d.protection = []string{pick(g.r, []string{"tokenized", "field-encryption", "minimized"})}
			return true
		}},
	{rule: "errors/no-detail-leak", types: []string{"api", "portal", "webhook"},
		shape: func(g *generator, s *shape) { s.exposure = pick(g.r, []string{"internet", "partner"}) },
		apply: func(g *generator, d *iface, _ string) bool { d.exposesDetails = ptr(true); return true }},
	{rule: "errors/handling-declared", types: []string{"api", "portal", "webhook"},
		shape: func(g *generator, s *shape) {
			s.exposure = pick(g.r, []string{"internet", "partner"})
			s.direction = "inbound"
			if s.typ == "webhook" {
				s.methods = []string{"hmac-signature"}
			}
		},
		apply: func(g *generator, d *iface, _ string) bool { d.exposesDetails = nil; return true }},
	{rule: "input/validation", types: []string{"api", "webhook", "queue", "file-transfer"},
		shape: func(g *generator, s *shape) {
			s.direction = "inbound"
			if s.typ == "webhook" {
				s.methods = []string{"hmac-signature"}
			}
		},
		apply: func(g *generator, d *iface, _ string) bool {
			if g.r.chance(0.5) {
				d.validation = ptr(false)
				d.validationSchema = ""
			} else {
				d.validation = nil
			}
			return true
		}},
	{rule: "inventory/reference", types: []string{"api", "webhook", "email", "file-transfer"},
		shape: func(g *generator, s *shape) { s.thirdParty = "x" },
		apply: func(g *generator, d *iface, _ string) bool {
			d.thirdParty = fmt.Sprintf("unknown-supplier-%05d", g.seq)
			return true
		}},
	{rule: "logging/events", types: networkedTypes,
		apply: func(g *generator, d *iface, _ string) bool {
			if d.privileged && g.r.chance(0.5) {
				d.logEvents = without(d.logEvents, "admin-action")
				return true
			}
			d.logEvents = without(d.logEvents, pick(g.r, allEvents[:4]))
			return true
		}},
	{rule: "logging/retention", types: networkedTypes,
		apply: func(g *generator, d *iface, _ string) bool {
			d.retention = pick(g.r, []int{0, 7, 30, 60})
			return true
		}},
	{rule: "monitoring/alerts", types: []string{"api", "webhook", "portal", "email"},
		shape: func(g *generator, s *shape) {
			if !s.external() {
				s.exposure = "partner"
			}
		},
		apply: func(g *generator, d *iface, _ string) bool {
			if g.r.chance(0.5) {
				d.alerts = nil
				return true
			}
			// Alerts listed, but none of the kind an external interface needs.
			var kept []alert
			for _, a := range d.alerts {
				if a.kind != "auth-failure-spike" {
					kept = append(kept, a)
				}
			}
			d.alerts = kept
			return true
		}},
	{rule: "monitoring/alerts-typed", types: networkedTypes,
		apply: func(g *generator, d *iface, _ string) bool {
			d.alerts = append(d.alerts, alert{ref: pick(g.r, []string{"todo", d.id + "-latency-p99", d.id + "-backlog"})})
			return true
		}},
	{rule: "network/admin-exposure", types: []string{"portal", "api", "cli"},
		shape: func(g *generator, s *shape) { s.privileged = true; s.exposure = "internet"; notPublic(s) },
		apply: func(g *generator, d *iface, _ string) bool {
			d.netAccess = pick(g.r, []string{"public", ""})
			d.allowlist = nil
			return true
		}},
	{rule: "session/timeout", types: []string{"portal"},
		shape: func(g *generator, s *shape) { s.privileged = true; notPublic(s) },
		apply: func(g *generator, d *iface, _ string) bool {
			d.sessionTimeout = pick(g.r, []int{0, 45, 120, 480})
			return true
		}},
	{rule: "availability/rate-limited", types: []string{"api", "webhook", "portal"},
		shape: func(g *generator, s *shape) {
			s.direction = "inbound"
			if !s.external() {
				s.exposure = "internet"
			}
			if s.typ == "webhook" {
				s.methods = []string{"hmac-signature"}
			}
		},
		apply: func(g *generator, d *iface, _ string) bool {
			switch g.r.intn(4) {
			case 0:
				d.rateLimit = ptr(false)
			case 1:
				d.rateLimit, d.rpm = nil, 0
			case 2:
				d.rpm = 0 // enabled, of unknown size
			default:
				d.rpm = pick(g.r, []int{150000, 1000000, 1000000000})
			}
			return true
		}},
	{rule: "secrets/managed", types: []string{"api", "webhook", "email"},
		shape: outboundWithStoredCredential,
		apply: func(g *generator, d *iface, _ string) bool { d.store, d.rotationDays = "", 0; return true }},
	{rule: "secrets/rotation", types: []string{"api", "webhook", "email"},
		shape: outboundWithStoredCredential,
		apply: func(g *generator, d *iface, _ string) bool {
			if d.store == "" {
				return false
			}
			d.rotationDays = pick(g.r, []int{0, 120, 180, 365})
			return true
		}},
	{rule: "secrets/no-inline",
		apply: func(g *generator, d *iface, _ string) bool {
			var leak string
			if g.r.chance(0.5) {
				leak = "AKIA" + randomText(g.r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)
			} else {
				leak = "ghp_" + randomText(g.r, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 36)
			}
			d.extra = append(d.extra, fmt.Sprintf("x-notes: %q", "Temporary credential for the migration: "+leak))
			return true
		}},
	{rule: "third-party/assessment-current", types: []string{"api", "webhook", "email", "file-transfer"},
		shape: func(g *generator, s *shape) {
			s.thirdParty = pick(g.r, g.staleTPs)
			if s.exposure == "internal" {
				s.exposure = "partner"
			}
		},
		apply: func(g *generator, d *iface, _ string) bool { return true }},
	{rule: "third-party/dpa-required", types: []string{"api", "webhook", "email", "file-transfer"},
		shape: func(g *generator, s *shape) {
			s.thirdParty = pick(g.r, g.noDPATPs)
			s.classification = "confidential"
			s.categories = []string{pick(g.r, personalCats)}
			if s.exposure == "internal" {
				s.exposure = "partner"
			}
		},
		apply: func(g *generator, d *iface, _ string) bool { return true }},
	{rule: "third-party/contract-current", types: []string{"api", "webhook", "email", "file-transfer"},
		shape: func(g *generator, s *shape) { useSupplier(s, g.expiredTPs, g) },
		apply: func(g *generator, d *iface, _ string) bool { return true }},
	{rule: "third-party/baa-required", types: []string{"api", "webhook", "file-transfer"},
		shape: func(g *generator, s *shape) {
			useSupplier(s, g.noBAATPs, g)
			s.classification = "restricted"
			s.categories = []string{"phi"}
		},
		apply: func(g *generator, d *iface, _ string) bool { return true }},
	{rule: "third-party/assurance-current", types: []string{"api", "webhook", "email", "file-transfer"},
		shape: func(g *generator, s *shape) { useSupplier(s, g.noAssuranceTPs, g) },
		apply: func(g *generator, d *iface, _ string) bool { return true }},
	{rule: "third-party/breach-notification", types: []string{"api", "webhook", "email", "file-transfer"},
		shape: func(g *generator, s *shape) { useSupplier(s, g.noBreachTPs, g) },
		apply: func(g *generator, d *iface, _ string) bool { return true }},
	{rule: "data/flow-endpoint-known",
		apply: func(g *generator, d *iface, _ string) bool {
			if len(d.flows) == 0 {
				return false
			}
			d.flows[0].from = pick(g.r, []string{"legacy-mainframe", "old-erp", "shadow-it-sheet"})
			return true
		}},
	{rule: "data/classification-propagation",
		apply: func(g *generator, d *iface, _ string) bool {
			if d.classification == "" || d.classification == "restricted" || hasAny(d.protection, []string{"anonymized", "aggregated", "tokenized"}) {
				return false
			}
			d.flows = append(d.flows, flow{from: restrictedStore, to: d.flows[0].to, description: "Balances looked up for each request."})
			return true
		}},
	{rule: "network/zone-crossing", types: []string{"api"},
		shape: func(g *generator, s *shape) {
			// Public data without authentication is allowed
			// (authentication/required); crossing into the internal zone
			// with it is not.
			s.classification, s.categories, s.privileged, s.noAuth = "public", nil, false, true
			s.direction = "inbound"
		},
		apply: func(g *generator, d *iface, _ string) bool {
			d.flows = append(d.flows, flow{from: "external:web-visitors", to: zonedStore, description: "Public content requests."})
			return true
		}},
	{rule: "change/managed",
		apply: func(g *generator, d *iface, _ string) bool {
			if (d.criticality == "high" || d.criticality == "critical") && g.r.chance(0.5) {
				// A process named, but no ticket and no approval.
				d.ticket, d.approvals = "", 0
				return true
			}
			d.process = ""
			if d.ticket == "" {
				d.ticket = fmt.Sprintf("CHG-%d", 1000+g.seq)
			}
			return true
		}},
	{rule: "change/icd-for-critical",
		shape: func(g *generator, s *shape) { s.criticality = pick(g.r, []string{"high", "critical"}) },
		apply: func(g *generator, d *iface, _ string) bool { d.icd = ""; return true }},
	{rule: "testing/pentest-current", types: []string{"api", "webhook", "portal", "email", "file-transfer"},
		shape: func(g *generator, s *shape) {
			if s.typ == "file-transfer" {
				s.exposure = "partner"
			} else {
				s.exposure = "internet"
			}
		},
		apply: func(g *generator, d *iface, _ string) bool {
			switch g.r.intn(4) {
			case 0:
				d.pentest = g.day(-g.r.between(366, 1000))
			case 1:
				d.pentest = ""
			case 2:
				d.tester = "internal"
			default:
				d.tester = ""
			}
			return true
		}},
	{rule: "authentication/mfa-external-users", types: []string{"portal"},
		shape: func(g *generator, s *shape) { s.exposure = "internet"; s.privileged = false },
		apply: func(g *generator, d *iface, _ string) bool {
			if g.r.chance(0.5) {
				d.mfa = ptr(false)
			} else {
				d.mfa = nil
			}
			return true
		}},
	{rule: "network/endpoints-listed", types: []string{"api", "file-transfer"},
		shape: func(g *generator, s *shape) {
			s.direction = "inbound"
			if !s.external() {
				s.exposure = "partner"
			}
		},
		apply: func(g *generator, d *iface, _ string) bool { d.endpoints = nil; return true }},
	{rule: "network/datastore-exposure", types: []string{"database", "queue"},
		shape: func(g *generator, s *shape) { s.exposure = "internet"; s.privileged = false },
		apply: func(g *generator, d *iface, _ string) bool {
			d.netAccess = pick(g.r, []string{"public", ""})
			d.allowlist = nil
			return true
		}},
	{rule: "inventory/unique-id",
		apply: func(g *generator, d *iface, file string) bool {
			// Reuse the id of a document in an earlier file of this folder:
			// the finding is reported on the later one.
			for _, p := range g.earlier {
				if p.file < file {
					d.id = p.id
					return true
				}
			}
			return false
		}},
	{rule: "waiver/expired",
		apply: func(g *generator, d *iface, _ string) bool {
			d.waivers = append(d.waivers, waiver{
				rule:       pick(g.r, []string{"testing/pentest-current", "availability/rate-limited", "change/icd-for-critical"}),
				reason:     "Accepted while the replacement was being built.",
				approvedBy: "security@kestrel.example.com",
				expires:    g.day(-g.r.between(1, 200)),
			})
			return true
		}},
	{rule: "waiver/invalid",
		apply: func(g *generator, d *iface, _ string) bool {
			w := waiver{rule: "monitoring/alerts", reason: "Alerting is provided by the platform team.", approvedBy: "security@kestrel.example.com", expires: g.day(g.r.between(10, 200))}
			switch g.r.intn(3) {
			case 0:
				w.reason = ""
			case 1:
				w.rule = "monitoring/alert"
			default:
				w.expires = g.day(g.r.between(400, 900))
			}
			d.waivers = append(d.waivers, w)
			return true
		}},
	{rule: "waiver/unused",
		apply: func(g *generator, d *iface, _ string) bool {
			d.waivers = append(d.waivers, waiver{
				rule:       pick(g.r, []string{"data/encryption-at-rest", "input/validation", "session/timeout"}),
				reason:     "Accepted during the migration to the new platform.",
				approvedBy: "security@kestrel.example.com",
				expires:    g.day(g.r.between(10, 300)),
			})
			return true
		}},
	{rule: "schema/invalid",
		apply: func(g *generator, d *iface, _ string) bool {
			switch g.r.intn(3) {
			case 0:
				d.extra = append(d.extra, "protocol: "+pick(g.r, []string{"https", "grpc", "sftp"}))
			case 1:
				d.direction = pick(g.r, []string{"in", "incoming", "both"})
			default:
				d.criticality = pick(g.r, []string{"urgent", "normal", "very-high"})
			}
			return true
		}},
	// The drift rules: the document names an OpenAPI description (apiSpec.go)
	// that says one thing more than the document.
	{rule: "drift/api-spec", types: []string{"api"},
		shape: describable,
		apply: func(g *generator, d *iface, _ string) bool {
			d.spec = &openapiSpec{missing: true}
			return true
		}},
	{rule: "drift/endpoints", types: []string{"api"},
		shape: describable,
		apply: func(g *generator, d *iface, _ string) bool {
			d.spec = &openapiSpec{extraServer: fmt.Sprintf("https://eu.api.kestrel.example.com/%s", d.id)}
			return true
		}},
	{rule: "drift/authentication", types: []string{"api"},
		shape: describable,
		apply: func(g *generator, d *iface, _ string) bool {
			for _, m := range []string{"api-key", "basic", "jwt"} {
				if !has(d.methods, m) {
					d.spec = &openapiSpec{extraMethod: m}
					return true
				}
			}
			return false
		}},
	{rule: "drift/scopes", types: []string{"api"},
		shape: func(g *generator, s *shape) { describable(g, s); s.methods = []string{"oauth2"} },
		apply: func(g *generator, d *iface, _ string) bool {
			if len(d.scopes) == 0 {
				return false
			}
			d.spec = &openapiSpec{extraScope: strings.Split(d.scopes[0], ":")[0] + ":export"}
			return true
		}},
}

// describable makes an API whose authentication an OpenAPI description can
// state (describedMethods).
func describable(g *generator, s *shape) {
	s.direction = "inbound"
	s.noAuth = false
	s.methods = pick(g.r, [][]string{{"oauth2"}, {"jwt"}, {"api-key"}, {"oauth2", "mtls"}})
}

// outboundWithStoredCredential makes an outbound interface that calls out
// with a credential it must store (an API key, a webhook signing secret).
func outboundWithStoredCredential(g *generator, s *shape) {
	s.direction = "outbound"
	if s.typ != "webhook" {
		s.methods = []string{"api-key"}
	}
}

// notPublic keeps a document away from the public-data exemption of
// authentication/required.
func notPublic(s *shape) {
	if s.classification == "public" {
		s.classification = "internal"
	}
}

func randomText(r *rng, alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.intn(len(alphabet))]
	}
	return string(b)
}

// useSupplier makes the document hand data to one of the suppliers of pool,
// through an interface outside the organisation.
func useSupplier(s *shape, pool []string, g *generator) {
	s.thirdParty = pick(g.r, pool)
	if s.exposure == "internal" {
		s.exposure = "partner"
	}
}
