package ifacelint.rules.change.managed_test

import data.ifacelint.rules.change.managed as rule

# A minimal schema-valid Interface; doc(spec) merges spec into it.
base := {
	"apiVersion": "ifacelint/v1",
	"kind": "Interface",
	"metadata": {"id": "orders-api", "name": "Orders API"},
	"spec": {"type": "api", "direction": "inbound", "exposure": "internet"},
}

doc(spec) := object.union(base, {"spec": spec})

test_fires_without_process if {
	rule.deny == {{
		"msg": "interface names no change-management process (changeManagement.process)",
		"path": ["spec", "changeManagement", "process"],
	}} with input as base
	count(rule.deny) == 1 with input as doc({"changeManagement": {"ticket": "CHG-1", "approvals": 2}})
	count(rule.deny) == 1 with input as doc({"changeManagement": {"process": ""}})
}

test_passes_with_process if {
	count(rule.deny) == 0 with input as doc({"changeManagement": {"process": "CAB"}})
}
