package ifacelint.rules.authentication.mfa_external_users_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.authentication.mfa_external_users as rule

portal(spec) := fixture.doc(object.union({"type": "portal", "authentication": {"methods": ["oidc"]}}, spec))

test_fires_without_mfa if {
	rule.deny == {{
		"msg": "internet-exposed portal does not require MFA of its users (authentication.mfa is not true)",
		"path": ["spec", "authentication", "mfa"],
	}} with input as portal({})
	count(rule.deny) == 1 with input as portal({"exposure": "partner", "authentication": {"methods": ["saml"], "mfa": false}})
}

test_passes_with_mfa if {
	count(rule.deny) == 0 with input as portal({"authentication": {"methods": ["oidc"], "mfa": true}})
}

test_leaves_privileged_internal_and_apis_alone if {
	count(rule.deny) == 0 with input as portal({"privileged": true})
	count(rule.deny) == 0 with input as portal({"exposure": "internal"})
	count(rule.deny) == 0 with input as fixture.doc({"authentication": {"methods": ["oauth2"]}})
}
