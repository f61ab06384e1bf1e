# METADATA
# title: A change that raises the sensitivity of the data carried names its ticket
# description: >-
#   An interface that starts carrying more sensitive data (a higher
#   classification, personal or payment data) needs the controls that data
#   calls for, reviewed before it flows. A.8.32 expects such a change to pass
#   through change management, and A.5.12 to be classified consciously; the
#   ticket is the trace of that review.
# custom:
#   severity: warning
#   kinds: [Interface]
#   controls: ["8.32", "5.12"]
#   frameworks:
#     soc2: ["CC8.1"]
#     nist-800-53: ["CM-3", "CM-4"]
#     cis-v8: []
#     pci-dss-4: ["6.5", "6.5.1"]
#     ccm-v4: ["CCC-04"]
#     hipaa: ["164.308(a)(8)"]
#     gdpr: []
#     owasp-api-2023: []
#   trigger: >-
#     An Interface, compared with its version in the base revision (`lint
#     --base`), whose spec.data.classification moves up the order public,
#     internal, confidential, restricted, or whose data.categories newly include
#     pii, phi or pci, while spec.changeManagement.ticket is missing or blank. A
#     classification missing or unknown on either side compares as unknown. One
#     finding per document, naming every reason. Computed by the engine; fires
#     only when the run has a base revision.
#   remediation: >-
#     Name the change ticket that reviewed the more sensitive data (and the
#     controls it needs) in spec.changeManagement.ticket.
#   examples:
#     base: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-events
#         name: Orders Events
#       spec:
#         type: queue
#         direction: outbound
#         exposure: internal
#         data:
#           classification: internal
#           categories: [telemetry]
#         changeManagement:
#           process: pull-request review with security approval
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-events
#         name: Orders Events
#       spec:
#         type: queue
#         direction: outbound
#         exposure: internal
#         data:
#           classification: confidential
#           categories: [telemetry, pii]
#         changeManagement:
#           process: pull-request review with security approval
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-events
#         name: Orders Events
#       spec:
#         type: queue
#         direction: outbound
#         exposure: internal
#         data:
#           classification: confidential
#           categories: [telemetry, pii]
#         changeManagement:
#           process: pull-request review with security approval
#           ticket: CHG-1234
package ifacelint.rules.change.data_sensitivity_raised

# Computed by the Go engine (internal/change), which compares each document
# with its base revision; this package only carries the catalogue entry.
# The empty deny keeps it a rule.
deny := set()
