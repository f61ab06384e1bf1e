package ifacelint.rules.waiver.expired_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.waiver.expired as rule

test_fires_on_expired_waiver if {
	rule.deny == {{
		"msg": `waiver for "availability/rate-limited" expired on 2026-05-31`,
		"path": ["metadata", "waivers", 0, "expires"],
	}} with input as fixture.waived([fixture.waiver("availability/rate-limited", "2026-05-31")])
		with time.now_ns as fixture.now
}

test_waiver_expiring_today_is_valid if {
	count(rule.deny) == 0 with input as fixture.waived([fixture.waiver("availability/rate-limited", "2026-06-01")])
		with time.now_ns as fixture.now
}

test_one_finding_per_expired_waiver if {
	rule.deny == {
		{"msg": `waiver for "logging/enabled" expired on 2025-01-01`, "path": ["metadata", "waivers", 0, "expires"]},
		{"msg": "waiver metadata.waivers[2] expired on 2026-01-01", "path": ["metadata", "waivers", 2, "expires"]},
	} with input as fixture.waived([
		fixture.waiver("logging/enabled", "2025-01-01"),
		fixture.waiver("monitoring/alerts", "2026-12-31"),
		{"reason": "no rule", "expires": "2026-01-01"},
	])
		with time.now_ns as fixture.now
}

test_applies_to_third_party if {
	count(rule.deny) == 1 with input as {
		"apiVersion": "ifacelint/v1",
		"kind": "ThirdParty",
		"metadata": {"id": "acme", "name": "Acme", "waivers": [fixture.waiver("ownership/owner-assigned", "2026-02-01")]},
		"spec": {},
	}
		with time.now_ns as fixture.now
}

test_passes_without_waivers_or_expiry if {
	count(rule.deny) == 0 with input as fixture.base with time.now_ns as fixture.now
	count(rule.deny) == 0 with input as fixture.waived([{"rule": "logging/enabled", "reason": "x"}])
		with time.now_ns as fixture.now
}
