# METADATA
# title: A change that sends personal data to a third party names its ticket
# description: >-
#   Personal data newly reaching a supplier needs the supplier assessed and a
#   data processing agreement in place before it flows (A.5.19, A.5.20,
#   A.5.34), and the change reviewed (A.8.32). The rule shows the new flow in
#   the pull request and asks for the ticket that reviewed it.
# custom:
#   severity: warning
#   kinds: [Interface]
#   controls: ["8.32", "5.19"]
#   frameworks:
#     soc2: ["CC8.1"]
#     nist-800-53: ["CM-3", "CM-4"]
#     cis-v8: []
#     pci-dss-4: ["6.5", "6.5.1"]
#     ccm-v4: ["DSP-13"]
#     hipaa: ["164.308(b)(1)"]
#     gdpr: ["28(1)"]
#     owasp-api-2023: []
#   trigger: >-
#     An Interface that names a third party in spec.thirdParty and carries
#     personal data (data.categories pii or phi), where its version in the base
#     revision (`lint --base`) did not send personal data to that third party:
#     the interface is new, named no third party or another one, or carried no
#     personal data; while spec.changeManagement.ticket is missing or blank.
#     The one change rule that fires on a document new in the change. Computed
#     by the engine; fires only when the run has a base revision.
#   remediation: >-
#     Name the change ticket that reviewed the new flow (the supplier's
#     assessment and data processing agreement) in
#     spec.changeManagement.ticket.
#   examples:
#     base: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: newsletter
#         name: Newsletter
#       spec:
#         type: api
#         direction: outbound
#         exposure: partner
#         data:
#           categories: [pii]
#         changeManagement:
#           process: pull-request review with security approval
#       ---
#       apiVersion: ifacelint/v1
#       kind: ThirdParty
#       metadata:
#         id: acme-mail
#         name: Acme Mail
#       spec:
#         services: Transactional e-mail
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: newsletter
#         name: Newsletter
#       spec:
#         type: api
#         direction: outbound
#         exposure: partner
#         data:
#           categories: [pii]
#         thirdParty: acme-mail
#         changeManagement:
#           process: pull-request review with security approval
#       ---
#       apiVersion: ifacelint/v1
#       kind: ThirdParty
#       metadata:
#         id: acme-mail
#         name: Acme Mail
#       spec:
#         services: Transactional e-mail
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: newsletter
#         name: Newsletter
#       spec:
#         type: api
#         direction: outbound
#         exposure: partner
#         data:
#           categories: [pii]
#         thirdParty: acme-mail
#         changeManagement:
#           process: pull-request review with security approval
#           ticket: CHG-1234
#       ---
#       apiVersion: ifacelint/v1
#       kind: ThirdParty
#       metadata:
#         id: acme-mail
#         name: Acme Mail
#       spec:
#         services: Transactional e-mail
package ifacelint.rules.change.third_party_added

# Computed by the Go engine (internal/change), which compares each document
# with its base revision; this package only carries the catalogue entry.
# The empty deny keeps it a rule.
deny := set()
