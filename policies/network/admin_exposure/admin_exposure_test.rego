package ifacelint.rules.network.admin_exposure_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.network.admin_exposure as rule

admin(spec) := fixture.doc(object.union({"type": "portal", "privileged": true}, spec))

test_fires_for_public_access if {
	rule.deny == {{
		"msg": `privileged interface is reachable from the internet (network.access "public") and has no network.allowlist`,
		"path": ["spec", "network", "access"],
	}} with input as admin({"network": {"access": "public", "allowlist": []}})
}

test_fires_without_network_block if {
	rule.deny == {{
		"msg": "privileged interface is reachable from the internet (network.access not set) and has no network.allowlist",
		"path": ["spec", "network", "access"],
	}} with input as admin({})
}

test_passes_with_restricted_access if {
	every access in ["vpn", "zero-trust", "private"] {
		count(rule.deny) == 0 with input as admin({"network": {"access": access}})
	}
}

test_passes_with_allowlist if {
	count(rule.deny) == 0 with input as admin({"network": {"access": "public", "allowlist": ["203.0.113.0/24"]}})
}

test_passes_when_not_privileged_or_not_internet if {
	count(rule.deny) == 0 with input as fixture.doc({"type": "portal"})
	count(rule.deny) == 0 with input as admin({"exposure": "partner"})
}
