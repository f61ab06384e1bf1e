# METADATA
# title: Authentication methods cover the OpenAPI description's security
# description: >-
#   The security schemes an OpenAPI description requires are how callers
#   really authenticate. A scheme the inventory does not list, or anonymous
#   access it does not show, means every authentication rule judged an
#   interface that is not the one deployed.
# custom:
#   severity: error
#   kinds: [Interface]
#   controls: ["5.9", "8.5"]
#   frameworks:
#     soc2: ["CC6.1"]
#     nist-800-53: ["CM-8", "IA-2"]
#     cis-v8: ["6.1"]
#     pci-dss-4: ["8.3", "12.5.1"]
#     ccm-v4: ["IAM-14"]
#     hipaa: ["164.312(d)"]
#     gdpr: []
#     owasp-api-2023: ["API2", "API9"]
#   trigger: >-
#     An Interface, not of type webhook, whose spec.apiSpec names a readable
#     OpenAPI description, and an operation of the description requires a
#     security scheme (the operation's own security, else the global one)
#     whose authentication method (oauth2, oidc, api-key, basic, jwt, mtls
#     …) spec.authentication.methods does not list; or an operation allows
#     anonymous access (an empty requirement {} or security: []) and the
#     methods do not list none. Schemes no ifacelint method matches (HTTP
#     digest, for one) are not compared. One finding per scheme, naming the
#     description's file and line of its first use.
#   remediation: >-
#     List every method the description requires in
#     spec.authentication.methods (and none when operations are anonymous),
#     or change the description if it is what is wrong.
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
#         authentication:
#           methods: [api-key, oauth2]
#         apiSpec: api/orders.yaml
#     apiSpec: |
#       openapi: 3.0.3
#       info: {title: Orders API, version: "1"}
#       components:
#         securitySchemes:
#           oauth:
#             type: oauth2
#             flows:
#               clientCredentials:
#                 tokenUrl: https://auth.example.com/token
#                 scopes: {}
#           key: {type: apiKey, in: header, name: X-API-Key}
#       security: [{oauth: []}]
#       paths:
#         /orders:
#           get:
#             security: [{key: []}]
#             responses: {"200": {description: ok}}
#         /refunds:
#           post:
#             responses: {"200": {description: ok}}
package ifacelint.rules.drift.authentication

import data.ifacelint.lib

deny contains finding if {
	input.spec.type != "webhook"
	facts := lib.api_facts(input.spec)
	not facts.error
	some scheme in facts.schemes
	scheme.method != ""
	not scheme.method in lib.methods(input.spec)
	finding := {
		"msg": sprintf(
			"the OpenAPI description requires security scheme %q (%s) at %s, but authentication.methods does not list %s",
			[scheme.name, scheme.summary, scheme.at, scheme.method],
		),
		"path": ["spec", "authentication", "methods"],
	}
}

deny contains finding if {
	input.spec.type != "webhook"
	facts := lib.api_facts(input.spec)
	not facts.error
	anonymous := facts.anonymous
	not "none" in lib.methods(input.spec)
	finding := {
		"msg": sprintf(
			"%s allows anonymous access in the OpenAPI description (%s), but authentication.methods does not list none",
			[_what(anonymous.operation), anonymous.at],
		),
		"path": ["spec", "authentication", "methods"],
	}
}

_what(operation) := operation if operation != ""

_what("") := "the global security requirement"
