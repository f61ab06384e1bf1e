package ifacelint.rules.third_party.baa_required_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.third_party.baa_required as rule

phi := fixture.doc({"thirdParty": "acme", "data": {"categories": ["pii", "phi"]}})

test_fires_without_baa if {
	rule.deny == {{
		"msg": `third party "acme" receives health data (phi) but has no business associate agreement (contract.baa is not true)`,
		"path": ["spec", "thirdParty"],
	}} with input as phi
		with data.ifacelint.inventory as fixture.inventory({"contract": {"dpa": true}})
	count(rule.deny) == 1 with input as phi
		with data.ifacelint.inventory as fixture.inventory({"contract": {"baa": false}})
}

test_passes_with_baa if {
	count(rule.deny) == 0 with input as phi
		with data.ifacelint.inventory as fixture.inventory({"contract": {"baa": true}})
}

test_passes_without_phi_or_supplier if {
	count(rule.deny) == 0 with input as fixture.doc({"thirdParty": "acme", "data": {"categories": ["pii"]}})
		with data.ifacelint.inventory as fixture.inventory({})
	count(rule.deny) == 0 with input as fixture.doc({"thirdParty": "nobody", "data": {"categories": ["phi"]}})
		with data.ifacelint.inventory as fixture.inventory({})
	count(rule.deny) == 0 with input as fixture.doc({"data": {"categories": ["phi"]}})
		with data.ifacelint.inventory as fixture.inventory({})
}
