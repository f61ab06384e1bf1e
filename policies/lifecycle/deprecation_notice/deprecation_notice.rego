# METADATA
# title: Deprecations give a sunset date with notice
# description: >-
#   Consumers of a deprecated interface or version need to know when it goes
#   away, and enough time to move. A deprecation without a sunset date never
#   ends; one whose sunset is close leaves consumers too little time, and is
#   the last chance to check they were told.
# custom:
#   severity: warning
#   kinds: [Interface]
#   controls: ["8.32"]
#   frameworks:
#     soc2: []
#     nist-800-53: []
#     cis-v8: []
#     pci-dss-4: []
#     ccm-v4: []
#     hipaa: []
#     gdpr: []
#     owasp-api-2023: ["API9"]
#   trigger: >-
#     The Interface when spec.lifecycle is deprecated, and each entry of
#     spec.versions whose status is deprecated (one finding each): when it has
#     no sunset date (spec.sunset for the interface, the entry's sunset for a
#     version), or when its sunset is today or fewer than minNoticeDays days
#     after today (a sunset exactly minNoticeDays days ahead passes). A sunset
#     already past does not fire here: lifecycle/sunset-passed reports it
#     while endpoints are still listed.
#   remediation: >-
#     Set the sunset date (YYYY-MM-DD) and announce it to the consumers; if
#     they need more time than is left, move the sunset date later.
#   params:
#     minNoticeDays: 90
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
#         lifecycle: deprecated
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
#         lifecycle: deprecated
#         sunset: 2099-12-31
package ifacelint.rules.lifecycle.deprecation_notice

import data.ifacelint.lib

# The id of this rule (checked against the package path by its test).
_rule := "lifecycle/deprecation-notice"

# _subjects are the deprecated things: [label, object holding the sunset, path].
_subjects contains ["the interface", input.spec, ["spec"]] if input.spec.lifecycle == "deprecated"

_subjects contains [sprintf("version %q", [_name(v)]), v, ["spec", "versions", i]] if {
	some i, v in input.spec.versions
	v.status == "deprecated"
}

deny contains finding if {
	some [label, obj, path] in _subjects
	ifacelint.missing(obj, ["sunset"])
	finding := {
		"msg": sprintf("%s is deprecated without a sunset date", [label]),
		"path": array.concat(path, ["sunset"]),
	}
}

deny contains finding if {
	some [label, obj, path] in _subjects
	sunset := obj.sunset
	ahead := lib.days_ahead(sunset)
	notice := lib.param(_rule, "minNoticeDays")
	ahead >= 0
	ahead < notice
	finding := {
		"msg": sprintf("%s is deprecated with its sunset on %s, %v days from today, less than %v days' notice", [label, sunset, ahead, notice]),
		"path": array.concat(path, ["sunset"]),
	}
}

_name(version) := version.version if is_string(version.version)

_name(version) := "(unnamed)" if not is_string(version.version)
