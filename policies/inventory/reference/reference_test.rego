package ifacelint.rules.inventory.reference_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.inventory.reference as rule

inventory := {
	"ThirdParty": {"acme": {
		"apiVersion": "ifacelint/v1",
		"kind": "ThirdParty",
		"metadata": {"id": "acme", "name": "Acme"},
		"spec": {},
	}},
	"Interface": {"orders-api": {"metadata": {"id": "orders-api", "name": "Orders API"}, "spec": {"type": "api"}}},
}

test_fires_on_unknown_third_party if {
	rule.deny == {{
		"msg": `spec.thirdParty "acme-ltd" names no ThirdParty document in the inventory`,
		"path": ["spec", "thirdParty"],
	}} with input as fixture.doc({"thirdParty": "acme-ltd"}) with data.ifacelint.inventory as inventory
}

test_interfaces_do_not_count_as_third_parties if {
	count(rule.deny) == 1 with input as fixture.doc({"thirdParty": "orders-api"})
		with data.ifacelint.inventory as inventory
}

test_fires_with_empty_inventory if {
	count(rule.deny) == 1 with input as fixture.doc({"thirdParty": "acme"}) with data.ifacelint.inventory as {}
}

test_passes_on_known_third_party if {
	count(rule.deny) == 0 with input as fixture.doc({"thirdParty": "acme"}) with data.ifacelint.inventory as inventory
}

test_passes_without_third_party if {
	count(rule.deny) == 0 with input as fixture.base with data.ifacelint.inventory as inventory
	count(rule.deny) == 0 with input as fixture.doc({"thirdParty": ""}) with data.ifacelint.inventory as inventory
}

test_fires_on_unknown_subprocessor if {
	rule.deny == {{
		"msg": `subprocessor "cloudhost" names no ThirdParty document in the inventory`,
		"path": ["spec", "subprocessors", 1],
	}} with input as fixture.third_party({"subprocessors": ["acme", "cloudhost"]})
		with data.ifacelint.inventory as inventory
}

test_passes_on_known_subprocessors if {
	count(rule.deny) == 0 with input as fixture.third_party({"subprocessors": ["acme"]})
		with data.ifacelint.inventory as inventory
	count(rule.deny) == 0 with input as fixture.third_party({})
		with data.ifacelint.inventory as inventory
}
