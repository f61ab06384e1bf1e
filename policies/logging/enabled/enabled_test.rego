package ifacelint.rules.logging.enabled_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.logging.enabled as rule

finding := {
	"msg": "networked interface is not logged (logging.enabled is not true)",
	"path": ["spec", "logging", "enabled"],
}

test_fires_without_logging if {
	rule.deny == {finding} with input as fixture.base
	rule.deny == {finding} with input as fixture.doc({"logging": {"enabled": false}})
	rule.deny == {finding} with input as fixture.doc({"logging": {"destination": "siem"}})
}

test_passes_when_enabled if {
	count(rule.deny) == 0 with input as fixture.doc({"logging": {"enabled": true}})
}

test_passes_for_workflow if {
	count(rule.deny) == 0 with input as fixture.doc({"type": "workflow", "exposure": "internal"})
}
