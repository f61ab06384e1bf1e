package ifacelint.rules.lifecycle.sunset_passed_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.lifecycle.sunset_passed as rule

endpoints := [{"url": "https://orders.example.com/v1"}]

version(sunset, eps) := fixture.doc({"versions": [
	{"version": "v2", "status": "production", "endpoints": endpoints},
	{"version": "v1", "status": "deprecated", "sunset": sunset, "endpoints": eps},
]})

test_fires_on_a_version_a_day_past_its_sunset if {
	rule.deny == {{
		"msg": "version \"v1\"'s sunset date 2026-05-31 passed 1 days ago, but it still lists 1 endpoint(s)",
		"path": ["spec", "versions", 1, "endpoints"],
	}} with input as version("2026-05-31", endpoints) with time.now_ns as fixture.now
}

test_passes_on_the_sunset_day if {
	count(rule.deny) == 0 with input as version("2026-06-01", endpoints) with time.now_ns as fixture.now
}

test_passes_when_the_endpoints_are_gone if {
	count(rule.deny) == 0 with input as version("2020-01-31", []) with time.now_ns as fixture.now
}

test_passes_without_endpoints_field if {
	count(rule.deny) == 0 with input as fixture.doc({"versions": [{"version": "v1", "sunset": "2020-01-31"}]})
		with time.now_ns as fixture.now
}

test_fires_on_the_interface_past_its_sunset if {
	rule.deny == {{
		"msg": "the interface's sunset date 2026-01-01 passed 151 days ago, but it still lists 1 endpoint(s)",
		"path": ["spec", "endpoints"],
	}} with input as fixture.doc({"sunset": "2026-01-01", "endpoints": endpoints}) with time.now_ns as fixture.now
}

test_passes_on_the_interface_before_its_sunset if {
	count(rule.deny) == 0 with input as fixture.doc({"sunset": "2026-09-01", "endpoints": endpoints})
		with time.now_ns as fixture.now
}

test_passes_without_lifecycle_fields if {
	count(rule.deny) == 0 with input as fixture.doc({"endpoints": endpoints}) with time.now_ns as fixture.now
}

test_passes_on_a_malformed_sunset if {
	count(rule.deny) == 0 with input as version("soon", endpoints) with time.now_ns as fixture.now
}
