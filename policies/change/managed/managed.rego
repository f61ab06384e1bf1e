# METADATA
# title: Interfaces name their change-management process
# description: >-
#   Changes to an interface alter what data leaves the organisation and how it
#   is protected. A.8.32 expects such changes to go through a defined,
#   reviewed process.
# custom:
#   severity: warning
#   kinds: [Interface]
#   controls: ["8.32"]
#   frameworks:
#     soc2: ["CC8.1"]
#     nist-800-53: ["CM-3"]
#     cis-v8: []
#     pci-dss-4: ["6.5", "6.5.1"]
#     ccm-v4: ["CCC-01"]
#     hipaa: []
#     gdpr: []
#     owasp-api-2023: []
#   trigger: >-
#     An Interface without spec.changeManagement.process (missing or empty).
#   remediation: >-
#     Name the process changes to the interface go through (e.g. the CAB, a
#     pull-request review with two approvals) in
#     spec.changeManagement.process.
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
#         changeManagement:
#           process: pull-request review with security approval
#           approvals: 2
package ifacelint.rules.change.managed

deny contains finding if {
	ifacelint.missing(input, ["spec", "changeManagement", "process"])
	finding := {
		"msg": "interface names no change-management process (changeManagement.process)",
		"path": ["spec", "changeManagement", "process"],
	}
}
