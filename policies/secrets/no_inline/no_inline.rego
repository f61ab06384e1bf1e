# METADATA
# title: No credentials in the inventory
# description: >-
#   An access key, private key or token committed to git is leaked to everyone
#   with access to the repository and its history. The inventory describes
#   where secrets live; it must never contain them. Findings never print the
#   value.
# custom:
#   severity: error
#   controls: ["5.17"]
#   frameworks:
#     soc2: ["CC6.1"]
#     nist-800-53: ["IA-5(7)"]
#     cis-v8: []
#     pci-dss-4: ["8.6", "8.6.2"]
#     ccm-v4: ["IAM-15"]
#     hipaa: []
#     gdpr: []
#     owasp-api-2023: []
#   trigger: >-
#     Any string value, or mapping key, anywhere in any document (also in
#     schema-invalid documents and x- fields) contains a credential: an AWS
#     access key id (AKIA|ASIA)[0-9A-Z]{16}, a PEM private key header
#     -----BEGIN [A-Z ]*PRIVATE KEY-----, a GitHub token
#     gh[pousr]_[A-Za-z0-9]{36,}, a Slack token xox[abprs]-[A-Za-z0-9-]{10,}
#     or a Stripe live key sk_live_[A-Za-z0-9]{24,}. One finding per value or
#     key, at that value; a key is reported at the mapping that holds it, so
#     the credential never appears in a finding's path.
#   remediation: >-
#     Remove the credential from the file, revoke and rotate it (it is in the
#     git history), keep the new one in the secret store named in
#     spec.secrets.store, and refer to it by name only.
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: billing-export
#         name: Billing export
#         description: Nightly export with aws s3 cp --access-key AKIAIOSFODNN7EXAMPLE
#       spec:
#         type: file-transfer
#         direction: outbound
#         exposure: partner
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: billing-export
#         name: Billing export
#         description: Nightly export of invoices to the partner's bucket.
#       spec:
#         type: file-transfer
#         direction: outbound
#         exposure: partner
#         secrets:
#           store: vault
#           rotationDays: 90
package ifacelint.rules.secrets.no_inline

import data.ifacelint.lib

# The patterns and the walk are in Go: ifacelint.inline_credentials(x)
# returns every string value and mapping key of x holding a credential, with
# its path, the path cut before any key that itself holds one ("safe"), and
# the kinds found, sorted (internal/credential, docs/custom-policies.md). It
# accepts any value: this rule also runs on schema-invalid documents.

deny contains finding if {
	some hit in ifacelint.inline_credentials(input)
	finding := _finding(hit)
}

# A key is reported at the mapping that holds it, so the credential never
# appears in a finding's path (paths are printed and baselined).
_finding(hit) := {
	"msg": sprintf("a key of %s contains an inline credential (%s)", [lib.path_string(hit.safe), concat(", ", hit.kinds)]),
	"path": hit.safe,
} if {
	hit.key
} else := {
	"msg": sprintf("%s contains an inline credential (%s)", [lib.path_string(hit.path), concat(", ", hit.kinds)]),
	"path": hit.path,
} if {
	hit.safe == hit.path
} else := {
	"msg": sprintf(
		"a value below a key of %s contains an inline credential (%s)",
		[lib.path_string(hit.safe), concat(", ", hit.kinds)],
	),
	"path": hit.safe,
}
