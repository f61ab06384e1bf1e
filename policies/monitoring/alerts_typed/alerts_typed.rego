# METADATA
# title: Alerts say what they watch
# description: >-
#   An alert listed by name alone ("todo", "orders-alert") says nothing a
#   reviewer or a rule can check: whether anomalous logins, authentication
#   failures or configuration changes are watched cannot be told. A typed
#   alert ({kind, ref}) names the signal and where the alert is defined.
# custom:
#   severity: info
#   kinds: [Interface]
#   controls: ["8.16"]
#   frameworks:
#     soc2: ["CC7.2"]
#     nist-800-53: ["SI-4"]
#     cis-v8: []
#     pci-dss-4: []
#     ccm-v4: ["LOG-03"]
#     hipaa: ["164.308(a)(1)(ii)(D)"]
#     gdpr: []
#     owasp-api-2023: []
#   trigger: >-
#     An Interface whose spec.monitoring.alerts holds plain strings: one
#     finding, at the first of them, counting them all.
#   remediation: >-
#     Write each alert as {kind, ref}: kind one of anomalous-login,
#     auth-failure-spike, config-change, privileged-action, error-rate,
#     traffic-spike, egress-anomaly; ref the alert's name or URL in the
#     alerting system.
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-api
#         name: Orders API
#       spec:
#         type: api
#         direction: inbound
#         exposure: internal
#         monitoring:
#           alerts: [orders-api-5xx-rate]
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-api
#         name: Orders API
#       spec:
#         type: api
#         direction: inbound
#         exposure: internal
#         monitoring:
#           alerts:
#             - kind: error-rate
#               ref: orders-api-5xx-rate
package ifacelint.rules.monitoring.alerts_typed

deny contains finding if {
	plain := [i | some i, alert in input.spec.monitoring.alerts; is_string(alert)]
	count(plain) > 0
	finding := {
		"msg": sprintf("%d of monitoring.alerts %s a plain name, which says nothing of what it watches: write {kind, ref}", [count(plain), _is(count(plain))]),
		"path": ["spec", "monitoring", "alerts", plain[0]],
	}
}

_is(1) := "is"

_is(n) := "are" if n != 1
