package ifacelint.rules.monitoring.alerts_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.monitoring.alerts as rule

test_fires_for_external if {
	rule.deny == {{"msg": "internet-exposed interface has no monitoring.alerts", "path": ["spec", "monitoring", "alerts"]}}
		with input as fixture.base
	rule.deny == {{"msg": "partner-exposed interface has no monitoring.alerts", "path": ["spec", "monitoring", "alerts"]}}
		with input as fixture.doc({"exposure": "partner", "monitoring": {"alerts": []}})
}

test_fires_for_privileged_internal if {
	rule.deny == {{"msg": "privileged interface has no monitoring.alerts", "path": ["spec", "monitoring", "alerts"]}}
		with input as fixture.doc({"exposure": "internal", "privileged": true, "monitoring": {"dashboard": "grafana/admin"}})
}

test_passes_with_alerts if {
	count(rule.deny) == 0 with input as fixture.doc({"monitoring": {"alerts": ["orders-5xx"]}})
}

test_passes_internal_unprivileged if {
	count(rule.deny) == 0 with input as fixture.doc({"exposure": "internal"})
	count(rule.deny) == 0 with input as fixture.doc({"exposure": "internal", "privileged": false})
}
