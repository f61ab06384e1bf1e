package ifacelint.rules.authorization.model_declared_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.authorization.model_declared as rule

missing_finding := {
	"msg": "interface carries sensitive data but declares no authorization.model",
	"path": ["spec", "authorization", "model"],
}

test_fires_for_sensitive_classification if {
	rule.deny == {missing_finding} with input as fixture.doc({"data": {"classification": "confidential"}})
	rule.deny == {missing_finding}
		with input as fixture.doc({"data": {"classification": "restricted"}, "authorization": {"model": ""}})
}

test_fires_for_sensitive_category if {
	every c in ["pii", "phi", "pci", "credentials"] {
		rule.deny == {missing_finding} with input as fixture.doc({"data": {"classification": "internal", "categories": [c]}})
	}
}

test_fires_on_model_none if {
	rule.deny == {{
		"msg": `interface carries sensitive data but its authorization.model is "none"`,
		"path": ["spec", "authorization", "model"],
	}} with input as fixture.doc({"data": {"categories": ["pii"]}, "authorization": {"model": "none"}})
}

test_passes_with_model if {
	count(rule.deny) == 0
		with input as fixture.doc({"data": {"classification": "restricted"}, "authorization": {"model": "rbac"}})
}

test_passes_when_not_sensitive if {
	count(rule.deny) == 0
		with input as fixture.doc({"data": {"classification": "internal", "categories": ["telemetry", "financial"]}})
	count(rule.deny) == 0 with input as fixture.base
}
