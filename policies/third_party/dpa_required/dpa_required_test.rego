package ifacelint.rules.third_party.dpa_required_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.third_party.dpa_required as rule

iface := fixture.doc({"thirdParty": "acme", "data": {"categories": ["pii"]}})

test_fires_without_dpa if {
	rule.deny == {{
		"msg": concat(" ", [
			`third party "acme" receives personal data (pii)`,
			"but has no data processing agreement (contract.dpa is not true)",
		]),
		"path": ["spec", "thirdParty"],
	}} with input as iface with data.ifacelint.inventory as fixture.inventory({"contract": {"dpa": false}})
	count(rule.deny) == 1 with input as iface with data.ifacelint.inventory as fixture.inventory({})
}

test_fires_for_phi if {
	count(rule.deny) == 1 with input as fixture.doc({"thirdParty": "acme", "data": {"categories": ["phi"]}})
		with data.ifacelint.inventory as fixture.inventory({"contract": {"securityAddendum": true}})
}

test_passes_with_dpa if {
	count(rule.deny) == 0 with input as iface
		with data.ifacelint.inventory as fixture.inventory({"contract": {"dpa": true}})
}

test_passes_without_personal_data if {
	count(rule.deny) == 0 with input as fixture.doc({"thirdParty": "acme", "data": {"categories": ["pci", "telemetry"]}})
		with data.ifacelint.inventory as fixture.inventory({})
}

test_missing_third_party_is_left_to_inventory_reference if {
	count(rule.deny) == 0 with input as fixture.doc({"thirdParty": "nobody", "data": {"categories": ["pii"]}})
		with data.ifacelint.inventory as fixture.inventory({})
}
