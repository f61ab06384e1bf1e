package app

import (
	"context"
	"fmt"

	"github.com/ifacelint/ifacelint/internal/format"
	"github.com/ifacelint/ifacelint/internal/rules"
)

// Rules prints the rule catalogue: the built-in rules and the custom ones
// of the config and PolicyDirs, as text, json or markdown.
func (s *Session) Rules(ctx context.Context, name string) error {
	if err := s.loadCatalogue(ctx); err != nil {
		return err
	}
	switch name {
	case "text":
		return format.RulesTable(s.stdout, s.catalogue)
	case "json":
		return format.RulesJSON(s.stdout, s.catalogue)
	case "markdown":
		return format.RulesMarkdown(s.stdout, s.catalogue)
	}
	return fmt.Errorf("unknown format %q (want text, json or markdown)", name)
}

// Explain prints one rule, with the parameters the config sets for it.
func (s *Session) Explain(ctx context.Context, id string) error {
	if err := s.loadCatalogue(ctx); err != nil {
		return err
	}
	rule := s.catalogue.Get(id)
	if rule == nil {
		return fmt.Errorf("unknown rule %q (see `ifacelint rules`)%s", id, s.catalogue.DidYouMean(id))
	}
	var inForce map[string]any
	if s.config != nil {
		inForce = s.config.Rules[rule.ID].Params
	}
	return format.Explain(s.stdout, rule, inForce)
}

// Catalogue loads the config and the policies as Rules does and returns
// the rule catalogue: the built-in rules and the custom ones of the config
// and PolicyDirs. It writes nothing but notices to Stderr.
func (s *Session) Catalogue(ctx context.Context) (*rules.Catalogue, error) {
	if err := s.loadCatalogue(ctx); err != nil {
		return nil, err
	}
	return s.catalogue, nil
}
