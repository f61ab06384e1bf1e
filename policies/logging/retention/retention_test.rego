package ifacelint.rules.logging.retention_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.logging.retention as rule

retention(days, spec) := fixture.doc(object.union({"logging": {"enabled": true, "retentionDays": days}}, spec))

restricted := {"data": {"classification": "restricted"}}

test_fires_below_min_days if {
	rule.deny == {{
		"msg": "logging.retentionDays is 30, below the required 90 days",
		"path": ["spec", "logging", "retentionDays"],
	}} with input as retention(30, {})
	count(rule.deny) == 1 with input as retention(89, {})
}

test_fires_when_missing if {
	rule.deny == {{
		"msg": "logging.retentionDays is missing; logs must be kept at least 90 days",
		"path": ["spec", "logging", "retentionDays"],
	}} with input as fixture.doc({"logging": {"enabled": true}})
	rule.deny == {{
		"msg": "logging.retentionDays is missing; logs must be kept at least 365 days for restricted data",
		"path": ["spec", "logging", "retentionDays"],
	}} with input as fixture.doc({"logging": {"enabled": true}, "data": {"classification": "restricted"}})
}

test_passes_at_min_days if {
	count(rule.deny) == 0 with input as retention(90, {})
	count(rule.deny) == 0 with input as retention(90, {"data": {"classification": "confidential"}})
}

test_restricted_needs_restricted_min_days if {
	rule.deny == {{
		"msg": "logging.retentionDays is 364, below the required 365 days for restricted data",
		"path": ["spec", "logging", "retentionDays"],
	}} with input as retention(364, restricted)
	count(rule.deny) == 0 with input as retention(365, restricted)
}

test_passes_when_logging_not_enabled if {
	count(rule.deny) == 0 with input as fixture.doc({"logging": {"enabled": false, "retentionDays": 1}})
	count(rule.deny) == 0 with input as fixture.base
}

test_params if {
	count(rule.deny) == 0 with input as retention(30, {})
		with data.ifacelint.params as {"logging/retention": {"minDays": 30, "restrictedMinDays": 180}}
	count(rule.deny) == 0 with input as retention(180, restricted)
		with data.ifacelint.params as {"logging/retention": {"minDays": 30, "restrictedMinDays": 180}}
	rule.deny == {{
		"msg": "logging.retentionDays is 179, below the required 180 days for restricted data",
		"path": ["spec", "logging", "retentionDays"],
	}} with input as retention(179, restricted)
		with data.ifacelint.params as {"logging/retention": {"minDays": 30, "restrictedMinDays": 180}}
}

test_restricted_also_needs_min_days if {
	# A minDays above restrictedMinDays still applies to restricted data.
	count(rule.deny) == 1 with input as retention(400, restricted)
		with data.ifacelint.params as {"logging/retention": {"minDays": 500, "restrictedMinDays": 365}}
}

test_rule_id if rule._rule == fixture.rule_id(rego.metadata.chain())
