# METADATA
# title: Tokens and API keys carry narrow scopes
# description: >-
#   A bearer token or API key is only as dangerous as what it may do. Tokens
#   without declared scopes, or with wildcard or administrative scopes, turn
#   one leaked credential into full access.
# custom:
#   severity: error
#   kinds: [Interface]
#   controls: ["5.15", "8.3"]
#   frameworks:
#     soc2: ["CC6.3"]
#     nist-800-53: ["AC-3", "AC-6"]
#     cis-v8: ["3.3"]
#     pci-dss-4: ["7.2", "7.2.5"]
#     ccm-v4: ["IAM-05", "IAM-16"]
#     hipaa: ["164.308(a)(4)(ii)(B)"]
#     gdpr: ["25(2)"]
#     owasp-api-2023: ["API5"]
#   trigger: >-
#     spec.authentication.methods include oauth2, jwt or api-key and
#     spec.authorization.scopes is missing or empty, or holds an over-broad
#     scope: *, admin, all, root or full_access (in any letter case), or a
#     scope ending in :* or .*. Roles do not count as scopes. All over-broad
#     scopes are named in one finding.
#   remediation: >-
#     List the narrow scopes the tokens actually need in
#     spec.authorization.scopes (e.g. orders:read, orders:write) and replace
#     wildcard or administrative scopes.
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-api
#         name: Orders API
#       spec:
#         type: api
#         direction: inbound
#         exposure: internet
#         authentication:
#           methods: [oauth2]
#         authorization:
#           model: scopes
#           scopes: ["orders:*"]
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-api
#         name: Orders API
#       spec:
#         type: api
#         direction: inbound
#         exposure: internet
#         authentication:
#           methods: [oauth2]
#         authorization:
#           model: scopes
#           scopes: ["orders:read", "orders:write"]
package ifacelint.rules.authorization.scoped_tokens

import data.ifacelint.lib

_token_methods := {"oauth2", "jwt", "api-key"}

_broad_names := {"*", "admin", "all", "root", "full_access"}

deny contains finding if {
	tokens := lib.methods(input.spec) & _token_methods
	count(tokens) > 0
	ifacelint.missing(input, ["spec", "authorization", "scopes"])
	finding := {
		"msg": sprintf(
			"token authentication %s is used but authorization.scopes is missing, so tokens are not limited",
			[lib.quoted(tokens)],
		),
		"path": ["spec", "authorization", "scopes"],
	}
}

deny contains finding if {
	count(lib.methods(input.spec) & _token_methods) > 0
	broad := {scope | some scope in input.spec.authorization.scopes; _broad(scope)}
	count(broad) > 0
	finding := {
		"msg": sprintf("authorization.scopes grants over-broad scopes %s", [lib.quoted(broad)]),
		"path": ["spec", "authorization", "scopes"],
	}
}

_broad(scope) if {
	is_string(scope)
	lower(scope) in _broad_names
}

_broad(scope) if {
	is_string(scope)
	endswith(scope, ":*")
}

_broad(scope) if {
	is_string(scope)
	endswith(scope, ".*")
}
