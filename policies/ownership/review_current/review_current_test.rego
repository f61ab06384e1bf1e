package ifacelint.rules.ownership.review_current_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.ownership.review_current as rule

reviewed(date) := fixture.with_metadata({"lastReviewed": date})

test_fires_when_missing if {
	rule.deny == {{
		"msg": "metadata.lastReviewed is missing: there is no record of the interface being reviewed",
		"path": ["metadata", "lastReviewed"],
	}} with input as fixture.base with time.now_ns as fixture.now
}

test_fires_when_empty if {
	count(rule.deny) == 1 with input as reviewed("") with time.now_ns as fixture.now
}

test_fires_one_day_past_the_limit if {
	rule.deny == {{
		"msg": "last review on 2025-05-31 was 366 days ago, more than 365",
		"path": ["metadata", "lastReviewed"],
	}} with input as reviewed("2025-05-31") with time.now_ns as fixture.now
}

test_passes_exactly_at_the_limit if {
	count(rule.deny) == 0 with input as reviewed("2025-06-01") with time.now_ns as fixture.now
}

test_passes_when_recent if {
	count(rule.deny) == 0 with input as reviewed("2026-06-01") with time.now_ns as fixture.now
}

test_passes_future_date if {
	count(rule.deny) == 0 with input as reviewed("2026-09-14") with time.now_ns as fixture.now
}

test_param_max_age_days if {
	rule.deny == {{
		"msg": "last review on 2025-12-01 was 182 days ago, more than 180",
		"path": ["metadata", "lastReviewed"],
	}} with input as reviewed("2025-12-01")
		with time.now_ns as fixture.now
		with data.ifacelint.params as {"ownership/review-current": {"maxAgeDays": 180}}
}

test_rule_id if rule._rule == fixture.rule_id(rego.metadata.chain())
