package ingestion

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/marketrules/marketrules/internal/jsonx"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/rule"
)

// Tree is an offer read from a resource tree: the library's offer value,
// every resource of the tree in order (each with its original JSON, kept so
// that what the library does not map survives re-encoding), and the paths
// of the members and resources the library does not know.
type Tree struct {
	// Offer is the offer and its plans as the library's rules see them.
	Offer offer.Offer `json:"offer"`
	// Target is the resource tree's target ("draft", "preview" or
	// "live") when it is a resource-tree response; empty for a configure
	// request body.
	Target string `json:"target,omitempty"`
	// Resources are the tree's resources, in order.
	Resources []Resource `json:"resources,omitempty"`
	// Unknown lists the paths of unknown members and resources, which
	// are kept verbatim ("resources[3] (plan/…).pricing.futureField").
	Unknown []string `json:"unknown,omitempty"`

	// state kept from decoding, for re-encoding.
	raw  []node      // each resource's JSON, parallel to Resources
	orig offer.Offer // the offer as decoded, to tell what changed
}

// Resource is one resource of a tree.
type Resource struct {
	// Index is the resource's position in the tree's resources array.
	Index int `json:"index"`
	// Type and Version are what its $schema names
	// ("price-and-availability-plan", "2022-03-01-preview4").
	Type    string `json:"type"`
	Version string `json:"version"`
	// ID is its durable ID ("plan/<product>/<plan>"); empty for a
	// resource not yet created.
	ID string `json:"id,omitempty"`
	// Name is its resourceName, by which other resources of a configure
	// request refer to it.
	Name string `json:"resourceName,omitempty"`
	// Plan is the ID (external ID) of the plan the resource belongs to;
	// empty for offer-level resources.
	Plan string `json:"plan,omitempty"`
	// Mapped says the library maps the resource to the offer's values;
	// other resources of a known type are kept verbatim.
	Mapped bool `json:"mapped,omitempty"`
}

// ref names the resource in problem paths: "resources[3] (plan/…)".
func (r Resource) ref() string {
	id := r.ID
	if id == "" {
		id = r.Name
	}
	if id == "" {
		return fmt.Sprintf("resources[%d]", r.Index)
	}
	return fmt.Sprintf("resources[%d] (%s)", r.Index, id)
}

// Schema prefixes: Microsoft's current host and the older one the schemas
// were first published on.
const (
	SchemaBase       = "https://schema.mp.microsoft.com/schema/"
	legacySchemaBase = "https://product-ingestion.azureedge.net/schema/"
	// ConfigureSchema is the $schema of the configure request body that
	// Policy.Encode writes.
	ConfigureSchema = SchemaBase + "configure/2022-03-01-preview2"
)

// DecodeReader reads a resource tree from r, reading at most the policy's
// byte limit (plus one byte, to detect more), and decodes it as
// Policy.Decode does.
func (p Policy) DecodeReader(r io.Reader) (Tree, error) {
	if r == nil {
		var ps rule.Problems
		ps.Append(rule.Problem{Path: "", Message: msgNotTree, Err: ErrSyntax})
		return Tree{}, ps.Err()
	}
	p = p.norm()
	data, err := io.ReadAll(io.LimitReader(r, p.MaxBytes+1))
	if err != nil {
		return Tree{}, err
	}
	return p.Decode(data)
}

// Decode reads a resource tree: a configure request body
// ({"$schema": ".../configure/…", "resources": […]}) or a resource-tree
// response. It maps the product, plans, plan listings and the
// price-and-availability resources to the offer and its plans (ING-01,
// ING-02), keeps every other resource and every unknown member verbatim
// (listed in Tree.Unknown), and reports what it cannot map as rule.Problems
// with the resource's index, durable ID and field path. The tree holds
// everything that could be read even when there are problems. Input over
// the byte limit is refused before it is scanned (ErrTooLarge).
func (p Policy) Decode(data []byte) (Tree, error) {
	p = p.norm()
	var t Tree
	root, ps := p.parse(data)
	if root == nil {
		return t, ps.Err()
	}
	res, ok := root.get("resources")
	if !ok || res.kind != 'a' {
		ps.Append(rule.Problem{Path: "resources", Message: msgNotTree, Err: ErrSyntax})
		return t, ps.Err()
	}
	if s, ok := root.get("$schema"); ok {
		typ, _, known := parseSchema(s.str)
		if s.kind != 's' || !known || (typ != "configure" && typ != "resource-tree") {
			ps.Append(rule.Problem{Rule: ing01, Path: "$schema", Message: msgSchema, Args: []any{s.str}, Err: ErrSchema})
		}
	}
	if tg, ok := root.get("target"); ok {
		if tt, ok := tg.get("targetType"); ok && tt.kind == 's' {
			t.Target = tt.str
		}
	}
	d := &decoder{pol: p, t: &t, ps: &ps}
	d.decode(res.kids)
	return t, ps.Err()
}

