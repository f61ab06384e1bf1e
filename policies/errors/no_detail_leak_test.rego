package ifacelint.rules.errors.no_detail_leak_test

import data.ifacelint.rules.errors.no_detail_leak as rule

# A minimal schema-valid Interface; doc(spec) merges spec into it.
base := {
	"apiVersion": "ifacelint/v1",
	"kind": "Interface",
	"metadata": {"id": "orders-api", "name": "Orders API"},
	"spec": {"type": "api", "direction": "inbound", "exposure": "internet"},
}

doc(spec) := object.union(base, {"spec": spec})

test_fires_when_external_exposes_details if {
	rule.deny == {{
		"msg": "internet-exposed interface returns error details to callers (errorHandling.exposesDetails is true)",
		"path": ["spec", "errorHandling", "exposesDetails"],
	}} with input as doc({"errorHandling": {"exposesDetails": true}})
	count(rule.deny) == 1 with input as doc({"exposure": "partner", "errorHandling": {"exposesDetails": true}})
}

test_passes_when_not_exposing if {
	count(rule.deny) == 0 with input as doc({"errorHandling": {"exposesDetails": false}})
	count(rule.deny) == 0 with input as base
}

test_passes_internal if {
	count(rule.deny) == 0 with input as doc({"exposure": "internal", "errorHandling": {"exposesDetails": true}})
}
