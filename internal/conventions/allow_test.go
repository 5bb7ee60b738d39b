package conventions_test

// allowed lists the known violations of the conventions, each with a TODO.
// The test fails on any violation not listed here and logs the listed ones
// that no longer occur: remove them, so that the list only shrinks.
// go test ./internal/conventions -sync rewrites this file from what the
// checks find.
var allowed = map[string]string{
	"json-key offer/ingestion.Tree.$schema":            "TODO: a camelCase json tag (convention 6)",
	"problems-append refund.addProblem":                "TODO: ps.Append or ps.Add, which cap the list (issue 17)",
	"problems-append refund.policyProblem":             "TODO: ps.Append or ps.Add, which cap the list (issue 17)",
	"problems-append trial.Effect.UnmarshalJSON":       "TODO: ps.Append or ps.Add, which cap the list (issue 17)",
	"problems-append trial.Effects.UnmarshalJSON":      "TODO: ps.Append or ps.Add, which cap the list (issue 17)",
	"problems-append trial.State.Validate":             "TODO: ps.Append or ps.Add, which cap the list (issue 17)",
	"problems-append trial.Transition.UnmarshalJSON":   "TODO: ps.Append or ps.Add, which cap the list (issue 17)",
	"problems-append trial.problem":                    "TODO: ps.Append or ps.Add, which cap the list (issue 17)",
	"problems-as-error refund.Decision.UnmarshalJSON":  "TODO: return the list with .Err() (convention 3)",
	"problems-as-error refund.Policy.Decide":           "TODO: return the list with .Err() (convention 3)",
	"problems-as-error refund.Policy.LimitAt":          "TODO: return the list with .Err() (convention 3)",
	"problems-as-error refund.Policy.UnmarshalJSON":    "TODO: return the list with .Err() (convention 3)",
	"problems-as-error refund.Request.UnmarshalJSON":   "TODO: return the list with .Err() (convention 3)",
	"problems-as-error trial.Effects.UnmarshalJSON":    "TODO: return the list with .Err() (convention 3)",
	"problems-as-error trial.Policy.UnmarshalJSON":     "TODO: return the list with .Err() (convention 3)",
	"problems-as-error trial.Policy.switchTo":          "TODO: return the list with .Err() (convention 3)",
	"problems-as-error trial.State.UnmarshalJSON":      "TODO: return the list with .Err() (convention 3)",
	"problems-as-error trial.Transition.UnmarshalJSON": "TODO: return the list with .Err() (convention 3)",
	"problems-as-error trial.errNoEvents":              "TODO: return the list with .Err() (convention 3)",
	"problems-as-error trial.tooLarge":                 "TODO: return the list with .Err() (convention 3)",
	"problems-as-error trial.trialEnd":                 "TODO: return the list with .Err() (convention 3)",
}