// Encode writes the tree as the body of a configure request:
// {"$schema": ConfigureSchema, "resources": […]}, every resource of the
// tree in order, with the values of t.Offer mapped onto them. Members and
// resources the library does not map are written as they were read;
// a resource whose offer values did not change is written byte for byte
// as decoded (up to whitespace). Plans added to t.Offer get new plan,
// plan-listing and price-and-availability-plan resources, referring to
// each other by resourceName. Values that cannot be written (a price
// that does not divide into equal payments) are rule.Problems.
func (p Policy) Encode(t Tree) ([]byte, error) {
	var ps rule.Problems
	root := objNode()
	root.set("$schema", strNode(ConfigureSchema))
	res := encodeResources(&t, &ps)
	root.set("resources", arrNode(res...))
	b := appendNode(nil, &root, 2, 0)
	b = append(b, '\n')
	return b, ps.Err()
}

// MarshalJSON writes the tree as DefaultPolicy().Encode does; what Encode
// reports as problems (a plan without an ID, a price that does not divide
// into equal payments) makes it fail.
func (t Tree) MarshalJSON() ([]byte, error) {
	b, err := DefaultPolicy().Encode(t)
	if err != nil {
		return nil, err
	}
	return b, nil
}

// UnmarshalJSON reads a tree as DefaultPolicy().Decode does.
func (t *Tree) UnmarshalJSON(b []byte) error {
	if t == nil {
		return ErrSyntax
	}
	nt, err := DefaultPolicy().Decode(b)
	*t = nt
	return err
}

// parse checks a document's size, syntax and depth and reads it; nil and
// the problems when it cannot be read.
func (p Policy) parse(data []byte) (*node, rule.Problems) {
	p = p.norm()
	var ps rule.Problems
	if int64(len(data)) > p.MaxBytes {
		ps.Append(rule.Problem{Path: "", Message: msgTooLarge, Args: []any{p.MaxBytes}, Err: ErrTooLarge})
		return nil, ps
	}
	root := new(node)
	body := bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	pr := parser{maxDepth: p.MaxDepth, data: body, src: string(body)}
	ok := pr.value(root, 0)
	pr.ws()
	if !ok || pr.off != len(body) {
		// jsonx says where a malformed document goes wrong (line,
		// column, byte offset), or that it nests too deep.
		var jps rule.Problems
		var skip struct{}
		jsonx.Options{Lenient: true, MaxBytes: p.MaxBytes, MaxDepth: p.MaxDepth}.Decode(data, &skip, "", &jps)
		for _, pr := range jps {
			pr.Err = ErrSyntax
			ps.Append(pr)
		}
		if len(ps) == 0 {
			ps.Append(rule.Problem{Path: "", Message: msgNotTree, Err: ErrSyntax})
		}
		return nil, ps
	}
	if root.kind != 'o' {
		ps.Append(rule.Problem{Path: "", Message: msgNotTree, Err: ErrSyntax})
		return nil, ps
	}
	return root, ps
}

// parseSchema splits a $schema URL into its resource type and version,
// and says whether the type and version are known.
func parseSchema(s string) (typ, version string, known bool) {
	rest, ok := strings.CutPrefix(s, SchemaBase)
	if !ok {
		rest, ok = strings.CutPrefix(s, legacySchemaBase)
	}
	if !ok {
		return "", "", false
	}
	typ, version, ok = strings.Cut(rest, "/")
	if !ok {
		return "", "", false
	}
	for _, v := range schemaVersions[typ] {
		if v == version {
			return typ, version, true
		}
	}
	return typ, version, false
}

const (
	p2 = "2022-03-01-preview2"
	p3 = "2022-03-01-preview3"
	p4 = "2022-03-01-preview4"
	p5 = "2022-03-01-preview5"
	p6 = "2022-03-01-preview6"
)

// schemaVersions are the resource types and versions of the product
// ingestion API that the package knows. The types that map to offer values
// are in map.go; the others are kept verbatim.
var schemaVersions = map[string][]string{
	"configure":                           {p2, "2022-07-01"},
	"configure-status":                    {p2, "2022-07-01", "2023-07-15"},
	"resource-tree":                       {p2},
	"product":                             {p2, p3},
	"plan":                                {p2, p3},
	"plan-listing":                        {p2, p3, p5},
	"price-and-availability-offer":        {p2, p3},
	"price-and-availability-plan":         {p2, p3, p4},
	"price-and-availability-custom-meter": {p2, p3},
	"commercial-marketplace-setup":        {p2},
	"customer-leads":                      {p2, p3},
	"listing":                             {p2, p3, p5},
	"listing-asset":                       {p2, p3, p5},
	"listing-trailer":                     {p2, p3, p5},
	"microsoft365-integration":            {p2},
	"property":                            {p2, p3},
	"reseller":                            {p2},
	"submission":                          {p2},
	"test-drive":                          {p2},
	"software-as-a-service-technical-configuration":   {p2, p3},
	"virtual-machine-plan-technical-configuration":    {p2, p3, p4, p5, p6},
	"price-and-availability-update-private-audiences": {p3},
	"price-and-availability-private-offer-plan":       {"2023-07-15"},
	"private-offer": {"2023-07-15"},
}

var (
	msgTooLarge = rule.Message{English: "the document is larger than %d bytes", Swedish: "dokumentet är större än %d byte"}
	msgNotTree  = rule.Message{English: "is not a resource tree (an object with a resources array)", Swedish: "är inte ett resursträd (ett objekt med en resources-lista)"}
	msgSchema   = rule.Message{English: "unknown $schema %q: the resource is kept as it is", Swedish: "okänt $schema %q: resursen behålls som den är"}
)
