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
#     An Interface without spec.changeManagement.process (missing or empty):
#     one finding. An Interface of criticality high or critical whose
#     spec.changeManagement has neither a ticket nor approvals of at least 1
#     (a process named, but no trace of it being followed): one finding.
#   remediation: >-
#     Name the process changes to the interface go through (e.g. the CAB, a
#     pull-request review with two approvals) in
#     spec.changeManagement.process; for a high or critical interface, also
#     record the change ticket (spec.changeManagement.ticket) or the number
#     of approvals the last change had (spec.changeManagement.approvals).
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

deny contains finding if {
	input.spec.criticality in {"high", "critical"}
	ifacelint.missing(input, ["spec", "changeManagement", "ticket"])
	not _approved
	finding := {
		"msg": sprintf("%s-criticality interface records neither a change ticket nor an approval (changeManagement.ticket, changeManagement.approvals)", [input.spec.criticality]),
		"path": ["spec", "changeManagement"],
	}
}

_approved if input.spec.changeManagement.approvals >= 1
