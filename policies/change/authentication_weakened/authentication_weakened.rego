# METADATA
# title: A change that weakens authentication names its ticket
# description: >-
#   Removing MFA, accepting anyone, or letting callers in with a weaker
#   method than before lowers the assurance A.8.5 asks of authentication, and
#   the lowering is a change A.8.32 expects to be reviewed. The rule makes the
#   weakening visible in the pull request and asks for the ticket that
#   accepted it.
# custom:
#   severity: warning
#   kinds: [Interface]
#   controls: ["8.32", "8.5"]
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
#     --base`), whose spec.authentication.mfa was true and no longer is, whose
#     methods newly include none, whose methods are now missing or empty, or
#     whose weakest method is of a lower tier (none; password and basic;
#     api-key; hmac-signature, jwt, oauth2, oidc, saml and sso; mtls and
#     ssh-key, weakest to strongest), while spec.changeManagement.ticket is
#     missing or blank. The methods are alternatives, so the weakest one counts.
#     One finding per document, naming every reason. Computed by the engine;
#     fires only when the run has a base revision.
#   remediation: >-
#     Keep the stronger authentication, or name the change ticket that accepted
#     the weaker one in spec.changeManagement.ticket.
#   examples:
#     base: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: admin-portal
#         name: Admin Portal
#       spec:
#         type: portal
#         direction: inbound
#         exposure: internal
#         authentication:
#           methods: [oidc]
#           mfa: true
#         changeManagement:
#           process: pull-request review with security approval
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: admin-portal
#         name: Admin Portal
#       spec:
#         type: portal
#         direction: inbound
#         exposure: internal
#         authentication:
#           methods: [oidc, password]
#           mfa: false
#         changeManagement:
#           process: pull-request review with security approval
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: admin-portal
#         name: Admin Portal
#       spec:
#         type: portal
#         direction: inbound
#         exposure: internal
#         authentication:
#           methods: [oidc, password]
#           mfa: false
#         changeManagement:
#           process: pull-request review with security approval
#           ticket: CHG-1234
package ifacelint.rules.change.authentication_weakened

# Computed by the Go engine (internal/change), which compares each document
# with its base revision; this package only carries the catalogue entry.
# The empty deny keeps it a rule.
deny := set()
