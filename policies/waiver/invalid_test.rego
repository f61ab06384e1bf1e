package ifacelint.rules.waiver.invalid_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.waiver.invalid as rule

known := {
	"availability/rate-limited": {},
	"logging/enabled": {},
	"schema/invalid": {},
	"waiver/expired": {},
	"waiver/invalid": {},
	"waiver/unused": {},
	"acme/payments-mtls": {},
}

test_passes_valid_waiver if {
	count(rule.deny) == 0 with input as fixture.waived([fixture.waiver("availability/rate-limited", "2026-12-31")])
		with data.ifacelint.known_rules as known
		with time.now_ns as fixture.now
}

test_custom_rules_can_be_waived if {
	count(rule.deny) == 0 with input as fixture.waived([fixture.waiver("acme/payments-mtls", "2026-12-31")])
		with data.ifacelint.known_rules as known
		with time.now_ns as fixture.now
}

test_fires_on_unknown_rule if {
	rule.deny == {{
		"msg": `waiver for "availability/rate-limit" is invalid: no such rule is known`,
		"path": ["metadata", "waivers", 0, "rule"],
	}} with input as fixture.waived([fixture.waiver("availability/rate-limit", "2026-12-31")])
		with data.ifacelint.known_rules as known
		with time.now_ns as fixture.now
}

test_fires_on_unwaivable_rules if {
	every rule_id in ["schema/invalid", "waiver/expired", "waiver/invalid", "waiver/unused", "waiver/other"] {
		rule.deny == {{
			"msg": sprintf("waiver for %q is invalid: the rule cannot be waived", [rule_id]),
			"path": ["metadata", "waivers", 0, "rule"],
		}} with input as fixture.waived([fixture.waiver(rule_id, "2026-12-31")])
			with data.ifacelint.known_rules as known
			with time.now_ns as fixture.now
	}
}

test_fires_on_each_missing_field if {
	rule.deny == {{
		"msg": "waiver metadata.waivers[0] is invalid: it names no rule",
		"path": ["metadata", "waivers", 0, "rule"],
	}} with input as fixture.waived([{"reason": "x", "expires": "2026-12-31"}])
		with data.ifacelint.known_rules as known
		with time.now_ns as fixture.now
	rule.deny == {{
		"msg": `waiver for "logging/enabled" is invalid: it gives no reason`,
		"path": ["metadata", "waivers", 0, "reason"],
	}} with input as fixture.waived([{"rule": "logging/enabled", "reason": "", "expires": "2026-12-31"}])
		with data.ifacelint.known_rules as known
		with time.now_ns as fixture.now
	rule.deny == {{
		"msg": `waiver for "logging/enabled" is invalid: it has no expiry date`,
		"path": ["metadata", "waivers", 0, "expires"],
	}} with input as fixture.waived([{"rule": "logging/enabled", "reason": "x"}])
		with data.ifacelint.known_rules as known
		with time.now_ns as fixture.now
}

test_names_every_problem_in_one_finding if {
	rule.deny == {{
		"msg": "waiver metadata.waivers[0] is invalid: it names no rule; it gives no reason; it has no expiry date",
		"path": ["metadata", "waivers", 0, "rule"],
	}} with input as fixture.waived([{"approvedBy": "security@example.com"}])
		with data.ifacelint.known_rules as known
		with time.now_ns as fixture.now
}

test_expiry_limit_boundary if {
	count(rule.deny) == 0 with input as fixture.waived([fixture.waiver("logging/enabled", "2027-06-01")])
		with data.ifacelint.known_rules as known
		with time.now_ns as fixture.now
	rule.deny == {{
		"msg": `waiver for "logging/enabled" is invalid: it expires on 2027-06-02, 366 days ahead, more than the 365 allowed`,
		"path": ["metadata", "waivers", 0, "expires"],
	}} with input as fixture.waived([fixture.waiver("logging/enabled", "2027-06-02")])
		with data.ifacelint.known_rules as known
		with time.now_ns as fixture.now
}

test_param_max_days if {
	count(rule.deny) == 1 with input as fixture.waived([fixture.waiver("logging/enabled", "2026-12-31")])
		with data.ifacelint.known_rules as known
		with data.ifacelint.params as {"waiver/invalid": {"maxDays": 90}}
		with time.now_ns as fixture.now
	count(rule.deny) == 0 with input as fixture.waived([fixture.waiver("logging/enabled", "2028-01-01")])
		with data.ifacelint.known_rules as known
		with data.ifacelint.params as {"waiver/invalid": {"maxDays": 730}}
		with time.now_ns as fixture.now
}

test_one_finding_per_invalid_waiver if {
	rule.deny == {
		{"msg": `waiver for "nope/nope" is invalid: no such rule is known`, "path": ["metadata", "waivers", 1, "rule"]},
		{
			"msg": `waiver for "waiver/unused" is invalid: the rule cannot be waived`,
			"path": ["metadata", "waivers", 2, "rule"],
		},
	} with input as fixture.waived([
		fixture.waiver("logging/enabled", "2026-12-31"),
		fixture.waiver("nope/nope", "2026-12-31"),
		fixture.waiver("waiver/unused", "2026-12-31"),
	])
		with data.ifacelint.known_rules as known
		with time.now_ns as fixture.now
}

test_expired_waiver_is_not_invalid if {
	count(rule.deny) == 0 with input as fixture.waived([fixture.waiver("logging/enabled", "2020-01-01")])
		with data.ifacelint.known_rules as known
		with time.now_ns as fixture.now
}

test_rule_id if rule._rule == fixture.rule_id(rego.metadata.chain())
