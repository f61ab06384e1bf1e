package ifacelint.rules.third_party.review_due_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.third_party.review_due as rule

tp(date) := fixture.third_party({"assessment": {"date": date, "result": "approved"}})

test_fires_within_the_notice if {
	rule.deny == {{
		"msg": "the assessment of 2025-07-01 falls due for renewal in 30 days (third-party/assessment-current allows 365 days)",
		"path": ["spec", "assessment", "date"],
	}} with input as tp("2025-07-01")
		with time.now_ns as fixture.now
	count(rule.deny) == 1 with input as tp("2025-06-01")
		with time.now_ns as fixture.now
}

test_passes_outside_the_notice if {
	count(rule.deny) == 0 with input as tp("2025-07-02")
		with time.now_ns as fixture.now
	count(rule.deny) == 0 with input as tp("2025-05-31") # assessment-current's
		with time.now_ns as fixture.now
	count(rule.deny) == 0 with input as fixture.third_party({})
		with time.now_ns as fixture.now
}

test_params if {
	count(rule.deny) == 1 with input as tp("2026-01-01")
		with data.ifacelint.params as {
			"third-party/assessment-current": {"maxAgeDays": 180},
			"third-party/review-due": {"minNoticeDays": 30},
		}
		with time.now_ns as fixture.now
	count(rule.deny) == 0 with input as tp("2025-07-01")
		with data.ifacelint.params as {"third-party/review-due": {"minNoticeDays": 30}}
		with time.now_ns as fixture.now
}

test_rule_id if rule._rule == fixture.rule_id(rego.metadata.chain())
