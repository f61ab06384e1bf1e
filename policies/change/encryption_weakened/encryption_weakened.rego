# METADATA
# title: A change that weakens encryption in transit names its ticket
# description: >-
#   Turning TLS off, accepting an older TLS version or dropping mutual TLS
#   weakens the cryptography A.8.24 asks for, and is a change A.8.32 expects
#   to be reviewed. The rule shows the weakening in the pull request and asks
#   for the ticket that accepted it.
# custom:
#   severity: warning
#   kinds: [Interface]
#   controls: ["8.32", "8.24"]
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
#     --base`), whose spec.encryption.inTransit.tls was true and no longer is,
#     whose minVersion is lower than before (MAJOR.MINOR compared as numbers,
#     so 1.10 is above 1.2) or no longer stated, or whose mtls was true and no
#     longer is, while spec.changeManagement.ticket is missing or blank. A
#     minVersion that is not MAJOR.MINOR compares as unknown. One finding per
#     document, naming every reason. Computed by the engine; fires only when the
#     run has a base revision.
#   remediation: >-
#     Keep the stronger encryption, or name the change ticket that accepted the
#     weaker one in spec.changeManagement.ticket.
#   examples:
#     base: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: payments-api
#         name: Payments Api
#       spec:
#         type: api
#         direction: inbound
#         exposure: partner
#         encryption:
#           inTransit:
#             tls: true
#             minVersion: "1.3"
#             mtls: true
#         changeManagement:
#           process: pull-request review with security approval
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: payments-api
#         name: Payments Api
#       spec:
#         type: api
#         direction: inbound
#         exposure: partner
#         encryption:
#           inTransit:
#             tls: true
#             minVersion: "1.2"
#         changeManagement:
#           process: pull-request review with security approval
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: payments-api
#         name: Payments Api
#       spec:
#         type: api
#         direction: inbound
#         exposure: partner
#         encryption:
#           inTransit:
#             tls: true
#             minVersion: "1.2"
#         changeManagement:
#           process: pull-request review with security approval
#           ticket: CHG-1234
package ifacelint.rules.change.encryption_weakened

# Computed by the Go engine (internal/change), which compares each document
# with its base revision; this package only carries the catalogue entry.
# The empty deny keeps it a rule.
deny := set()
