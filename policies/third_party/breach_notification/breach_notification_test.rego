package ifacelint.rules.third_party.breach_notification_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.third_party.breach_notification as rule

iface := fixture.doc({"thirdParty": "acme"})

test_fires_without_commitment if {
	rule.deny == {{
		"msg": `third party "acme" is of critical tier (declared) but has no breach notification commitment (contract.breachNotificationHours is missing)`,
		"path": ["spec", "thirdParty"],
	}} with input as iface
		with data.ifacelint.inventory as fixture.inventory({"tier": "critical", "contract": {"dpa": true}})
}

test_fires_when_too_slow_for_derived_tier if {
	rule.deny == {{
		"msg": `third party "acme" is of critical tier (derived from this interface's criticality and data) but commits to notify a breach only within 96 hours, more than 72 (contract.breachNotificationHours)`,
		"path": ["spec", "thirdParty"],
	}} with input as fixture.doc({"thirdParty": "acme", "criticality": "critical"})
		with data.ifacelint.inventory as fixture.inventory({"contract": {"breachNotificationHours": 96}})
}

test_passes if {
	count(rule.deny) == 0 with input as iface
		with data.ifacelint.inventory as fixture.inventory({"tier": "critical", "contract": {"breachNotificationHours": 72}})
	count(rule.deny) == 0 with input as iface
		with data.ifacelint.inventory as fixture.inventory({"tier": "high"})
	count(rule.deny) == 0 with input as fixture.doc({"thirdParty": "acme", "criticality": "high"})
		with data.ifacelint.inventory as fixture.inventory({})
	count(rule.deny) == 0 with input as fixture.doc({"thirdParty": "nobody", "criticality": "critical"})
		with data.ifacelint.inventory as fixture.inventory({})
}

test_param_max_hours if {
	count(rule.deny) == 1 with input as iface
		with data.ifacelint.inventory as fixture.inventory({"tier": "critical", "contract": {"breachNotificationHours": 48}})
		with data.ifacelint.params as {"third-party/breach-notification": {"maxHours": 24}}
}

test_rule_id if rule._rule == fixture.rule_id(rego.metadata.chain())
