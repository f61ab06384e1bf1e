package ifacelint.rules.data.flow_endpoint_known_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.data.flow_endpoint_known as rule

inventory := {
	"System": {"ledger": {"spec": {"zone": "internal"}}},
	"Interface": {"orders-api": {"spec": {"exposure": "internet"}}},
	"ThirdParty": {"acme": {"spec": {}}},
}

flows(fs) := fixture.doc({"data": {"flows": fs}})

test_fires_on_unknown_ends if {
	rule.deny == {
		{
			"msg": `flow from "ghost-system" names no System, Interface or ThirdParty in the inventory (write external:ghost-system for a party outside it)`,
			"path": ["spec", "data", "flows", 0, "from"],
		},
		{
			"msg": `flow to "external:" has no name after external:`,
			"path": ["spec", "data", "flows", 1, "to"],
		},
	} with input as flows([{"from": "ghost-system", "to": "ledger"}, {"from": "acme", "to": "external:"}])
		with data.ifacelint.inventory as inventory
}

test_quiet_without_systems if {
	count(rule.deny) == 0 with input as flows([{"from": "ghost-system", "to": "ledger"}])
		with data.ifacelint.inventory as {"System": {}, "Interface": {}, "ThirdParty": {}}
	count(rule.deny) == 0 with input as flows([{"from": "ghost-system", "to": "ledger"}])
		with data.ifacelint.inventory as {"Interface": {}, "ThirdParty": {}}
}

test_passes_on_known_and_external_ends if {
	count(rule.deny) == 0 with input as flows([
		{"from": "ledger", "to": "orders-api"},
		{"from": "orders-api", "to": "acme"},
		{"from": "external:merchant-systems", "to": "orders-api"},
		{"from": "ledger"},
	])
		with data.ifacelint.inventory as inventory
	count(rule.deny) == 0 with input as fixture.base with data.ifacelint.inventory as inventory
}
