package ifacelint.rules.third_party.dpa_required_test

import data.ifacelint.rules.third_party.dpa_required as rule

# A minimal schema-valid Interface; doc(spec) merges spec into it.
base := {
	"apiVersion": "ifacelint/v1",
	"kind": "Interface",
	"metadata": {"id": "orders-api", "name": "Orders API"},
	"spec": {"type": "api", "direction": "inbound", "exposure": "internet"},
}

doc(spec) := object.union(base, {"spec": spec})

iface := doc({"thirdParty": "acme", "data": {"categories": ["pii"]}})

third_party(spec) := {"apiVersion": "ifacelint/v1", "kind": "ThirdParty", "metadata": {"id": "acme", "name": "Acme Ltd"}, "spec": spec}

inventory(spec) := {"ThirdParty": {"acme": third_party(spec)}, "Interface": {}}

test_fires_without_dpa if {
	rule.deny == {{
		"msg": `third party "acme" receives personal data (pii) but has no data processing agreement (contract.dpa is not true)`,
		"path": ["spec", "thirdParty"],
	}} with input as iface with data.ifacelint.inventory as inventory({"contract": {"dpa": false}})
	count(rule.deny) == 1 with input as iface with data.ifacelint.inventory as inventory({})
}

test_fires_for_phi if {
	count(rule.deny) == 1 with input as doc({"thirdParty": "acme", "data": {"categories": ["phi"]}})
		with data.ifacelint.inventory as inventory({"contract": {"securityAddendum": true}})
}

test_passes_with_dpa if {
	count(rule.deny) == 0 with input as iface with data.ifacelint.inventory as inventory({"contract": {"dpa": true}})
}

test_passes_without_personal_data if {
	count(rule.deny) == 0 with input as doc({"thirdParty": "acme", "data": {"categories": ["pci", "telemetry"]}})
		with data.ifacelint.inventory as inventory({})
}

test_missing_third_party_is_left_to_inventory_reference if {
	count(rule.deny) == 0 with input as doc({"thirdParty": "nobody", "data": {"categories": ["pii"]}})
		with data.ifacelint.inventory as inventory({})
}
