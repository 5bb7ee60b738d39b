// Command gentrace writes TRACEABILITY.md: for every rule of the rulebook,
// its statement, the code that encodes it and the tests that prove it, as
// found by package internal/trace. Run it from the module root:
//
//	go run ./internal/tools/gentrace
//
// The traceability test (internal/trace) fails when the file is stale or a
// rule has no test.
package main

import (
	"flag"
	"log"
	"os"

	"github.com/marketrules/marketrules/internal/trace"
)

func main() {
	root := flag.String("root", ".", "module root")
	out := flag.String("out", "TRACEABILITY.md", "output file")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("gentrace: ")
	m, err := trace.Scan(*root)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, trace.Markdown(m), 0o644); err != nil {
		log.Fatal(err)
	}
}
