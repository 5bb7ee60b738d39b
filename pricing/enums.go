package pricing

import "github.com/marketrules/marketrules/internal/enum"

// Enums whose zero value is "unset" marshal it to "" and read "" back as
// it, so that the zero value of every type that holds one marshals.

func unsetString[T ~uint8](n enum.Names[T], v T) string {
	if v == 0 {
		return ""
	}
	return n.String(v)
}

func unsetMarshal[T ~uint8](n enum.Names[T], v T) ([]byte, error) {
	if v == 0 {
		return []byte{}, nil
	}
	return n.Marshal(v)
}

func unsetUnmarshal[T ~uint8](n enum.Names[T], b []byte, v *T) error {
	if len(b) == 0 {
		*v = 0
		return nil
	}
	return n.Unmarshal(b, v)
}
