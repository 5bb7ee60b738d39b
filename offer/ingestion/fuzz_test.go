package ingestion

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"
)

// deep reports whether JSON nests more than max objects and arrays.
func deep(b []byte, max int) bool {
	depth, in, esc := 0, false, false
	for _, c := range b {
		switch {
		case in && esc:
			esc = false
		case in && c == '\\':
			esc = true
		case c == '"':
			in = !in
		case !in && (c == '{' || c == '['):
			depth++
			if depth > max {
				return true
			}
		case !in && (c == '}' || c == ']'):
			depth--
		}
	}
	return false
}

// tree0 says whether a valid JSON object has a resources array under
// exactly that name: Microsoft's names are matched as written, so
// "resourCes" (which encoding/json would match) names no tree.
func tree0(b []byte) (any, bool) {
	var members map[string]json.RawMessage
	if json.Unmarshal(b, &members) != nil {
		return nil, false
	}
	var resources []json.RawMessage
	if raw, ok := members["resources"]; !ok || json.Unmarshal(raw, &resources) != nil || resources == nil {
		return nil, false
	}
	return resources, true
}

func addSeeds(f *testing.F) {
	for _, name := range []string{"saas-tree.json", "vm-tree.json", "saas-per-user-configure.json", "vm-byol-configure.json"} {
		f.Add(readTestdata(f, name))
	}
	f.Add([]byte(`{"resources":[{"$schema":"https://schema.mp.microsoft.com/schema/plan/2022-03-01-preview3","identity":{"externalId":"a\u00e9\ud83d\ude00"}}]}`))
	f.Add([]byte(`{"jobId":"j","jobStatus":"completed","jobResult":"failed","errors":[{"code":"x","resourceId":{"externalId":"gold"},"details":[{}]}]}`))
	f.Add([]byte(`[[[[[[]]]]]]`))
	f.Add([]byte("\xef\xbb\xbf{\"resources\":[]}"))
}

// FuzzDecode: decoding never panics; what decodes without problems
// encodes, and decoding that again gives the same encoding.
func FuzzDecode(f *testing.F) {
	addSeeds(f)
	p := Policy{MaxBytes: 1 << 20}
	f.Fuzz(func(t *testing.T, data []byte) {
		tree, err := p.Decode(data)
		body := bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
		if !json.Valid(body) && !errors.Is(err, ErrSyntax) {
			t.Fatalf("invalid JSON decoded: %v", err)
		}
		if json.Valid(body) && bytes.HasPrefix(bytes.TrimSpace(body), []byte("{")) && errors.Is(err, ErrSyntax) && !deep(body, 32) {
			if _, ok := tree0(body); ok {
				t.Fatalf("valid JSON refused: %v", err)
			}
		}
		out, eerr := p.Encode(tree)
		if err != nil || eerr != nil {
			return
		}
		again, err := p.Decode(out)
		if err != nil {
			t.Fatalf("re-decoding the encoding: %v\n%s", err, out)
		}
		out2, err := p.Encode(again)
		if err != nil || !bytes.Equal(out, out2) {
			t.Fatalf("encoding not stable: %v\n%s\n%s", err, out, out2)
		}
	})
}

// FuzzDecodeJob: decoding a job status never panics and its String renders.
func FuzzDecodeJob(f *testing.F) {
	addSeeds(f)
	tree, err := DefaultPolicy().Decode(readTestdata(f, "saas-tree.json"))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		job, _ := DefaultPolicy().DecodeJob(data, tree)
		_ = job.String()
	})
}
