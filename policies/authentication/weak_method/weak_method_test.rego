package ifacelint.rules.authentication.weak_method_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.authentication.weak_method as rule

test_fires_on_password_without_mfa if {
	rule.deny == {{
		"msg": `internet-exposed interface accepts weak authentication "password" without MFA`,
		"path": ["spec", "authentication", "methods"],
	}} with input as fixture.doc({"authentication": {"methods": ["oidc", "password"]}})
}

test_names_both_weak_methods_in_one_finding if {
	rule.deny == {{
		"msg": `partner-exposed interface accepts weak authentication "basic", "password" without MFA`,
		"path": ["spec", "authentication", "methods"],
	}}
		with input as fixture.doc({"exposure": "partner", "authentication": {"methods": ["password", "basic"], "mfa": false}})
}

test_passes_with_mfa if {
	count(rule.deny) == 0 with input as fixture.doc({"authentication": {"methods": ["basic"], "mfa": true}})
}

test_passes_internal if {
	count(rule.deny) == 0 with input as fixture.doc({"exposure": "internal", "authentication": {"methods": ["basic"]}})
}

test_passes_strong_methods if {
	count(rule.deny) == 0 with input as fixture.doc({"authentication": {"methods": ["oidc", "mtls"]}})
	count(rule.deny) == 0 with input as fixture.base
}
