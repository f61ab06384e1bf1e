package ifacelint.rules.availability.rate_limited_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.availability.rate_limited as rule

test_fires_without_rate_limit if {
	rule.deny == {{
		"msg": "internet-exposed api accepting requests has no rate limit (rateLimit.enabled is not true)",
		"path": ["spec", "rateLimit", "enabled"],
	}} with input as fixture.base
	rule.deny == {{
		"msg": "partner-exposed portal accepting requests has no rate limit (rateLimit.enabled is not true)",
		"path": ["spec", "rateLimit", "enabled"],
	}} with input as fixture.doc({
		"type": "portal",
		"exposure": "partner",
		"direction": "bidirectional",
		"rateLimit": {"enabled": false},
	})
	count(rule.deny) == 1 with input as fixture.doc({"type": "webhook"})
}

test_passes_with_rate_limit if {
	count(rule.deny) == 0 with input as fixture.doc({"rateLimit": {"enabled": true, "requestsPerMinute": 600}})
}

test_passes_when_not_in_scope if {
	count(rule.deny) == 0 with input as fixture.doc({"exposure": "internal"})
	count(rule.deny) == 0 with input as fixture.doc({"direction": "outbound"})
	count(rule.deny) == 0 with input as fixture.doc({"type": "queue"})
}

test_fires_without_a_limit_value if {
	rule.deny == {{
		"msg": "internet-exposed api enables a rate limit but does not say how high it is (rateLimit.requestsPerMinute)",
		"path": ["spec", "rateLimit", "enabled"],
	}} with input as fixture.doc({"rateLimit": {"enabled": true}})
}

test_fires_above_the_maximum if {
	rule.deny == {{
		"msg": "rateLimit.requestsPerMinute 1000000000 is above 100000",
		"path": ["spec", "rateLimit", "requestsPerMinute"],
	}} with input as fixture.doc({"rateLimit": {"enabled": true, "requestsPerMinute": 1000000000}})
}

test_passes_at_the_maximum if {
	count(rule.deny) == 0 with input as fixture.doc({"rateLimit": {"enabled": true, "requestsPerMinute": 100000}})
}

test_param_max_requests_per_minute if {
	count(rule.deny) == 1 with input as fixture.doc({"rateLimit": {"enabled": true, "requestsPerMinute": 600}})
		with data.ifacelint.params as {"availability/rate-limited": {"maxRequestsPerMinute": 500}}
}

test_rule_id if rule._rule == fixture.rule_id(rego.metadata.chain())
