package ifacelint.rules.network.datastore_exposure_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.network.datastore_exposure as rule

db(spec) := fixture.doc(object.union({"type": "database"}, spec))

test_fires_for_an_internet_database if {
	rule.deny == {{
		"msg": "database is reachable from the internet (network.access not set) and has no network.allowlist",
		"path": ["spec", "network"],
	}} with input as db({})
	rule.deny == {{
		"msg": "queue is reachable from the internet (network.access \"public\") and has no network.allowlist",
		"path": ["spec", "network"],
	}} with input as fixture.doc({"type": "queue", "network": {"access": "public", "allowlist": []}})
}

test_fires_for_a_cache_by_its_scheme if {
	rule.deny == {{
		"msg": "cache is reachable from the internet (network.access not set) and has no network.allowlist",
		"path": ["spec", "network"],
	}} with input as fixture.doc({"endpoints": [{"url": "rediss://cache.example.com:6380"}]})
}

test_passes_behind_allowlist_or_restricted_access if {
	count(rule.deny) == 0 with input as db({"network": {"access": "public", "allowlist": ["203.0.113.0/28"]}})
	count(rule.deny) == 0 with input as db({"network": {"access": "zero-trust"}})
	count(rule.deny) == 0 with input as db({"network": {"access": "vpn"}})
}

test_passes_when_not_internet_or_not_a_store if {
	count(rule.deny) == 0 with input as db({"exposure": "partner"})
	count(rule.deny) == 0 with input as fixture.base
}
