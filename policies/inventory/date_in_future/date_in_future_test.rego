package ifacelint.rules.inventory.date_in_future_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.inventory.date_in_future as rule

test_fires_on_a_future_review if {
	rule.deny == {{
		"msg": "metadata.lastReviewed 2030-01-01 is 1310 days after today: a past event cannot be dated in the future",
		"path": ["metadata", "lastReviewed"],
	}} with input as fixture.with_metadata({"lastReviewed": "2030-01-01"}) with time.now_ns as fixture.now
}

test_fires_on_a_future_pentest_and_assessment if {
	rule.deny == {{
		"msg": "spec.securityTesting.lastPentest 2026-06-03 is 2 days after today: a past event cannot be dated in the future",
		"path": ["spec", "securityTesting", "lastPentest"],
	}} with input as fixture.doc({"securityTesting": {"lastPentest": "2026-06-03"}}) with time.now_ns as fixture.now
	rule.deny == {{
		"msg": "spec.assessment.date 2027-01-01 is 214 days after today: a past event cannot be dated in the future",
		"path": ["spec", "assessment", "date"],
	}} with input as fixture.third_party({"assessment": {"date": "2027-01-01"}}) with time.now_ns as fixture.now
}

test_passes_today_tomorrow_and_past if {
	count(rule.deny) == 0 with input as fixture.with_metadata({"lastReviewed": "2026-06-02"}) with time.now_ns as fixture.now
	count(rule.deny) == 0 with input as fixture.doc({"securityTesting": {"lastPentest": "2026-06-01"}}) with time.now_ns as fixture.now
	count(rule.deny) == 0 with input as fixture.third_party({"assessment": {"date": "2020-01-01"}}) with time.now_ns as fixture.now
}

test_passes_on_other_dates if {
	# A contract's expiry and a sunset are meant to be in the future.
	count(rule.deny) == 0 with input as fixture.third_party({"contract": {"expires": "2030-01-01"}}) with time.now_ns as fixture.now
	count(rule.deny) == 0 with input as fixture.doc({"sunset": "2030-01-01"}) with time.now_ns as fixture.now
}

test_param_max_days_ahead if {
	count(rule.deny) == 0 with input as fixture.with_metadata({"lastReviewed": "2026-06-03"})
		with time.now_ns as fixture.now
		with data.ifacelint.params as {"inventory/date-in-future": {"maxDaysAhead": 7}}
}

test_rule_id if rule._rule == fixture.rule_id(rego.metadata.chain())
