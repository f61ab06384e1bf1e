package ifacelint.rules.monitoring.alerts_test

import data.ifacelint.rules.monitoring.alerts as rule

# A minimal schema-valid Interface; doc(spec) merges spec into it.
base := {
	"apiVersion": "ifacelint/v1",
	"kind": "Interface",
	"metadata": {"id": "orders-api", "name": "Orders API"},
	"spec": {"type": "api", "direction": "inbound", "exposure": "internet"},
}

doc(spec) := object.union(base, {"spec": spec})

test_fires_for_external if {
	rule.deny == {{"msg": "internet-exposed interface has no monitoring.alerts", "path": ["spec", "monitoring", "alerts"]}} with input as base
	rule.deny == {{"msg": "partner-exposed interface has no monitoring.alerts", "path": ["spec", "monitoring", "alerts"]}} with input as doc({"exposure": "partner", "monitoring": {"alerts": []}})
}

test_fires_for_privileged_internal if {
	rule.deny == {{"msg": "privileged interface has no monitoring.alerts", "path": ["spec", "monitoring", "alerts"]}} with input as doc({"exposure": "internal", "privileged": true, "monitoring": {"dashboard": "grafana/admin"}})
}

test_passes_with_alerts if {
	count(rule.deny) == 0 with input as doc({"monitoring": {"alerts": ["orders-5xx"]}})
}

test_passes_internal_unprivileged if {
	count(rule.deny) == 0 with input as doc({"exposure": "internal"})
	count(rule.deny) == 0 with input as doc({"exposure": "internal", "privileged": false})
}
