package ifacelint.rules.authorization.scoped_tokens_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.authorization.scoped_tokens as rule

tokens(scopes) := fixture.doc({
	"authentication": {"methods": ["oauth2"]},
	"authorization": {"model": "scopes", "scopes": scopes},
})

test_fires_without_scopes if {
	rule.deny == {{
		"msg": `token authentication "api-key", "jwt" is used but authorization.scopes is missing, so tokens are not limited`,
		"path": ["spec", "authorization", "scopes"],
	}} with input as fixture.doc({"authentication": {"methods": ["jwt", "api-key", "mtls"]}})
}

test_fires_on_empty_scopes if {
	count(rule.deny) == 1 with input as tokens([])
}

test_fires_on_wildcard_suffixes if {
	rule.deny == {{
		"msg": `authorization.scopes grants over-broad scopes "orders:*"`,
		"path": ["spec", "authorization", "scopes"],
	}} with input as tokens(["orders:*"])
	rule.deny == {{
		"msg": `authorization.scopes grants over-broad scopes "billing.*"`,
		"path": ["spec", "authorization", "scopes"],
	}} with input as tokens(["billing.*"])
}

test_fires_on_broad_names_in_any_case if {
	every scope in ["*", "admin", "ADMIN", "Admin", "all", "All", "root", "ROOT", "full_access", "Full_Access"] {
		count(rule.deny) == 1 with input as tokens(["orders:read", scope])
	}
}

test_names_every_broad_scope_sorted_in_one_finding if {
	rule.deny == {{
		"msg": `authorization.scopes grants over-broad scopes "*", "ADMIN", "billing.*", "orders:*"`,
		"path": ["spec", "authorization", "scopes"],
	}} with input as tokens(["orders:*", "orders:read", "billing.*", "ADMIN", "*"])
}

test_passes_with_narrow_scopes if {
	count(rule.deny) == 0
		with input as tokens(["orders:read", "orders:write", "administrator", "all-orders:read", "orders:*:read"])
}

test_roles_do_not_count_as_scopes if {
	count(rule.deny) == 0 with input as fixture.doc({
		"authentication": {"methods": ["api-key"]},
		"authorization": {"scopes": ["orders:read"], "roles": ["admin", "*"]},
	})
	count(rule.deny) == 1 with input as fixture.doc({
		"authentication": {"methods": ["api-key"]},
		"authorization": {"roles": ["orders-reader"]},
	})
}

test_passes_without_token_methods if {
	count(rule.deny) == 0 with input as fixture.doc({"authentication": {"methods": ["oidc"]}})
	count(rule.deny) == 0
		with input as fixture.doc({"authentication": {"methods": ["mtls"]}, "authorization": {"scopes": ["*"]}})
}
