// Package conventions holds the test that checks the module's conventions
// on every exported type of every public package: zero values marshal and
// round-trip through JSON, JSON keys are camelCase, enums round-trip their
// names; comments cite no files or labels that do not ship with the
// module; no package-level variable holds a policy. Known violations are
// allowed by name, each with a TODO, so that the test fails only on a new
// one.
//
// The registry of types is generated from the module's source:
//
//	go generate ./internal/conventions
package conventions

//go:generate go run ../tools/genregistry -root ../.. -out registry_gen_test.go
