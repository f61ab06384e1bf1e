package ifacelint.rules.authentication.admin_mfa_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.authentication.admin_mfa as rule

admin(spec) := fixture.doc(object.union({"type": "portal", "exposure": "internal", "privileged": true}, spec))

test_fires_when_mfa_missing if {
	rule.deny == {{
		"msg": "privileged portal interface does not require MFA (authentication.mfa is not true)",
		"path": ["spec", "authentication", "mfa"],
	}} with input as admin({"authentication": {"methods": ["sso"]}})
}

test_fires_when_mfa_false if {
	count(rule.deny) == 1 with input as admin({"authentication": {"methods": ["sso"], "mfa": false}})
}

test_fires_for_cli_and_network if {
	rule.deny == {{
		"msg": "privileged cli interface does not require MFA (authentication.mfa is not true)",
		"path": ["spec", "authentication", "mfa"],
	}} with input as admin({"type": "cli"})
	count(rule.deny) == 1 with input as admin({"type": "network"})
}

test_passes_with_mfa if {
	count(rule.deny) == 0 with input as admin({"authentication": {"methods": ["sso"], "mfa": true}})
}

test_passes_when_not_privileged if {
	count(rule.deny) == 0 with input as admin({"privileged": false})
	count(rule.deny) == 0 with input as fixture.doc({"type": "portal"})
}

test_passes_for_other_types if {
	count(rule.deny) == 0 with input as admin({"type": "api"})
	count(rule.deny) == 0 with input as admin({"type": "database"})
}
