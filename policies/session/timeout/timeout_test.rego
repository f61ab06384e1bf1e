package ifacelint.rules.session.timeout_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.session.timeout as rule

portal(spec) := fixture.doc(object.union({"type": "portal", "exposure": "internal", "privileged": true}, spec))

timeout(m) := portal({"session": {"timeoutMinutes": m}})

test_fires_without_timeout if {
	rule.deny == {{
		"msg": "privileged portal declares no session.timeoutMinutes",
		"path": ["spec", "session", "timeoutMinutes"],
	}} with input as portal({})
}

test_fires_above_max if {
	rule.deny == {{
		"msg": "privileged portal session.timeoutMinutes is 31, above the maximum of 30",
		"path": ["spec", "session", "timeoutMinutes"],
	}} with input as timeout(31)
}

test_passes_at_or_below_max if {
	count(rule.deny) == 0 with input as timeout(30)
	count(rule.deny) == 0 with input as timeout(5)
}

test_passes_when_not_privileged_portal if {
	count(rule.deny) == 0 with input as portal({"privileged": false})
	count(rule.deny) == 0 with input as portal({"type": "cli"})
}

test_param_max_minutes if {
	count(rule.deny) == 0 with input as timeout(60) with data.ifacelint.params as {"session/timeout": {"maxMinutes": 60}}
	count(rule.deny) == 1 with input as timeout(20) with data.ifacelint.params as {"session/timeout": {"maxMinutes": 15}}
}

test_rule_id if rule._rule == fixture.rule_id(rego.metadata.chain())
