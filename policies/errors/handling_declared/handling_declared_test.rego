package ifacelint.rules.errors.handling_declared_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.errors.handling_declared as rule

test_fires_when_undeclared if {
	rule.deny == {{
		"msg": "internet-exposed api does not declare whether its errors expose details (errorHandling.exposesDetails)",
		"path": ["spec", "errorHandling", "exposesDetails"],
	}} with input as fixture.base
	count(rule.deny) == 1 with input as fixture.doc({"type": "portal", "exposure": "partner", "errorHandling": {}})
	count(rule.deny) == 1 with input as fixture.doc({"type": "webhook", "direction": "bidirectional"})
}

test_passes_when_declared if {
	count(rule.deny) == 0 with input as fixture.doc({"errorHandling": {"exposesDetails": false}})

	# true is errors/no-detail-leak's finding, not this rule's
	count(rule.deny) == 0 with input as fixture.doc({"errorHandling": {"exposesDetails": true}})
}

test_passes_out_of_scope if {
	count(rule.deny) == 0 with input as fixture.doc({"exposure": "internal"})
	count(rule.deny) == 0 with input as fixture.doc({"direction": "outbound"})
	count(rule.deny) == 0 with input as fixture.doc({"type": "queue"})
}

test_param_exposures_relaxes if {
	count(rule.deny) == 0 with input as fixture.doc({"exposure": "partner"})
		with data.ifacelint.params as {"errors/handling-declared": {"exposures": ["internet"]}}
	count(rule.deny) == 1 with input as fixture.doc({"exposure": "internal"})
		with data.ifacelint.params as {"errors/handling-declared": {"exposures": ["internet", "partner", "internal"]}}
}

test_rule_id if rule._rule == fixture.rule_id(rego.metadata.chain())
