# METADATA
# title: Privileged portals end idle sessions
# description: >-
#   A privileged session left open on an unattended screen or in a stolen
#   browser profile is as good as the admin's credentials. Short idle
#   time-outs limit that window.
# custom:
#   severity: warning
#   kinds: [Interface]
#   controls: ["8.5"]
#   frameworks:
#     soc2: ["CC6.1"]
#     nist-800-53: ["AC-12"]
#     cis-v8: []
#     pci-dss-4: ["8.2", "8.2.8"]
#     ccm-v4: []
#     hipaa: ["164.312(a)(2)(iii)"]
#     gdpr: []
#     owasp-api-2023: []
#   trigger: >-
#     A privileged Interface of type portal without
#     spec.session.timeoutMinutes, or with a timeout above maxMinutes.
#   remediation: >-
#     Configure an idle session time-out of at most maxMinutes minutes and
#     record it in spec.session.timeoutMinutes.
#   params:
#     maxMinutes: 30
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: admin-console
#         name: Admin console
#       spec:
#         type: portal
#         direction: inbound
#         exposure: internal
#         privileged: true
#         session:
#           timeoutMinutes: 480
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: admin-console
#         name: Admin console
#       spec:
#         type: portal
#         direction: inbound
#         exposure: internal
#         privileged: true
#         session:
#           timeoutMinutes: 15
package ifacelint.rules.session.timeout

import data.ifacelint.lib

# The id of this rule (checked against the package path by its test).
_rule := "session/timeout"

deny contains finding if {
	_privileged_portal
	ifacelint.missing(input, ["spec", "session", "timeoutMinutes"])
	finding := {
		"msg": "privileged portal declares no session.timeoutMinutes",
		"path": ["spec", "session", "timeoutMinutes"],
	}
}

deny contains finding if {
	_privileged_portal
	minutes := input.spec.session.timeoutMinutes
	max_minutes := lib.param(_rule, "maxMinutes")
	is_number(minutes)
	minutes > max_minutes
	finding := {
		"msg": sprintf("privileged portal session.timeoutMinutes is %v, above the maximum of %v", [minutes, max_minutes]),
		"path": ["spec", "session", "timeoutMinutes"],
	}
}

_privileged_portal if {
	input.spec.type == "portal"
	lib.privileged(input.spec)
}
