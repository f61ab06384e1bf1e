package ifacelint.rules.third_party.assessment_current_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.third_party.assessment_current as rule

iface := fixture.doc({"thirdParty": "acme", "data": {"categories": ["pii"]}})

test_fires_when_assessment_is_old if {
	rule.deny == {{
		"msg": `third party "acme" was last assessed on 2025-05-31, 366 days ago, more than 365`,
		"path": ["spec", "thirdParty"],
	}} with input as iface
		with data.ifacelint.inventory as fixture.inventory({"assessment": {"date": "2025-05-31", "result": "approved"}})
		with time.now_ns as fixture.now
}

test_passes_exactly_at_the_limit if {
	count(rule.deny) == 0 with input as iface
		with data.ifacelint.inventory as fixture.inventory({"assessment": {"date": "2025-06-01", "result": "approved"}})
		with time.now_ns as fixture.now
}

test_fires_without_assessment_date if {
	rule.deny == {{
		"msg": `third party "acme" has no security assessment (assessment.date is missing)`,
		"path": ["spec", "thirdParty"],
	}} with input as iface
		with data.ifacelint.inventory as fixture.inventory({"assessment": {"result": "approved"}})
		with time.now_ns as fixture.now
	count(rule.deny) == 1 with input as iface
		with data.ifacelint.inventory as fixture.inventory({})
		with time.now_ns as fixture.now
}

test_fires_once_when_rejected if {
	rule.deny == {{
		"msg": `third party "acme" failed its security assessment (assessment.result is "rejected")`,
		"path": ["spec", "thirdParty"],
	}} with input as iface
		with data.ifacelint.inventory as fixture.inventory({"assessment": {"date": "2026-05-01", "result": "rejected"}})
		with time.now_ns as fixture.now
	count(rule.deny) == 1 with input as iface
		with data.ifacelint.inventory as fixture.inventory({"assessment": {"date": "2020-01-01", "result": "rejected"}})
		with time.now_ns as fixture.now
}

test_passes_when_current if {
	count(rule.deny) == 0 with input as iface
		with data.ifacelint.inventory as fixture.inventory({"assessment": {"date": "2026-01-15", "result": "conditional"}})
		with time.now_ns as fixture.now
	count(rule.deny) == 0 with input as iface
		with data.ifacelint.inventory as fixture.inventory({"assessment": {"date": "2026-07-01", "result": "approved"}})
		with time.now_ns as fixture.now
}

test_missing_third_party_is_left_to_inventory_reference if {
	count(rule.deny) == 0 with input as fixture.doc({"thirdParty": "nobody"})
		with data.ifacelint.inventory as fixture.inventory({})
		with time.now_ns as fixture.now
}

test_passes_without_third_party if {
	count(rule.deny) == 0 with input as fixture.base
		with data.ifacelint.inventory as fixture.inventory({})
		with time.now_ns as fixture.now
}

test_param_max_age_days if {
	count(rule.deny) == 1 with input as iface
		with data.ifacelint.inventory as fixture.inventory({"assessment": {"date": "2026-01-15", "result": "approved"}})
		with data.ifacelint.params as {"third-party/assessment-current": {"maxAgeDays": 90}}
		with time.now_ns as fixture.now
}

test_rule_id if rule._rule == fixture.rule_id(rego.metadata.chain())
