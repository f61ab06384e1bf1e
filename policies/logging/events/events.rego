# METADATA
# title: Logs capture the security-relevant events
# description: >-
#   Logging that misses authentication, access, change or error events cannot
#   answer who did what and when. Interfaces carrying sensitive data must also
#   log data transfers.
# custom:
#   severity: warning
#   kinds: [Interface]
#   controls: ["8.15"]
#   frameworks:
#     soc2: ["CC7.2"]
#     nist-800-53: ["AU-2"]
#     cis-v8: ["8.5"]
#     pci-dss-4: ["10.2"]
#     ccm-v4: ["LOG-07", "LOG-12"]
#     hipaa: ["164.308(a)(5)(ii)(C)", "164.312(b)"]
#     gdpr: []
#     owasp-api-2023: []
#   trigger: >-
#     spec.logging.enabled is true but spec.logging.events lacks one of
#     authentication, access, change, error, or lacks data-transfer when the
#     Interface is sensitive (classification confidential or restricted, or a
#     category among pii, phi, pci, credentials), or lacks admin-action when
#     the Interface is privileged. All missing events are named in one
#     finding.
#   remediation: >-
#     Log the missing events and add them to spec.logging.events
#     (authentication, access, change, error, data-transfer for sensitive
#     data, admin-action for a privileged interface).
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
#           events: [access, error]
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
#           events: [authentication, access, change, error]
package ifacelint.rules.logging.events

import data.ifacelint.lib

_baseline_events := {"authentication", "access", "change", "error"}

_required_events := (_baseline_events | _sensitive_events) | _privileged_events

_sensitive_events := {"data-transfer"} if {
	lib.sensitive(input.spec)
} else := set()

_privileged_events := {"admin-action"} if {
	lib.privileged(input.spec)
} else := set()

deny contains finding if {
	input.spec.logging.enabled == true
	logged := {event | some event in input.spec.logging.events}
	lacking := _required_events - logged
	count(lacking) > 0
	finding := {
		"msg": sprintf("logging.events lacks %s", [lib.quoted(lacking)]),
		"path": ["spec", "logging", "events"],
	}
}
