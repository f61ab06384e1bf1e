package ifacelint.rules.secrets.no_inline_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.secrets.no_inline as rule

# Credentials are assembled at run time so that this file does not itself
# trip secret scanners.
aws := concat("", ["AKIA", "IOSFODNN7EXAMPLE"])

github := concat("", ["ghp", "_", "0123456789abcdefghijABCDEFGHIJ012345"])

slack := concat("", ["xoxb", "-", "1234567890-abcdefghij"])

stripe := concat("", ["sk", "_live_", "abcdefghijklmnopqrstuvwx"])

pem := concat("", ["-----BEGIN ", "RSA PRIVATE KEY-----\nMIIEow..."])

secrets := [aws, github, slack, stripe, pem]

no_secret_in(findings) if {
	every finding in findings {
		every s in secrets {
			not contains(finding.msg, s)
			not contains(json.marshal(finding.path), s)
		}
	}
}

test_fires_on_value if {
	rule.deny == {{
		"msg": "metadata.description contains an inline credential (AWS access key ID)",
		"path": ["metadata", "description"],
	}} with input as fixture.with_metadata({"description": sprintf("run with key %s please", [aws])})
}

test_every_pattern if {
	every s in secrets {
		count(rule.deny) == 1 with input as fixture.with_metadata({"description": s})
	}
	rule.deny == {{
		"msg": "spec.icd contains an inline credential (PEM private key)",
		"path": ["spec", "icd"],
	}} with input as fixture.doc({"icd": pem})
	count(rule.deny) == 1 with input as fixture.doc({"icd": "-----BEGIN OPENSSH PRIVATE KEY-----"})
	count(rule.deny) == 1 with input as fixture.doc({"icd": "-----BEGIN PRIVATE KEY-----"})
	count(rule.deny) == 1 with input as fixture.doc({"icd": concat("", ["ASIA", "ABCDEFGHIJKLMNOP"])})
	every prefix in ["gho_", "ghu_", "ghs_", "ghr_"] {
		count(rule.deny) == 1 with input as fixture.doc({"icd": concat("", [prefix, "0123456789abcdefghijABCDEFGHIJ012345"])})
	}
	every prefix in ["xoxa-", "xoxp-", "xoxr-", "xoxs-"] {
		count(rule.deny) == 1 with input as fixture.doc({"icd": concat("", [prefix, "0123456789"])})
	}
}

test_near_misses_do_not_fire if {
	every s in [
		concat("", ["AKIA", "IOSFODNN7EXAMPL"]), # 15 characters after AKIA
		concat("", ["akia", "iosfodnn7example"]), # lower case
		"-----BEGIN PUBLIC KEY-----",
		"-----BEGIN CERTIFICATE-----",
		concat("", ["ghp", "_0123456789abcdefghijABCDEFGHIJ01234"]), # 35 characters
		concat("", ["ghx", "_0123456789abcdefghijABCDEFGHIJ012345"]),
		concat("", ["xoxb", "-123456789"]), # 9 characters
		concat("", ["xoxc", "-1234567890"]),
		concat("", ["sk", "_live_abcdefghijklmnopqrstuvw"]), # 23 characters
		concat("", ["sk", "_test_abcdefghijklmnopqrstuvwxyz"]),
		"vault:secret/data/billing#api-key",
	] {
		count(rule.deny) == 0 with input as fixture.doc({"icd": s})
	}
}

test_one_finding_per_value_in_lists if {
	rule.deny == {
		{"msg": "spec.endpoints[1].url contains an inline credential (Slack token)", "path": ["spec", "endpoints", 1, "url"]},
		{
			"msg": "spec.authorization.scopes[0] contains an inline credential (GitHub token)",
			"path": ["spec", "authorization", "scopes", 0],
		},
	} with input as fixture.doc({
		"endpoints": [{"url": "https://ok.example.com"}, {"url": sprintf("https://hooks.example.com/%s", [slack])}],
		"authorization": {"scopes": [github]},
	})
}

test_names_every_kind_in_one_value if {
	rule.deny == {{
		"msg": "spec.icd contains an inline credential (AWS access key ID, Stripe live secret key)",
		"path": ["spec", "icd"],
	}} with input as fixture.doc({"icd": sprintf("%s %s", [stripe, aws])})
}

test_fires_on_map_key_at_the_mapping if {
	rule.deny == {{
		"msg": "a key of metadata.labels contains an inline credential (GitHub token)",
		"path": ["metadata", "labels"],
	}} with input as fixture.with_metadata({"labels": {github: "ci"}})
}

test_value_below_a_secret_key_is_reported_without_the_key if {
	findings := rule.deny with input as fixture.doc({"x-notes": {aws: {"token": stripe}}})
	findings == {
		{"msg": "a key of spec.x-notes contains an inline credential (AWS access key ID)", "path": ["spec", "x-notes"]},
		{
			"msg": "a value below a key of spec.x-notes contains an inline credential (Stripe live secret key)",
			"path": ["spec", "x-notes"],
		},
	}
	no_secret_in(findings)
}

test_never_prints_the_secret if {
	findings := rule.deny with input as fixture.doc({
		"icd": aws,
		"endpoints": [{"url": github}],
		"x-extra": {slack: [pem, stripe]},
	})
	count(findings) == 5
	no_secret_in(findings)
}

test_scans_x_fields if {
	rule.deny == {{
		"msg": "spec.x-deploy.token contains an inline credential (Slack token)",
		"path": ["spec", "x-deploy", "token"],
	}} with input as fixture.doc({"x-deploy": {"token": slack}})
}

test_scans_schema_invalid_documents if {
	rule.deny == {{"msg": "spec.tokn contains an inline credential (GitHub token)", "path": ["spec", "tokn"]}}
		with input as {"kind": 42, "spec": {"tokn": github, "n": [1, true, null, {"a": []}]}}
	rule.deny == {{"msg": "the document contains an inline credential (AWS access key ID)", "path": []}} with input as aws
	rule.deny == {{"msg": "[1][0] contains an inline credential (AWS access key ID)", "path": [1, 0]}}
		with input as [null, [aws], 3.5, false]
	count(rule.deny) == 0 with input as 42
	count(rule.deny) == 0 with input as null
	count(rule.deny) == 0 with input as []
	count(rule.deny) == 0 with input as {"metadata": {"waivers": "none", "labels": [[[]]]}}
}

test_passes_clean_document if {
	count(rule.deny) == 0
		with input as fixture.doc({
			"secrets": {"store": "vault", "rotationDays": 90},
			"endpoints": [{"url": "https://orders.example.com"}],
		})
}
