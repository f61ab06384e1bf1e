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
