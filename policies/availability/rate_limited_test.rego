package ifacelint.rules.availability.rate_limited_test

import data.ifacelint.rules.availability.rate_limited as rule

# A minimal schema-valid Interface; doc(spec) merges spec into it.
base := {
	"apiVersion": "ifacelint/v1",
	"kind": "Interface",
	"metadata": {"id": "orders-api", "name": "Orders API"},
	"spec": {"type": "api", "direction": "inbound", "exposure": "internet"},
}

doc(spec) := object.union(base, {"spec": spec})

test_fires_without_rate_limit if {
	rule.deny == {{
		"msg": "internet-exposed api accepting requests has no rate limit (rateLimit.enabled is not true)",
		"path": ["spec", "rateLimit", "enabled"],
	}} with input as base
	rule.deny == {{
		"msg": "partner-exposed portal accepting requests has no rate limit (rateLimit.enabled is not true)",
		"path": ["spec", "rateLimit", "enabled"],
	}} with input as doc({"type": "portal", "exposure": "partner", "direction": "bidirectional", "rateLimit": {"enabled": false}})
	count(rule.deny) == 1 with input as doc({"type": "webhook"})
}

test_passes_with_rate_limit if {
	count(rule.deny) == 0 with input as doc({"rateLimit": {"enabled": true, "requestsPerMinute": 600}})
}

test_passes_when_not_in_scope if {
	count(rule.deny) == 0 with input as doc({"exposure": "internal"})
	count(rule.deny) == 0 with input as doc({"direction": "outbound"})
	count(rule.deny) == 0 with input as doc({"type": "queue"})
}
