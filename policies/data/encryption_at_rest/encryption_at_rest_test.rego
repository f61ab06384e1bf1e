package ifacelint.rules.data.encryption_at_rest_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.data.encryption_at_rest as rule

store(t, spec) := fixture.doc(object.union({"type": t, "data": {"classification": "confidential"}}, spec))

test_fires_for_each_storing_type if {
	rule.deny == {{
		"msg": "database holding sensitive data is not encrypted at rest (encryption.atRest.enabled is not true)",
		"path": ["spec", "encryption", "atRest", "enabled"],
	}} with input as store("database", {})
	count(rule.deny) == 1 with input as store("queue", {"encryption": {"atRest": {"enabled": false}}})
	count(rule.deny) == 1 with input as store("file-transfer", {})
}

test_fires_for_sensitive_category if {
	count(rule.deny) == 1
		with input as store("queue", {"data": {"classification": "internal", "categories": ["credentials"]}})
}

test_passes_when_encrypted if {
	count(rule.deny) == 0 with input as store("database", {"encryption": {"atRest": {"enabled": true}}})
}

test_passes_when_not_sensitive if {
	count(rule.deny) == 0
		with input as store("database", {"data": {"classification": "internal", "categories": ["telemetry"]}})
}

test_passes_for_other_types if {
	count(rule.deny) == 0 with input as store("api", {})
}
