package jsonio

import (
	"fmt"
	"io"

	"relmap/model"
)

// MaxSize is the most bytes Decode reads, so that a stream that is no map
// (/dev/zero) fails at once rather than filling the memory. Real maps are
// far smaller: one of 100,000 actors is about 60 MB.
const MaxSize = 256 << 20

// maxSize is the limit readAll applies: MaxSize, which tests lower.
var maxSize int64 = MaxSize

// readAll reads r to its end, and fails with a *model.FieldError that
// unwraps to model.ErrInvalid if r holds more than maxSize bytes.
func readAll(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxSize+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > maxSize {
		msg := fmt.Sprintf("larger than the %d MiB limit of an input file", maxSize>>20)
		return nil, &model.FieldError{Msg: msg, Err: model.ErrInvalid}
	}
	return data, nil
}
