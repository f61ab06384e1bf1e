package ifacelint.rules.third_party.assurance_current_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.third_party.assurance_current as rule

iface := fixture.doc({"thirdParty": "acme", "criticality": "low"})

test_fires_for_declared_tier_without_report if {
	rule.deny == {{
		"msg": `third party "acme" is of high tier (declared) but has no assurance report (spec.assurance)`,
		"path": ["spec", "thirdParty"],
	}} with input as iface
		with data.ifacelint.inventory as fixture.inventory({"tier": "high"})
		with time.now_ns as fixture.now
}

test_fires_for_derived_tier_with_old_report if {
	rule.deny == {{
		"msg": `third party "acme" is of critical tier (derived from this interface's criticality and data) but its latest assurance report's period ended on 2025-05-31, 366 days ago, more than 365`,
		"path": ["spec", "thirdParty"],
	}} with input as fixture.doc({"thirdParty": "acme", "criticality": "critical"})
		with data.ifacelint.inventory as fixture.inventory({"assurance": [
			{"type": "soc2-type2", "periodEnd": "2025-05-31"},
			{"type": "pentest", "periodEnd": "2024-01-01"},
		]})
		with time.now_ns as fixture.now
}

test_passes_with_a_current_report if {
	count(rule.deny) == 0 with input as iface
		with data.ifacelint.inventory as fixture.inventory({"tier": "critical", "assurance": [
			{"type": "pentest", "periodEnd": "2024-01-01"},
			{"type": "iso27001", "periodEnd": "2025-06-01"},
		]})
		with time.now_ns as fixture.now
}

test_passes_for_lower_tiers if {
	count(rule.deny) == 0 with input as fixture.doc({"thirdParty": "acme", "criticality": "critical"})
		with data.ifacelint.inventory as fixture.inventory({"tier": "medium"})
		with time.now_ns as fixture.now
	count(rule.deny) == 0 with input as iface
		with data.ifacelint.inventory as fixture.inventory({})
		with time.now_ns as fixture.now
	count(rule.deny) == 0 with input as fixture.doc({"thirdParty": "nobody", "criticality": "critical"})
		with data.ifacelint.inventory as fixture.inventory({})
		with time.now_ns as fixture.now
}

test_param_max_age_days if {
	count(rule.deny) == 1 with input as iface
		with data.ifacelint.inventory as fixture.inventory({"tier": "high", "assurance": [{"type": "pentest", "periodEnd": "2026-01-01"}]})
		with data.ifacelint.params as {"third-party/assurance-current": {"maxAgeDays": 90}}
		with time.now_ns as fixture.now
}

test_rule_id if rule._rule == fixture.rule_id(rego.metadata.chain())
