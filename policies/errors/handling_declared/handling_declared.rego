# METADATA
# title: External interfaces declare what their errors reveal
# description: >-
#   errors/no-detail-leak can only judge what is written: an interface that
#   says nothing about its error responses passes it, though stack traces
#   and internal hostnames are what an unconfigured framework returns. Fail
#   safe: an interface answering outside callers states whether its errors
#   expose details.
# custom:
#   severity: warning
#   kinds: [Interface]
#   controls: ["8.26"]
#   frameworks:
#     soc2: []
#     nist-800-53: ["SI-11"]
#     cis-v8: []
#     pci-dss-4: []
#     ccm-v4: ["AIS-04"]
#     hipaa: []
#     gdpr: []
#     owasp-api-2023: ["API8"]
#   trigger: >-
#     An Interface of type api, webhook or portal, with direction inbound or
#     bidirectional and an exposure listed in the exposures parameter
#     (internet and partner by default), whose
#     spec.errorHandling.exposesDetails is missing: one finding. (Set to true
#     it is errors/no-detail-leak's finding.)
#   remediation: >-
#     Make the interface return generic errors with a correlation id to
#     outside callers and set spec.errorHandling.exposesDetails to false.
#   params:
#     exposures: [internet, partner]
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
#         errorHandling:
#           exposesDetails: false
package ifacelint.rules.errors.handling_declared

import data.ifacelint.lib

# The id of this rule (checked against the package path by its test).
_rule := "errors/handling-declared"

deny contains finding if {
	input.spec.type in {"api", "webhook", "portal"}
	input.spec.direction in {"inbound", "bidirectional"}
	some exposure in lib.param(_rule, "exposures")
	input.spec.exposure == exposure
	not _declared
	finding := {
		"msg": sprintf("%s-exposed %s does not declare whether its errors expose details (errorHandling.exposesDetails)", [input.spec.exposure, input.spec.type]),
		"path": ["spec", "errorHandling", "exposesDetails"],
	}
}

_declared if is_boolean(input.spec.errorHandling.exposesDetails)
