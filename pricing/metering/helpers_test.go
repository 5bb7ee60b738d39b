package metering

import (
	"bytes"
	"iter"
)

func seqOf[T any](s []T) iter.Seq[T] {
	return func(yield func(T) bool) {
		for _, v := range s {
			if !yield(v) {
				return
			}
		}
	}
}

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }

func iterPull(r *Reader) (func() (Record, bool), func()) { return iter.Pull(r.Records()) }

func bytesIndexByte(b []byte, c byte) int { return bytes.IndexByte(b, c) }
