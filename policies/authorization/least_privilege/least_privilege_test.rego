package ifacelint.rules.authorization.least_privilege_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.authorization.least_privilege as rule

test_fires_on_privileged_account if {
	rule.deny == {{
		"msg": `integration service account "svc-sync" is privileged`,
		"path": ["spec", "authorization", "serviceAccount", "privileged"],
	}} with input as fixture.doc({"authorization": {"serviceAccount": {"name": "svc-sync", "privileged": true}}})
}

test_fires_on_unnamed_privileged_account if {
	rule.deny == {{
		"msg": "the integration service account is privileged",
		"path": ["spec", "authorization", "serviceAccount", "privileged"],
	}} with input as fixture.doc({"authorization": {"serviceAccount": {"privileged": true}}})
}

test_passes_unprivileged_or_absent if {
	count(rule.deny) == 0
		with input as fixture.doc({"authorization": {"serviceAccount": {"name": "svc-sync", "privileged": false}}})
	count(rule.deny) == 0 with input as fixture.doc({"authorization": {"serviceAccount": {"name": "svc-sync"}}})
	count(rule.deny) == 0 with input as fixture.base
}

test_fires_for_privileged_with_only_all_powerful_roles if {
	rule.deny == {{
		"msg": "privileged interface grants only all-powerful roles (\"*\", \"superuser\"): no role is scoped to a task",
		"path": ["spec", "authorization", "roles"],
	}} with input as fixture.doc({"privileged": true, "authorization": {"model": "rbac", "roles": ["superuser", "*"]}})
	count(rule.deny) == 1 with input as fixture.doc({"privileged": true, "authorization": {"roles": ["Admin"]}})
}

test_passes_with_a_scoped_role_or_unprivileged if {
	count(rule.deny) == 0 with input as fixture.doc({"privileged": true, "authorization": {"roles": ["admin", "auditor"]}})
	count(rule.deny) == 0 with input as fixture.doc({"authorization": {"roles": ["admin"]}})
	count(rule.deny) == 0 with input as fixture.doc({"privileged": true, "authorization": {"roles": []}})
}
