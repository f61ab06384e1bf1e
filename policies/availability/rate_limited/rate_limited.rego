# METADATA
# title: Externally reachable request interfaces are rate-limited
# description: >-
#   APIs, webhooks and portals that accept requests from outside can be
#   flooded or brute-forced. A rate limit keeps one caller from exhausting
#   capacity or guessing credentials.
# custom:
#   severity: error
#   kinds: [Interface]
#   controls: ["8.6", "8.20"]
#   frameworks:
#     soc2: ["A1.1"]
#     nist-800-53: ["SC-5"]
#     cis-v8: []
#     pci-dss-4: []
#     ccm-v4: ["IVS-02"]
#     hipaa: []
#     gdpr: ["32(1)(b)"]
#     owasp-api-2023: ["API4"]
#   trigger: >-
#     An external (exposure internet or partner) Interface of type api,
#     webhook or portal with direction inbound or bidirectional whose
#     spec.rateLimit.enabled is not true; or, enabled, whose
#     spec.rateLimit.requestsPerMinute is missing (a limit of unknown size)
#     or above maxRequestsPerMinute (a limit no flood reaches). One finding.
#   remediation: >-
#     Enforce a request rate limit (at the gateway or in the service) and set
#     spec.rateLimit.enabled to true with spec.rateLimit.requestsPerMinute,
#     the limit per caller, at most maxRequestsPerMinute.
#   params:
#     maxRequestsPerMinute: 100000
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
#         rateLimit:
#           enabled: true
#           requestsPerMinute: 600
package ifacelint.rules.availability.rate_limited

import data.ifacelint.lib

# The id of this rule (checked against the package path by its test).
_rule := "availability/rate-limited"

deny contains finding if {
	_in_scope
	not input.spec.rateLimit.enabled == true
	finding := {
		"msg": sprintf(
			"%s-exposed %s accepting requests has no rate limit (rateLimit.enabled is not true)",
			[input.spec.exposure, input.spec.type],
		),
		"path": ["spec", "rateLimit", "enabled"],
	}
}

deny contains finding if {
	_in_scope
	input.spec.rateLimit.enabled == true
	ifacelint.missing(input, ["spec", "rateLimit", "requestsPerMinute"])
	finding := {
		"msg": sprintf(
			"%s-exposed %s enables a rate limit but does not say how high it is (rateLimit.requestsPerMinute)",
			[input.spec.exposure, input.spec.type],
		),
		"path": ["spec", "rateLimit", "enabled"],
	}
}

deny contains finding if {
	_in_scope
	input.spec.rateLimit.enabled == true
	limit := input.spec.rateLimit.requestsPerMinute
	is_number(limit)
	max := lib.param(_rule, "maxRequestsPerMinute")
	limit > max
	finding := {
		"msg": sprintf("rateLimit.requestsPerMinute %v is above %v", [limit, max]),
		"path": ["spec", "rateLimit", "requestsPerMinute"],
	}
}

_in_scope if {
	lib.external(input.spec)
	input.spec.type in {"api", "webhook", "portal"}
	input.spec.direction in {"inbound", "bidirectional"}
}
