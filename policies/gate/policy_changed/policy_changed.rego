# METADATA
# title: A change to a custom policy is reviewed
# description: >-
#   Custom policies (the config's policies: directories and --policy) are
#   rules the organisation wrote; changing one changes what the gate checks.
#   Under `lint --base` the head is judged with the base revision's
#   policies, and every policy file the head adds, removes or edits is shown
#   for review by whoever owns the policies.
# custom:
#   severity: warning
#   controls: ["8.32", "5.1"]
#   frameworks:
#     soc2: ["CC8.1"]
#     nist-800-53: ["CM-3", "CM-4"]
#     cis-v8: []
#     pci-dss-4: []
#     ccm-v4: ["CCC-04"]
#     hipaa: []
#     gdpr: []
#     owasp-api-2023: []
#   trigger: >-
#     Under lint --base, a custom policy file is in the head but not the
#     base (added), in the base but not the head (removed), or in both with
#     other content (changed). An added or changed file is reported at its
#     package line; a removed one at the head config's policies: key, or as
#     a file-level finding naming it when the head has no config. Computed
#     by the engine.
#   remediation: >-
#     Have the policies' owners review the change (a CODEOWNERS entry for
#     the policy directories makes that a rule of the repository); it takes
#     effect once merged.
#   examples:
#     fail: |
#       base:
#         policies/payments.rego: |
#           package ifacelint.rules.acme.payments_mtls
#           deny contains "payments interfaces must use mTLS" if input.spec.type == "api"
#       head:
#         policies/payments.rego: |
#           package ifacelint.rules.acme.payments_mtls
#           deny contains "payments interfaces must use mTLS" if false
#     pass: |
#       base:
#         policies/payments.rego: |
#           package ifacelint.rules.acme.payments_mtls
#           deny contains "payments interfaces must use mTLS" if input.spec.type == "api"
#       head:
#         policies/payments.rego: |
#           package ifacelint.rules.acme.payments_mtls
#           deny contains "payments interfaces must use mTLS" if input.spec.type == "api"
package ifacelint.rules.gate.policy_changed

# Computed by the Go engine (internal/gate), which compares the base and head
# revisions of a change; this package only carries the catalogue entry. The
# empty deny keeps it a rule.
deny := set()
