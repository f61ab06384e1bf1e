package ifacelint.rules.third_party.unused_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.third_party.unused as rule

test_fires_when_unused if {
	rule.deny == {{
		"msg": `no interface uses third party "acme" (spec.thirdParty or a data flow) and no supplier lists it as a subprocessor`,
		"path": ["metadata", "id"],
	}} with input as fixture.third_party({})
		with data.ifacelint.inventory as {"ThirdParty": {"acme": object.union(fixture.third_party({}), {"used": false})}}
}

test_passes_when_used if {
	count(rule.deny) == 0 with input as fixture.third_party({})
		with data.ifacelint.inventory as {"ThirdParty": {"acme": object.union(fixture.third_party({}), {"used": true})}}
}

test_passes_without_the_mark if {
	# An inventory without the mark (ifacelint test's fixtures) reports nothing.
	count(rule.deny) == 0 with input as fixture.third_party({})
		with data.ifacelint.inventory as fixture.inventory({})
}
