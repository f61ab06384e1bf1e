package inventorygen

// The vocabulary of a fictional company, Kestrel Commerce: enough variety
// that documents differ the way hand-written ones do, nothing that could
// look like a credential (secrets/no-inline must stay quiet).

type domain struct {
	name    string // folder and labels.domain
	team    string
	systems []string
}

var domains = []domain{
	{"payments", "payments", []string{"card-gateway", "ledger", "settlement", "payouts", "refunds", "fx-rates", "chargebacks"}},
	{"merchant", "merchant-experience", []string{"merchant-api", "onboarding", "dashboard", "plugins", "pricing"}},
	{"platform", "platform", []string{"edge-gateway", "bastion", "service-mesh", "feature-flags", "ci-runners", "dns"}},
	{"data", "data", []string{"warehouse", "telemetry", "lakehouse", "reporting", "ml-features"}},
	{"support", "support", []string{"helpdesk", "crm", "mailroom", "knowledge-base", "disputes"}},
	{"identity", "identity", []string{"sso", "directory", "customer-auth", "access-reviews"}},
	{"logistics", "fulfilment", []string{"shipping", "warehouse-ops", "returns", "carriers"}},
	{"finance", "finance", []string{"accounting", "invoicing", "tax", "treasury", "procurement"}},
	{"people", "people-ops", []string{"hris", "payroll", "recruiting", "learning"}},
	{"marketing", "growth", []string{"campaigns", "newsletter", "analytics-tags", "referrals"}},
	{"risk", "risk", []string{"fraud-scoring", "kyc", "sanctions", "case-management"}},
	{"mobile", "mobile", []string{"app-backend", "push", "app-config", "releases"}},
}

var types = []string{"api", "webhook", "queue", "portal", "cli", "network", "file-transfer", "database", "email", "workflow"}

// typeWeights: APIs dominate real inventories; every type still appears.
var typeWeights = []int{30, 10, 10, 8, 5, 4, 8, 8, 5, 12}

var typeNouns = map[string][]string{
	"api":           {"API", "REST API", "GraphQL API", "gRPC service", "partner API", "internal API"},
	"webhook":       {"webhooks", "event callbacks", "status notifications", "delivery webhooks"},
	"queue":         {"event stream", "queue", "topic", "change feed", "job queue"},
	"portal":        {"console", "dashboard", "portal", "back office", "self-service portal"},
	"cli":           {"admin CLI", "SSH access", "ops shell", "maintenance CLI"},
	"network":       {"VPN gateway", "bastion", "zero-trust gateway", "site-to-site link", "private link"},
	"file-transfer": {"SFTP drop", "file exchange", "batch export", "report upload", "nightly extract"},
	"database":      {"database", "read replica", "reporting database", "partner database access"},
	"email":         {"mail relay", "transactional e-mail", "inbound mail", "notification e-mail"},
	"workflow":      {"hand-off", "escalation process", "review workflow", "manual approval", "case hand-over"},
}

var idNouns = map[string][]string{
	"api":           {"api", "rest-api", "graphql", "grpc", "partner-api", "svc"},
	"webhook":       {"webhooks", "callbacks", "notifications", "hooks"},
	"queue":         {"events", "queue", "topic", "feed", "jobs"},
	"portal":        {"console", "dashboard", "portal", "backoffice"},
	"cli":           {"cli", "ssh", "shell", "admin-cli"},
	"network":       {"vpn", "bastion", "ztna", "link", "private-link"},
	"file-transfer": {"sftp", "file-drop", "export", "upload", "extract"},
	"database":      {"db", "replica", "reporting-db", "partner-db"},
	"email":         {"mail-relay", "email", "mx", "mailer"},
	"workflow":      {"handoff", "escalation", "review", "approval", "handover"},
}

var purposes = []string{
	"order and payment status", "customer profile changes", "settlement instructions",
	"daily reconciliation totals", "fraud signals", "shipment tracking updates",
	"invoice documents", "support case updates", "access requests", "usage telemetry",
	"marketing consent changes", "refund requests", "payout confirmations",
	"merchant onboarding documents", "audit evidence", "product catalogue updates",
	"identity verification results", "tax reports", "payroll batches", "release artefacts",
}

var parties = []string{
	"merchants", "the mobile app", "the web shop", "our carriers", "the acquiring bank",
	"the support team", "finance operations", "external auditors", "the data platform",
	"partner marketplaces", "the fraud team", "on-call engineers", "the tax adviser",
	"regional warehouses", "the identity provider", "the payroll provider",
}

var qualifiers = []string{
	"Traffic is served through the edge gateway and every call is logged centrally.",
	"Owned end to end by the team named below; changes go through the standard CAB.",
	"Volumes peak at month end; the interface is sized for three times the normal load.",
	"Replaces a legacy integration that was retired after the last audit.",
	"Used around the clock; an outage blocks the business process it supports.",
	"Data is kept only as long as the retention schedule requires.",
	"",
	"",
}

var systemsOutside = []string{
	"merchant-systems", "mobile-app", "web-shop", "carrier-systems", "bank-gateway",
	"partner-portal", "auditor-workspace", "tax-service", "payroll-service", "crm-saas",
}

var storeNames = []string{"vault", "aws-secrets-manager", "gcp-secret-manager", "azure-key-vault", "kms"}

var processes = []string{"cab-standard", "standard-change", "pull-request-review", "emergency-change", "release-train"}

var certs = []string{"iso27001", "soc2-type2", "pci-dss", "iso27701", "csa-star"}

var supplierWords = []string{
	"Acme", "Northwind", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Tyrell",
	"Cyberdyne", "Soylent", "Hooli", "Vandelay", "Massive", "Monarch", "Oscorp", "Pied",
	"Aperture", "Gringotts", "Wonka", "Zorg", "Dunder", "Prestige", "Virtucon", "Nakatomi",
}

var supplierKinds = []string{"Payments", "Cloud", "Logistics", "Analytics", "Mail", "Support", "Identity", "Hosting", "Data", "Security"}

var supplierSuffix = []string{"GmbH", "Ltd.", "Inc.", "B.V.", "S.A.", "AB", "Oy", "LLC"}

var supplierServices = []string{
	"Card authorisation, capture and refunds for online payments.",
	"Transactional e-mail delivery and inbound mail routing.",
	"Parcel shipping, label printing and tracking events.",
	"Hosted helpdesk, ticketing and customer contact records.",
	"Product analytics and event collection for the web shop and the app.",
	"Identity verification and document checks for onboarding.",
	"Managed PostgreSQL hosting with cross-region replicas.",
	"Payroll processing and payslip distribution.",
	"SMS and push notification delivery.",
	"Tax calculation and filing for cross-border sales.",
}
