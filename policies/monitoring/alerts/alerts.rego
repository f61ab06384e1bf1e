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
#     without spec.monitoring.alerts (missing or empty): one finding. With
#     alerts listed, one finding naming every kind the interface needs and no
#     typed alert ({kind, ref}) has: the kinds of privilegedKinds on a
#     privileged Interface, those of externalKinds on an external one. A plain
#     string alert has no kind, so it never satisfies a required kind.
#   remediation: >-
#     Define alerts for abnormal use of the interface (anomalous logins,
#     authentication-failure spikes and configuration changes, error or
#     traffic spikes, privileged actions) and list each in
#     spec.monitoring.alerts as {kind, ref}.
#   params:
#     privilegedKinds: [anomalous-login, config-change]
#     externalKinds: [auth-failure-spike]
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
#           alerts:
#             - {kind: auth-failure-spike, ref: orders-api-auth-failures}
#             - {kind: error-rate, ref: orders-api-5xx-rate}
package ifacelint.rules.monitoring.alerts

import data.ifacelint.lib

# The id of this rule (checked against the package path by its test).
_rule := "monitoring/alerts"

deny contains finding if {
	ifacelint.missing(input, ["spec", "monitoring", "alerts"])
	finding := {
		"msg": sprintf("%s interface has no monitoring.alerts", [_reason]),
		"path": ["spec", "monitoring", "alerts"],
	}
}

deny contains finding if {
	count(_required) > 0 # most interfaces require no kind: skip the alerts' kinds
	not ifacelint.missing(input, ["spec", "monitoring", "alerts"])
	lacking := _required - _kinds
	count(lacking) > 0
	finding := {
		"msg": sprintf("%s interface has no alert of kind %s in monitoring.alerts", [_who, lib.quoted(lacking)]),
		"path": ["spec", "monitoring", "alerts"],
	}
}

# _kinds are the kinds of the typed alerts; a plain string has none.
_kinds := {alert.kind |
	some alert in input.spec.monitoring.alerts
	is_object(alert)
	is_string(alert.kind)
}

_required contains kind if {
	lib.privileged(input.spec)
	some kind in lib.param(_rule, "privilegedKinds")
}

_required contains kind if {
	lib.external(input.spec)
	some kind in lib.param(_rule, "externalKinds")
}

_reason := sprintf("%s-exposed", [input.spec.exposure]) if {
	lib.external(input.spec)
} else := "privileged" if {
	lib.privileged(input.spec)
}

_who := sprintf("privileged %s-exposed", [input.spec.exposure]) if {
	lib.external(input.spec)
	lib.privileged(input.spec)
} else := _reason
