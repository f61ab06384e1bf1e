# METADATA
# title: External interfaces do not expose error details
# description: >-
#   Stack traces, SQL errors and internal hostnames in error responses give an
#   attacker a map of the system behind the interface. External callers should
#   get a generic error and a correlation id.
# custom:
#   severity: warning
#   kinds: [Interface]
#   controls: ["8.26"]
#   frameworks:
#     soc2: []
#     nist-800-53: ["SI-11"]
#     cis-v8: []
#     pci-dss-4: []
#     ccm-v4: []
#     hipaa: []
#     gdpr: []
#     owasp-api-2023: ["API8"]
#   trigger: >-
#     An external Interface (exposure internet or partner) with
#     spec.errorHandling.exposesDetails set to true.
#   remediation: >-
#     Return generic error messages with a correlation id to external callers,
#     keep details in the logs, and set spec.errorHandling.exposesDetails to
#     false.
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
#         errorHandling:
#           exposesDetails: true
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
#         errorHandling:
#           exposesDetails: false
package ifacelint.rules.errors.no_detail_leak

import data.ifacelint.lib

deny contains finding if {
	lib.external(input.spec)
	input.spec.errorHandling.exposesDetails == true
	finding := {
		"msg": sprintf(
			"%s-exposed interface returns error details to callers (errorHandling.exposesDetails is true)",
			[input.spec.exposure],
		),
		"path": ["spec", "errorHandling", "exposesDetails"],
	}
}
