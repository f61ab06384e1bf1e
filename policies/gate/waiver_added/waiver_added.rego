# METADATA
# title: A waiver a change adds or extends is reviewed
# description: >-
#   A waiver accepts a risk on one document until a date. One written in
#   the same pull request as the finding it waives lets the change pass the
#   gate it would otherwise fail, so under `lint --base` every waiver the
#   head adds or extends is shown with its approver and expiry, for the
#   approver named to confirm.
# custom:
#   severity: warning
#   controls: ["8.32", "5.36"]
#   frameworks:
#     soc2: ["CC8.1"]
#     nist-800-53: ["CM-3", "RA-7"]
#     cis-v8: []
#     pci-dss-4: []
#     ccm-v4: ["CCC-08"]
#     hipaa: []
#     gdpr: []
#     owasp-api-2023: []
#   trigger: >-
#     Under lint --base, a waiver of the head (in an inventory document's
#     metadata.waivers, or in a waiver file) that the base does not hold —
#     matched on document kind, id and rule for a waiver in a document, and
#     on waiver file, rule, kind and id for one in a waiver file — or one
#     the head extends: a later expiry, or another approver. One finding per
#     waiver, at the waiver, naming its approver and expiry. Computed by the
#     engine.
#   remediation: >-
#     Have the approver named in approvedBy confirm the waiver in the review
#     (waiver files under waivers.files can be given their own owners in
#     CODEOWNERS), or fix the finding and drop the waiver.
#   examples:
#     fail: |
#       base:
#         apis/orders.yaml: |
#           apiVersion: ifacelint/v1
#           kind: Interface
#           metadata:
#             id: orders-api
#             name: Orders API
#       head:
#         apis/orders.yaml: |
#           apiVersion: ifacelint/v1
#           kind: Interface
#           metadata:
#             id: orders-api
#             name: Orders API
#             waivers:
#               - rule: availability/rate-limited
#                 reason: Fronted by the corporate gateway, which enforces limits.
#                 approvedBy: security@example.com
#                 expires: 2027-03-31
#     pass: |
#       base:
#         apis/orders.yaml: |
#           apiVersion: ifacelint/v1
#           kind: Interface
#           metadata:
#             id: orders-api
#             name: Orders API
#             waivers:
#               - rule: availability/rate-limited
#                 reason: Fronted by the corporate gateway, which enforces limits.
#                 approvedBy: security@example.com
#                 expires: 2027-03-31
#       head:
#         apis/orders.yaml: |
#           apiVersion: ifacelint/v1
#           kind: Interface
#           metadata:
#             id: orders-api
#             name: Orders API
#             waivers:
#               - rule: availability/rate-limited
#                 reason: Fronted by the corporate gateway, which enforces limits.
#                 approvedBy: security@example.com
#                 expires: 2027-01-31
package ifacelint.rules.gate.waiver_added

# Computed by the Go engine (internal/gate), which compares the base and head
# revisions of a change; this package only carries the catalogue entry. The
# empty deny keeps it a rule.
deny := set()
