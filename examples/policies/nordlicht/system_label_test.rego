package ifacelint.rules.nordlicht.system_label_test

import data.ifacelint.rules.nordlicht.system_label

labelled(labels) := {"kind": "Interface", "metadata": {"id": "x", "labels": labels}, "spec": {}}

test_passes_with_system_and_known_domain if {
	count(system_label.deny) == 0 with input as labelled({"system": "ledger", "domain": "payments"})
}

test_fires_without_system if {
	system_label.deny == {{
		"msg": "interface has no metadata.labels.system naming its CMDB system",
		"path": ["metadata", "labels", "system"],
	}} with input as labelled({"domain": "payments"})
}

test_fires_on_unknown_domain if {
	some f in system_label.deny with input as labelled({"system": "ledger", "domain": "cards"})
	f.path == ["metadata", "labels", "domain"]
	startswith(f.msg, `metadata.labels.domain is "cards"; expected one of payments,`)
}

test_fires_without_domain if {
	some f in system_label.deny with input as labelled({"system": "ledger"})
	startswith(f.msg, "metadata.labels.domain is missing")
}

# The domains parameter comes from the config (rules: nordlicht/system-label:
# {domains: [...]}); a test can set it like the engine does.
test_domains_parameter if {
	count(system_label.deny) == 0 with input as labelled({"system": "ledger", "domain": "cards"})
		with data.ifacelint.params as {"nordlicht/system-label": {"domains": ["cards"]}}
}

test_ignores_third_parties if {
	count(system_label.deny) == 0 with input as {"kind": "ThirdParty", "metadata": {"id": "x"}, "spec": {}}
}
