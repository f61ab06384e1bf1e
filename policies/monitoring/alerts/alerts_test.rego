package ifacelint.rules.monitoring.alerts_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.monitoring.alerts as rule

alert(kind) := {"kind": kind, "ref": sprintf("orders-%s", [kind])}

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

test_fires_for_external_without_an_auth_failure_alert if {
	rule.deny == {{"msg": "internet-exposed interface has no alert of kind \"auth-failure-spike\" in monitoring.alerts", "path": ["spec", "monitoring", "alerts"]}}
		with input as fixture.doc({"monitoring": {"alerts": [alert("error-rate")]}})
}

test_a_plain_string_has_no_kind if {
	count(rule.deny) == 1 with input as fixture.doc({"monitoring": {"alerts": ["todo"]}})
	count(rule.deny) == 1 with input as fixture.doc({"monitoring": {"alerts": ["auth-failure-spike"]}})
}

test_fires_for_privileged_without_login_and_config_alerts if {
	rule.deny == {{"msg": "privileged interface has no alert of kind \"anomalous-login\", \"config-change\" in monitoring.alerts", "path": ["spec", "monitoring", "alerts"]}}
		with input as fixture.doc({"exposure": "internal", "privileged": true, "monitoring": {"alerts": [alert("error-rate"), "admin-5xx"]}})
	rule.deny == {{"msg": "privileged internet-exposed interface has no alert of kind \"anomalous-login\", \"auth-failure-spike\" in monitoring.alerts", "path": ["spec", "monitoring", "alerts"]}}
		with input as fixture.doc({"privileged": true, "monitoring": {"alerts": [alert("config-change")]}})
}

test_passes_with_the_required_kinds if {
	count(rule.deny) == 0 with input as fixture.doc({"monitoring": {"alerts": [alert("auth-failure-spike"), "orders-5xx"]}})
	count(rule.deny) == 0 with input as fixture.doc({"privileged": true, "monitoring": {"alerts": [
		alert("auth-failure-spike"), alert("anomalous-login"), alert("config-change"),
	]}})
}

test_passes_internal_unprivileged if {
	count(rule.deny) == 0 with input as fixture.doc({"exposure": "internal"})
	count(rule.deny) == 0 with input as fixture.doc({"exposure": "internal", "privileged": false})
	count(rule.deny) == 0 with input as fixture.doc({"exposure": "internal", "monitoring": {"alerts": ["todo"]}})
}

test_params_name_the_required_kinds if {
	count(rule.deny) == 0 with input as fixture.doc({"monitoring": {"alerts": ["orders-5xx"]}})
		with data.ifacelint.params as {"monitoring/alerts": {"privilegedKinds": [], "externalKinds": []}}
	count(rule.deny) == 1 with input as fixture.doc({"exposure": "internal", "privileged": true, "monitoring": {"alerts": [alert("anomalous-login"), alert("config-change")]}})
		with data.ifacelint.params as {"monitoring/alerts": {"privilegedKinds": ["privileged-action"], "externalKinds": []}}
}

test_rule_id if rule._rule == fixture.rule_id(rego.metadata.chain())
