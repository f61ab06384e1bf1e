package ifacelint.rules.authentication.required_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.authentication.required as rule

missing_finding := {
	"msg": "networked interface lists no authentication.methods",
	"path": ["spec", "authentication", "methods"],
}

none_finding(i) := {
	"msg": `authentication.methods includes "none": the interface accepts unauthenticated callers`,
	"path": ["spec", "authentication", "methods", i],
}

test_fires_without_methods if {
	rule.deny == {missing_finding} with input as fixture.base
}

test_fires_on_empty_methods if {
	rule.deny == {missing_finding} with input as fixture.doc({"authentication": {"methods": []}})
}

test_fires_on_none_at_its_index if {
	rule.deny == {none_finding(1)} with input as fixture.doc({"authentication": {"methods": ["oidc", "none"]}})
}

test_passes_with_methods if {
	count(rule.deny) == 0 with input as fixture.doc({"authentication": {"methods": ["oidc", "mtls"]}})
}

test_public_non_privileged_is_exempt if {
	count(rule.deny) == 0
		with input as fixture.doc({"data": {"classification": "public"}, "authentication": {"methods": ["none"]}})
	count(rule.deny) == 0 with input as fixture.doc({"data": {"classification": "public"}, "privileged": false})
}

test_public_privileged_is_not_exempt if {
	rule.deny == {missing_finding} with input as fixture.doc({"data": {"classification": "public"}, "privileged": true})
	rule.deny == {none_finding(0)}
		with input as fixture.doc({
			"data": {"classification": "public"},
			"privileged": true,
			"authentication": {"methods": ["none"]},
		})
}

test_internal_classification_is_not_exempt if {
	rule.deny == {none_finding(0)}
		with input as fixture.doc({"data": {"classification": "internal"}, "authentication": {"methods": ["none"]}})
}

test_workflow_is_not_networked if {
	count(rule.deny) == 0 with input as fixture.doc({"type": "workflow", "exposure": "internal"})
}

test_every_networked_type if {
	every t in ["api", "webhook", "queue", "portal", "cli", "network", "file-transfer", "database", "email"] {
		rule.deny == {missing_finding} with input as fixture.doc({"type": t})
	}
}

test_none_in_methods_that_are_not_a_list if {
	count(rule.deny) == 0 with input as fixture.doc({"authentication": {"methods": "none"}})
	rule.deny == {none_finding("basic")} with input as fixture.doc({"authentication": {"methods": {"basic": "none"}}})
}
