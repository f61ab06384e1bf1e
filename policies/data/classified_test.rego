package ifacelint.rules.data.classified_test

import data.ifacelint.rules.data.classified as rule

# A minimal schema-valid Interface; doc(spec) merges spec into it.
base := {
	"apiVersion": "ifacelint/v1",
	"kind": "Interface",
	"metadata": {"id": "orders-api", "name": "Orders API"},
	"spec": {"type": "api", "direction": "inbound", "exposure": "internet"},
}

doc(spec) := object.union(base, {"spec": spec})

test_fires_without_classification if {
	rule.deny == {{"msg": "interface does not declare spec.data.classification", "path": ["spec", "data", "classification"]}} with input as base
	count(rule.deny) == 1 with input as doc({"data": {"categories": ["pii"]}})
	count(rule.deny) == 1 with input as doc({"data": {"classification": ""}})
}

test_passes_with_classification if {
	every c in ["public", "internal", "confidential", "restricted"] {
		count(rule.deny) == 0 with input as doc({"data": {"classification": c}})
	}
}

test_ignores_third_party if {
	count(rule.deny) == 0 with input as {"apiVersion": "ifacelint/v1", "kind": "ThirdParty", "metadata": {"id": "acme", "name": "Acme"}, "spec": {}}
}
