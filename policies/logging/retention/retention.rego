# METADATA
# title: Logs are kept long enough to investigate
# description: >-
#   Incidents are often discovered weeks or months after they start. Logs
#   deleted before then cannot support an investigation; restricted data
#   warrants keeping them for a full year.
# custom:
#   severity: warning
#   kinds: [Interface]
#   controls: ["8.15"]
#   frameworks:
#     soc2: []
#     nist-800-53: ["AU-11"]
#     cis-v8: ["8.10"]
#     pci-dss-4: ["10.5", "10.5.1"]
#     ccm-v4: ["LOG-02"]
#     hipaa: []
#     gdpr: []
#     owasp-api-2023: []
#   trigger: >-
#     spec.logging.enabled is true and spec.logging.retentionDays is missing
#     or below minDays, or below restrictedMinDays when data.classification is
#     restricted.
#   remediation: >-
#     Keep the interface's logs at least minDays days (restrictedMinDays for
#     restricted data) and record the period in spec.logging.retentionDays.
#   params:
#     minDays: 90
#     restrictedMinDays: 365
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
#         logging:
#           enabled: true
#           retentionDays: 30
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
#         logging:
#           enabled: true
#           retentionDays: 180
package ifacelint.rules.logging.retention

import data.ifacelint.lib

# The id of this rule (checked against the package path by its test).
_rule := "logging/retention"

deny contains finding if {
	input.spec.logging.enabled == true
	ifacelint.missing(input, ["spec", "logging", "retentionDays"])
	finding := {
		"msg": sprintf("logging.retentionDays is missing; logs must be kept at least %v days%s", [_minimum, _because]),
		"path": ["spec", "logging", "retentionDays"],
	}
}

deny contains finding if {
	input.spec.logging.enabled == true
	days := input.spec.logging.retentionDays
	is_number(days)
	days < _minimum
	finding := {
		"msg": sprintf("logging.retentionDays is %v, below the required %v days%s", [days, _minimum, _because]),
		"path": ["spec", "logging", "retentionDays"],
	}
}

_restricted if input.spec.data.classification == "restricted"

# Restricted data must meet both minimums.
_minimum := max({lib.param(_rule, "minDays"), lib.param(_rule, "restrictedMinDays")}) if {
	_restricted
} else := lib.param(_rule, "minDays")

default _because := ""

_because := " for restricted data" if _restricted
