# METADATA
# title: A change that widens an interface's exposure names its ticket
# description: >-
#   Widening who can reach an interface (internal to partner, partner to
#   internet) changes its attack surface at once. A.8.32 expects such a change
#   to pass through change management; the ticket in the document is the link
#   an auditor follows from the change to its review and impact analysis.
# custom:
#   severity: warning
#   kinds: [Interface]
#   controls: ["8.32"]
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
#     An Interface whose spec.exposure moves up the order internal, partner,
#     internet from its version in the base revision (`lint --base`), while
#     spec.changeManagement.ticket is missing or blank. A side whose exposure is
#     missing or not one of those values compares as unknown and fires nothing.
#     Documents pair by kind and metadata.id, whatever their files. Computed by
#     the engine; fires only when the run has a base revision.
#   remediation: >-
#     Name the change ticket that reviewed the wider exposure in
#     spec.changeManagement.ticket, or keep the narrower exposure.
#   examples:
#     base: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-api
#         name: Orders Api
#       spec:
#         type: api
#         direction: inbound
#         exposure: internal
#         changeManagement:
#           process: pull-request review with security approval
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-api
#         name: Orders Api
#       spec:
#         type: api
#         direction: inbound
#         exposure: internet
#         changeManagement:
#           process: pull-request review with security approval
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-api
#         name: Orders Api
#       spec:
#         type: api
#         direction: inbound
#         exposure: internet
#         changeManagement:
#           process: pull-request review with security approval
#           ticket: CHG-1234
package ifacelint.rules.change.exposure_widened

# Computed by the Go engine (internal/change), which compares each document
# with its base revision; this package only carries the catalogue entry.
# The empty deny keeps it a rule.
deny := set()
