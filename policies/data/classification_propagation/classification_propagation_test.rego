package ifacelint.rules.data.classification_propagation_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.data.classification_propagation as rule

inventory := {
	"System": {
		"ledger": {"spec": {"zone": "internal", "stores": {"classification": "restricted"}}},
		"wiki": {"spec": {"zone": "internal", "stores": {"classification": "internal"}}},
		"stats": {"spec": {"zone": "internal", "stores": {"classification": "public", "protection": ["aggregated"]}}},
		"bare": {"spec": {}},
	},
	"Interface": {"crm-api": {"spec": {"exposure": "partner", "data": {"classification": "confidential"}}}},
	"ThirdParty": {"acme": {"spec": {}}},
}

iface(classification, protection, flows) := fixture.doc({"data": {"classification": classification, "protection": protection, "flows": flows}})

test_fires_on_a_less_classified_receiver_of_inflow if {
	rule.deny == {{
		"msg": `interface is classified public but receives restricted data from "ledger" (spec.data.flows[1])`,
		"path": ["spec", "data", "classification"],
	}} with input as iface("public", [], [
		{"from": "crm-api", "to": "orders-api"},
		{"from": "ledger", "to": "orders-api"},
		{"from": "acme", "to": "orders-api"},
	])
		with data.ifacelint.inventory as inventory
}

test_fires_on_a_less_classified_destination if {
	rule.deny == {{
		"msg": `interface sends confidential data to system "wiki", which is classified internal`,
		"path": ["spec", "data", "flows", 0, "to"],
	}} with input as iface("confidential", [], [
		{"from": "orders-api", "to": "wiki"},
		{"from": "orders-api", "to": "stats"},
		{"from": "orders-api", "to": "bare"},
		{"from": "orders-api", "to": "external:x"},
	])
		with data.ifacelint.inventory as inventory
}

test_reducing_transformation_passes if {
	count(rule.deny) == 0 with input as iface("public", ["aggregated"], [{"from": "ledger", "to": "orders-api"}])
		with data.ifacelint.inventory as inventory
	count(rule.deny) == 0 with input as iface("internal", ["tokenized"], [{"from": "crm-api", "to": "orders-api"}])
		with data.ifacelint.inventory as inventory
}

test_passes_when_classified_enough if {
	count(rule.deny) == 0 with input as iface("restricted", [], [{"from": "ledger", "to": "orders-api"}, {"from": "crm-api", "to": "ledger"}])
		with data.ifacelint.inventory as inventory
	count(rule.deny) == 0 with input as fixture.doc({"data": {"flows": [{"from": "ledger", "to": "orders-api"}]}})
		with data.ifacelint.inventory as inventory
}

test_fires_without_protection_listed if {
	count(rule.deny) == 1 with input as fixture.doc({"data": {"classification": "public", "flows": [{"from": "ledger", "to": "orders-api"}]}})
		with data.ifacelint.inventory as inventory
}
