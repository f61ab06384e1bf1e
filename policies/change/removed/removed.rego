# METADATA
# title: A change does not delete a third party interfaces still name
# description: >-
#   Deleting a ThirdParty document while interfaces still send data to it
#   loses the supplier's assessment and contract from the inventory (A.5.9,
#   A.5.19) in a change nobody reviewed as such (A.8.32). inventory/reference
#   reports the dangling name; this rule says the change caused it.
# custom:
#   severity: warning
#   kinds: [Interface]
#   controls: ["8.32", "5.9"]
#   frameworks:
#     soc2: ["CC8.1"]
#     nist-800-53: ["CM-3", "CM-4"]
#     cis-v8: []
#     pci-dss-4: ["6.5", "6.5.1"]
#     ccm-v4: ["STA-07"]
#     hipaa: []
#     gdpr: ["30(1)"]
#     owasp-api-2023: ["API9"]
#   trigger: >-
#     A ThirdParty document of the base revision (`lint --base`) that the head
#     deleted (no head document of that kind and id, whatever its file), while
#     a head Interface's spec.thirdParty still names it and that Interface's
#     spec.changeManagement.ticket is missing or blank: one finding per naming
#     Interface, at spec.thirdParty. Likewise a System document the head
#     deleted while an end (from or to) of a head Interface's
#     spec.data.flows still names it: one finding per naming end, at that
#     end. A deleted Interface fires nothing. Computed by the engine; fires
#     only when the run has a base revision.
#   remediation: >-
#     Keep the ThirdParty document, or stop naming it in the interfaces that
#     still do; a change ticket in the naming interface's
#     spec.changeManagement.ticket accepts the finding there.
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
#         thirdParty: acme-mail
#         changeManagement:
#           process: pull-request review with security approval
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
#         changeManagement:
#           process: pull-request review with security approval
package ifacelint.rules.change.removed

# Computed by the Go engine (internal/change), which compares each document
# with its base revision; this package only carries the catalogue entry.
# The empty deny keeps it a rule.
deny := set()
