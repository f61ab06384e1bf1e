package ifacelint.rules.input.validation_test

import data.ifacelint.rules.input.validation as rule

# A minimal schema-valid Interface; doc(spec) merges spec into it.
base := {
	"apiVersion": "ifacelint/v1",
	"kind": "Interface",
	"metadata": {"id": "orders-api", "name": "Orders API"},
	"spec": {"type": "api", "direction": "inbound", "exposure": "internet"},
}

doc(spec) := object.union(base, {"spec": spec})

test_fires_without_validation if {
	rule.deny == {{
		"msg": "inbound api does not validate its input (inputValidation.enabled is not true)",
		"path": ["spec", "inputValidation", "enabled"],
	}} with input as base
	every t in ["webhook", "queue", "file-transfer"] {
		count(rule.deny) == 1 with input as doc({"type": t, "direction": "bidirectional", "inputValidation": {"enabled": false}})
	}
}

test_passes_with_validation if {
	count(rule.deny) == 0 with input as doc({"inputValidation": {"enabled": true}})
}

test_passes_outbound_or_other_types if {
	count(rule.deny) == 0 with input as doc({"direction": "outbound"})
	count(rule.deny) == 0 with input as doc({"type": "portal"})
	count(rule.deny) == 0 with input as doc({"type": "database"})
}
