package ifacelint.rules.logging.enabled_test

import data.ifacelint.rules.logging.enabled as rule

# A minimal schema-valid Interface; doc(spec) merges spec into it.
base := {
	"apiVersion": "ifacelint/v1",
	"kind": "Interface",
	"metadata": {"id": "orders-api", "name": "Orders API"},
	"spec": {"type": "api", "direction": "inbound", "exposure": "internet"},
}

doc(spec) := object.union(base, {"spec": spec})

finding := {"msg": "networked interface is not logged (logging.enabled is not true)", "path": ["spec", "logging", "enabled"]}

test_fires_without_logging if {
	rule.deny == {finding} with input as base
	rule.deny == {finding} with input as doc({"logging": {"enabled": false}})
	rule.deny == {finding} with input as doc({"logging": {"destination": "siem"}})
}

test_passes_when_enabled if {
	count(rule.deny) == 0 with input as doc({"logging": {"enabled": true}})
}

test_passes_for_workflow if {
	count(rule.deny) == 0 with input as doc({"type": "workflow", "exposure": "internal"})
}
