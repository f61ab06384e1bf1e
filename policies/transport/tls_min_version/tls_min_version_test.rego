package ifacelint.rules.transport.tls_min_version_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.transport.tls_min_version as rule

version(v) := fixture.doc({"encryption": {"inTransit": {"tls": true, "minVersion": v}}})

test_fires_below_1_2 if {
	rule.deny == {{
		"msg": `encryption.inTransit.minVersion "1.1" is below TLS 1.2`,
		"path": ["spec", "encryption", "inTransit", "minVersion"],
	}} with input as version("1.1")
	count(rule.deny) == 1 with input as version("1.0")
	count(rule.deny) == 1 with input as version("0.9")
}

test_passes_at_or_above_1_2 if {
	every v in ["1.2", "1.3", "1.10", "2.0", "01.2"] {
		count(rule.deny) == 0 with input as version(v)
	}
}

test_compares_numerically_not_as_text if {
	# "1.10" sorts before "1.2" as text but is a later version.
	count(rule.deny) == 0 with input as version("1.10")
	count(rule.deny) == 1 with input as version("1.01")
}

test_passes_when_absent if {
	count(rule.deny) == 0 with input as fixture.base
	count(rule.deny) == 0 with input as fixture.doc({"encryption": {"inTransit": {"tls": true}}})
}

test_ignores_malformed_versions if {
	every v in ["1", "1.2.3", "TLS1.0", "", "1.x"] {
		count(rule.deny) == 0 with input as version(v)
	}
}
