# METADATA
# title: External interfaces list their endpoints
# description: >-
#   An interface reachable from outside without its endpoints in the
#   inventory cannot be scanned, checked against its OpenAPI description or
#   judged by the transport and lifecycle rules, and is the first thing
#   forgotten when it should be withdrawn (OWASP API9:2023, improper
#   inventory management).
# custom:
#   severity: warning
#   kinds: [Interface]
#   controls: ["5.9", "8.20"]
#   frameworks:
#     soc2: ["CC6.1"]
#     nist-800-53: ["CM-8"]
#     cis-v8: ["12.4"]
#     pci-dss-4: ["1.2.4"]
#     ccm-v4: ["IVS-08"]
#     hipaa: []
#     gdpr: []
#     owasp-api-2023: ["API9"]
#   trigger: >-
#     A networked Interface (any type but workflow) with exposure internet or
#     partner and direction inbound or bidirectional (the organisation serves
#     it) that lists no endpoint: spec.endpoints missing or empty, and no
#     entry of spec.versions with endpoints. One finding. An outbound
#     interface calls endpoints others own (such as URLs customers register),
#     which the inventory may not know.
#   remediation: >-
#     List every URL the interface is reached at in spec.endpoints (or in the
#     spec.versions entry of the version that serves it).
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
#         exposure: partner
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-api
#         name: Orders API
#       spec:
#         type: api
#         direction: inbound
#         exposure: partner
#         endpoints:
#           - url: https://partners.example.com/orders/v1
package ifacelint.rules.network.endpoints_listed

import data.ifacelint.lib

deny contains finding if {
	lib.networked(input.spec)
	lib.external(input.spec)
	input.spec.direction in {"inbound", "bidirectional"}
	ifacelint.missing(input, ["spec", "endpoints"])
	not _version_endpoints
	finding := {
		"msg": sprintf("%s-exposed %s lists no endpoints (spec.endpoints)", [input.spec.exposure, input.spec.type]),
		"path": ["spec", "endpoints"],
	}
}

_version_endpoints if {
	some version in input.spec.versions
	count(version.endpoints) > 0
}
