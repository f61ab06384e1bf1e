package ifacelint.rules.ownership.owner_assigned_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.ownership.owner_assigned as rule

owner := {"team": "commerce", "contact": "commerce-oncall@example.com"}

with_owner(o) := fixture.with_metadata({"owner": o})

test_fires_without_owner if {
	rule.deny == {{
		"msg": "no owner assigned: metadata.owner.team and metadata.owner.contact are missing or empty",
		"path": ["metadata", "owner"],
	}} with input as fixture.base
}

test_fires_on_missing_contact if {
	rule.deny == {{"msg": "metadata.owner.contact is missing or empty", "path": ["metadata", "owner", "contact"]}}
		with input as with_owner({"team": "commerce"})
}

test_fires_on_empty_team if {
	rule.deny == {{"msg": "metadata.owner.team is missing or empty", "path": ["metadata", "owner", "team"]}}
		with input as with_owner({"team": "", "contact": "a@example.com"})
}

test_fires_on_both_empty if {
	rule.deny == {{
		"msg": "no owner assigned: metadata.owner.team and metadata.owner.contact are missing or empty",
		"path": ["metadata", "owner"],
	}} with input as with_owner({"team": "", "contact": ""})
}

test_x_keys_do_not_count if {
	rule.deny == {{"msg": "metadata.owner.team is missing or empty", "path": ["metadata", "owner", "team"]}}
		with input as with_owner({"x-team": "commerce", "contact": "a@example.com"})
}

test_applies_to_third_party if {
	count(rule.deny) == 1 with input as {
		"apiVersion": "ifacelint/v1",
		"kind": "ThirdParty",
		"metadata": {"id": "acme", "name": "Acme", "owner": {"contact": "vendor-mgmt@example.com"}},
		"spec": {},
	}
}

test_passes_with_owner if {
	count(rule.deny) == 0 with input as with_owner(owner)
}

test_passes_third_party_with_owner if {
	count(rule.deny) == 0 with input as {
		"apiVersion": "ifacelint/v1",
		"kind": "ThirdParty",
		"metadata": {"id": "acme", "name": "Acme", "owner": owner},
		"spec": {},
	}
}
