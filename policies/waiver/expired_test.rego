package ifacelint.rules.waiver.expired_test

import data.ifacelint.rules.waiver.expired as rule

# A minimal schema-valid Interface; doc(spec) merges spec into it.
base := {
	"apiVersion": "ifacelint/v1",
	"kind": "Interface",
	"metadata": {"id": "orders-api", "name": "Orders API"},
	"spec": {"type": "api", "direction": "inbound", "exposure": "internet"},
}

doc(spec) := object.union(base, {"spec": spec})

# 2026-06-01T12:00:00Z; "today" is 2026-06-01.
now := time.parse_rfc3339_ns("2026-06-01T12:00:00Z")

waived(waivers) := object.union(base, {"metadata": {"waivers": waivers}})

waiver(rule_id, expires) := {"rule": rule_id, "reason": "Accepted risk.", "expires": expires}

test_fires_on_expired_waiver if {
	rule.deny == {{
		"msg": `waiver for "availability/rate-limited" expired on 2026-05-31`,
		"path": ["metadata", "waivers", 0, "expires"],
	}} with input as waived([waiver("availability/rate-limited", "2026-05-31")]) with time.now_ns as now
}

test_waiver_expiring_today_is_valid if {
	count(rule.deny) == 0 with input as waived([waiver("availability/rate-limited", "2026-06-01")]) with time.now_ns as now
}

test_one_finding_per_expired_waiver if {
	rule.deny == {
		{"msg": `waiver for "logging/enabled" expired on 2025-01-01`, "path": ["metadata", "waivers", 0, "expires"]},
		{"msg": "waiver metadata.waivers[2] expired on 2026-01-01", "path": ["metadata", "waivers", 2, "expires"]},
	} with input as waived([
		waiver("logging/enabled", "2025-01-01"),
		waiver("monitoring/alerts", "2026-12-31"),
		{"reason": "no rule", "expires": "2026-01-01"},
	])
		with time.now_ns as now
}

test_applies_to_third_party if {
	count(rule.deny) == 1 with input as {
		"apiVersion": "ifacelint/v1",
		"kind": "ThirdParty",
		"metadata": {"id": "acme", "name": "Acme", "waivers": [waiver("ownership/owner-assigned", "2026-02-01")]},
		"spec": {},
	}
		with time.now_ns as now
}

test_passes_without_waivers_or_expiry if {
	count(rule.deny) == 0 with input as base with time.now_ns as now
	count(rule.deny) == 0 with input as waived([{"rule": "logging/enabled", "reason": "x"}]) with time.now_ns as now
}
