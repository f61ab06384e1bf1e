package ifacelint.rules.ownership.purpose_documented_test

import data.ifacelint.rules.ownership.purpose_documented as rule

# A minimal schema-valid Interface; doc(spec) merges spec into it.
base := {
	"apiVersion": "ifacelint/v1",
	"kind": "Interface",
	"metadata": {"id": "orders-api", "name": "Orders API"},
	"spec": {"type": "api", "direction": "inbound", "exposure": "internet"},
}

doc(spec) := object.union(base, {"spec": spec})

with_description(d) := object.union(base, {"metadata": {"description": d}})

test_fires_without_description if {
	rule.deny == {{"msg": "interface has no metadata.description saying what it is for", "path": ["metadata", "description"]}} with input as base
}

test_fires_on_empty_description if {
	count(rule.deny) == 1 with input as with_description("")
}

test_passes_with_description if {
	count(rule.deny) == 0 with input as with_description("Lets the shop place orders.")
}

test_ignores_third_party if {
	count(rule.deny) == 0 with input as {"apiVersion": "ifacelint/v1", "kind": "ThirdParty", "metadata": {"id": "acme", "name": "Acme"}, "spec": {}}
}
