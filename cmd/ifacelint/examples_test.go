package main

import (
	"os"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The GitLab example keys its cache on the ref's protection as well as its
// slug: the slug alone folds a branch Main onto main, and a project may
// share caches between protected and unprotected branches, so a merge
// request could write the cache the default branch reads. The key holds no
// variable that may contain a "/", which GitLab refuses in a key.
func TestGitLabExampleCacheKey(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../../examples/ci/gitlab-ci.yml")
	if err != nil {
		t.Fatal(err)
	}
	var jobs map[string]struct {
		Cache struct {
			Key   string   `yaml:"key"`
			Paths []string `yaml:"paths"`
		} `yaml:"cache"`
	}
	if err := yaml.Unmarshal(data, &jobs); err != nil {
		t.Fatal(err)
	}
	key := jobs["ifacelint"].Cache.Key
	if !strings.Contains(key, "$CI_COMMIT_REF_PROTECTED") || !strings.Contains(key, "$CI_COMMIT_REF_SLUG") {
		t.Errorf("cache key %q: want $CI_COMMIT_REF_PROTECTED and $CI_COMMIT_REF_SLUG", key)
	}
	for _, v := range []string{"$CI_COMMIT_REF_NAME", "$CI_COMMIT_BRANCH", "$CI_MERGE_REQUEST_SOURCE_BRANCH_NAME"} {
		if strings.Contains(key, v) {
			t.Errorf("cache key %q holds %s, which may contain a /", key, v)
		}
	}
}
