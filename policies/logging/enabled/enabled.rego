# METADATA
# title: Networked interfaces are logged
# description: >-
#   Without logs there is no way to detect misuse of an interface or to
#   reconstruct an incident afterwards (A.8.15). Every networked interface
#   must record its activity.
# custom:
#   severity: error
#   kinds: [Interface]
#   controls: ["8.15"]
#   frameworks:
#     soc2: ["CC7.2"]
#     nist-800-53: ["AU-2", "AU-12"]
#     cis-v8: ["8.2"]
#     pci-dss-4: ["10.2", "10.2.1"]
#     ccm-v4: ["LOG-08"]
#     hipaa: ["164.312(b)"]
#     gdpr: []
#     owasp-api-2023: []
#   trigger: >-
#     A networked Interface (any type but workflow) whose spec.logging.enabled
#     is not true.
#   remediation: >-
#     Send the interface's access and security events to central logging and
#     set spec.logging.enabled to true, with its destination, events and
#     retentionDays.
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
#           enabled: false
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
#           destination: siem
#           events: [authentication, access, change, error]
#           retentionDays: 365
package ifacelint.rules.logging.enabled

import data.ifacelint.lib

deny contains finding if {
	lib.networked(input.spec)
	not input.spec.logging.enabled == true
	finding := {
		"msg": "networked interface is not logged (logging.enabled is not true)",
		"path": ["spec", "logging", "enabled"],
	}
}
