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

_patterns := {
	"AWS access key ID": `(AKIA|ASIA)[0-9A-Z]{16}`,
	"PEM private key": `-----BEGIN [A-Z ]*PRIVATE KEY-----`,
	"GitHub token": `gh[pousr]_[A-Za-z0-9]{36,}`,
	"Slack token": `xox[abprs]-[A-Za-z0-9-]{10,}`,
	"Stripe live secret key": `sk_live_[A-Za-z0-9]{24,}`,
}

# This rule also runs on schema-invalid documents: input may be any JSON
# value, so every step checks types before calling a built-in.

deny contains finding if {
	walk(input, [path, value])
	is_string(value)
	kinds := _kinds(value)
	count(kinds) > 0
	finding := _value_finding(path, kinds)
}

deny contains finding if {
	walk(input, [path, value])
	is_object(value)
	some key, _ in value
	is_string(key)
	kinds := _kinds(key)
	count(kinds) > 0
	safe := _safe(path)
	finding := {
		"msg": sprintf("a key of %s contains an inline credential (%s)", [lib.path_string(safe), _names(kinds)]),
		"path": safe,
	}
}

_kinds(s) := {kind | some kind, pattern in _patterns; regex.match(pattern, s)}

_names(kinds) := concat(", ", sort(kinds))

_value_finding(path, kinds) := {
	"msg": sprintf("%s contains an inline credential (%s)", [lib.path_string(path), _names(kinds)]),
	"path": path,
} if {
	_safe(path) == path
} else := {
	"msg": sprintf("a value below a key of %s contains an inline credential (%s)", [lib.path_string(_safe(path)), _names(kinds)]),
	"path": _safe(path),
}

# _safe cuts a path before the first key that itself holds a credential, so
# that no secret reaches a finding's path (paths are printed and baselined).
_safe(path) := array.slice(path, 0, min(bad)) if {
	bad := {i | some i, key in path; is_string(key); count(_kinds(key)) > 0}
	count(bad) > 0
} else := path
