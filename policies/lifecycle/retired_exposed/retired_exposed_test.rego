package ifacelint.rules.lifecycle.retired_exposed_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.lifecycle.retired_exposed as rule

endpoints := [{"url": "https://orders.example.com/v1"}]

test_fires_on_a_retired_internet_interface_with_endpoints if {
	rule.deny == {{
		"msg": "the interface is retired but still lists 1 endpoint(s) reachable from internet",
		"path": ["spec", "lifecycle"],
	}} with input as fixture.doc({"lifecycle": "retired", "endpoints": endpoints})
}

test_counts_the_versions_endpoints if {
	rule.deny == {{
		"msg": "the interface is retired but still lists 2 endpoint(s) reachable from partner",
		"path": ["spec", "lifecycle"],
	}} with input as fixture.doc({
		"lifecycle": "retired", "exposure": "partner",
		"versions": [{"version": "v1", "endpoints": endpoints}, {"version": "v2", "endpoints": endpoints}],
	})
}

test_passes_without_endpoints if {
	count(rule.deny) == 0 with input as fixture.doc({"lifecycle": "retired", "endpoints": [], "versions": [{"version": "v1"}]})
}

test_passes_when_internal if {
	count(rule.deny) == 0 with input as fixture.doc({"lifecycle": "retired", "exposure": "internal", "endpoints": endpoints})
}

test_passes_when_deprecated if {
	count(rule.deny) == 0 with input as fixture.doc({"lifecycle": "deprecated", "endpoints": endpoints})
}

test_passes_without_lifecycle if {
	count(rule.deny) == 0 with input as fixture.doc({"endpoints": endpoints})
}
