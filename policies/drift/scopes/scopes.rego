# METADATA
# title: Declared scopes cover the scopes the OpenAPI description requires
# description: >-
#   A scope an operation requires is a permission tokens must carry. One the
#   inventory does not declare is access nobody reviewed: an admin scope
#   added to the description never reaches authorization/scoped-tokens.
# custom:
#   severity: error
#   kinds: [Interface]
#   controls: ["5.9", "5.15"]
#   frameworks:
#     soc2: ["CC6.3"]
#     nist-800-53: ["CM-8", "AC-3"]
#     cis-v8: ["6.1"]
#     pci-dss-4: ["7.2.1", "12.5.1"]
#     ccm-v4: ["IAM-16"]
#     hipaa: ["164.308(a)(4)(ii)(B)"]
#     gdpr: []
#     owasp-api-2023: ["API5", "API9"]
#   trigger: >-
#     An Interface, not of type webhook, whose spec.apiSpec names a readable
#     OpenAPI description, and an operation of the description requires an
#     OAuth 2 or OpenID Connect scope that spec.authorization.scopes does not
#     list (exact match). One finding per scope, naming the description's
#     file and line of its first use. Declaring it brings it under
#     authorization/scoped-tokens, which judges over-broad scopes.
#   remediation: >-
#     Declare every scope the description requires in
#     spec.authorization.scopes, or remove the requirement from the
#     description if the interface should not grant it.
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
#         authorization:
#           model: scopes
#           scopes: ["orders:read"]
#         apiSpec: api/orders.yaml
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
#         authorization:
#           model: scopes
#           scopes: ["orders:read", "orders:write"]
#         apiSpec: api/orders.yaml
#     apiSpec: |
#       swagger: "2.0"
#       info: {title: Orders API, version: "1"}
#       securityDefinitions:
#         oauth:
#           type: oauth2
#           flow: application
#           tokenUrl: https://auth.example.com/token
#           scopes: {"orders:read": read, "orders:write": write}
#       paths:
#         /orders:
#           get:
#             security: [{oauth: ["orders:read"]}]
#             responses: {"200": {description: ok}}
#           post:
#             security: [{oauth: ["orders:write"]}]
#             responses: {"200": {description: ok}}
package ifacelint.rules.drift.scopes

import data.ifacelint.lib

deny contains finding if {
	input.spec.type != "webhook"
	facts := lib.api_facts(input.spec)
	not facts.error
	declared := {scope | some scope in input.spec.authorization.scopes}
	some required in facts.scopes
	not required.scope in declared
	finding := {
		"msg": sprintf(
			"the OpenAPI description requires scope %q of %q at %s, but authorization.scopes does not declare it",
			[required.scope, required.scheme, required.at],
		),
		"path": ["spec", "authorization", "scopes"],
	}
}
