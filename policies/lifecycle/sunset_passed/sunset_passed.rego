# METADATA
# title: Nothing is served past its sunset date
# description: >-
#   A sunset date is the promise that an interface or version is withdrawn.
#   Endpoints still listed after it are a component nobody means to maintain:
#   it stops getting fixes and reviews while it stays reachable.
# custom:
#   severity: error
#   kinds: [Interface]
#   controls: ["8.32", "5.9"]
#   frameworks:
#     soc2: ["CC8.1"]
#     nist-800-53: ["SA-22", "CM-8"]
#     cis-v8: ["2.2"]
#     pci-dss-4: []
#     ccm-v4: []
#     hipaa: []
#     gdpr: []
#     owasp-api-2023: ["API9"]
#   trigger: >-
#     An Interface whose spec.sunset date is before today while spec.endpoints
#     lists an endpoint (one finding), and each entry of spec.versions whose
#     sunset date is before today while its own endpoints list one (one finding
#     per version). The sunset day itself is still a serving day; a document
#     without a sunset date never fires.
#   remediation: >-
#     Withdraw the endpoints and remove them from the document (or mark the
#     interface or version retired without endpoints), or, if the withdrawal
#     was postponed, set the sunset date to the new date.
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
#         exposure: internal
#         lifecycle: production
#         versions:
#           - version: v1
#             status: deprecated
#             sunset: 2020-01-31
#             endpoints:
#               - url: https://orders.internal.example/v1
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-api
#         name: Orders API
#       spec:
#         type: api
#         direction: inbound
#         exposure: internal
#         lifecycle: production
#         versions:
#           - version: v1
#             status: retired
#             sunset: 2020-01-31
package ifacelint.rules.lifecycle.sunset_passed

import data.ifacelint.lib

deny contains finding if {
	sunset := input.spec.sunset
	lib.days_ahead(sunset) < 0
	count(input.spec.endpoints) > 0
	finding := {
		"msg": sprintf("the interface's sunset date %s passed %v days ago, but it still lists %v endpoint(s)", [sunset, 0 - lib.days_ahead(sunset), count(input.spec.endpoints)]),
		"path": ["spec", "endpoints"],
	}
}

deny contains finding if {
	some i, version in input.spec.versions
	sunset := version.sunset
	lib.days_ahead(sunset) < 0
	count(version.endpoints) > 0
	finding := {
		"msg": sprintf("version %q's sunset date %s passed %v days ago, but it still lists %v endpoint(s)", [_name(version), sunset, 0 - lib.days_ahead(sunset), count(version.endpoints)]),
		"path": ["spec", "versions", i, "endpoints"],
	}
}

_name(version) := version.version if is_string(version.version)

_name(version) := "(unnamed)" if not is_string(version.version)
