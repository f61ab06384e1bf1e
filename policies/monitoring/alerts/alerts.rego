# METADATA
# title: Exposed and privileged interfaces raise alerts
# description: >-
#   Interfaces reachable from outside, and those granting privileged access,
#   are where attacks show first. Someone must be alerted when they misbehave
#   (A.8.16 monitoring activities).
# custom:
#   severity: warning
#   kinds: [Interface]
#   controls: ["8.16"]
#   frameworks:
#     soc2: ["CC7.2"]
#     nist-800-53: ["SI-4", "SI-4(5)"]
#     cis-v8: ["13.1"]
#     pci-dss-4: ["10.4", "10.4.1.1"]
#     ccm-v4: ["LOG-03"]
#     hipaa: ["164.308(a)(1)(ii)(D)"]
#     gdpr: []
#     owasp-api-2023: []
#   trigger: >-
#     An external (exposure internet or partner) or privileged Interface
#     without spec.monitoring.alerts (missing or empty).
#   remediation: >-
#     Define alerts for abnormal use of the interface (authentication
#     failures, error or traffic spikes, privileged actions) and list them in
#     spec.monitoring.alerts.
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
#         monitoring:
#           alerts: [orders-api-5xx-rate, orders-api-auth-failures]
package ifacelint.rules.monitoring.alerts

import data.ifacelint.lib

deny contains finding if {
	ifacelint.missing(input, ["spec", "monitoring", "alerts"])
	finding := {
		"msg": sprintf("%s interface has no monitoring.alerts", [_reason]),
		"path": ["spec", "monitoring", "alerts"],
	}
}

_reason := sprintf("%s-exposed", [input.spec.exposure]) if {
	lib.external(input.spec)
} else := "privileged" if {
	lib.privileged(input.spec)
}
