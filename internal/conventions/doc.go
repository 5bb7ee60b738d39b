// Package conventions holds the test that checks the module's conventions
// on every exported type of every public package: zero values marshal and
// round-trip through JSON, JSON keys are camelCase, enums round-trip their
// names; comments cite no files or labels that do not ship with the
// module; no package-level variable holds a policy; a list of problems is
// returned through rule.Problems.Err (a Problems value as an error makes
// == panic) and grown with its capped Add and Append, never the built-in
// append. Known violations are
// allowed by name, each with a TODO, so that the test fails only on a new
// one.
//
// The registry of types is generated from the module's source, and the
// allow-list can be rewritten from what the checks find (dropping the
// fixed violations, adding new ones with a TODO) after a merge:
//
//	go generate ./internal/conventions
//	go test ./internal/conventions -sync
package conventions

//go:generate go run ../tools/genregistry -root ../.. -out registry_gen_test.go
