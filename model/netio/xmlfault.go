package netio

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"relmap/model"
)

// xmlFault says why dec could not read data, a file of format f (GEXF,
// GraphML), as err: in plain words, with the line said once. A file that
// ends too soon is said to be cut short, where encoding/xml said "XML
// syntax error on line 26: unexpected EOF", on line 26 already.
func xmlFault(f Format, data []byte, dec *xml.Decoder, err error) *Error {
	var syntax *xml.SyntaxError
	var said *model.Message
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		errors.As(err, &syntax) && syntax.Msg == "unexpected EOF":
		return &Error{Format: f, Line: lastLine(data), Err: fault("the file ends before its XML is complete: it seems to have been cut short")}
	case errors.As(err, &syntax):
		return &Error{Format: f, Line: syntax.Line, Err: fault("the XML is broken: %s", syntax.Msg)}
	case errors.As(err, &said):
		return &Error{Format: f, Err: said} // refused by a reader of ours, such as refuseCharset
	}
	return &Error{Format: f, Line: lineOf(data, dec.InputOffset()), Err: fault("not %s XML: %v", f.Name(), err)}
}

// refuseCharset is an xml.Decoder's CharsetReader: it reads a file
// declared ASCII as it is (as UTF-8, which the decoder reads without it)
// and refuses every other encoding, saying which the file declares, where
// encoding/xml said "CharsetReader is nil".
func refuseCharset(label string, input io.Reader) (io.Reader, error) {
	if strings.EqualFold(label, "us-ascii") || strings.EqualFold(label, "ascii") {
		return input, nil
	}
	return nil, fault("the file is written in the encoding %q, which relmap does not read: save it as UTF-8", label)
}

// lastLine is the number of data's last line (a final line break ends it,
// beginning none).
func lastLine(data []byte) int {
	return lineOf(data, int64(len(bytes.TrimSuffix(data, []byte("\n")))))
}

// notXML says why data, which does not begin with a tag, is not XML: how
// it begins when that is text, or that it is no text at all (a program or
// a picture renamed .gexf was said to begin "\x7fELF\x02\x01…").
func notXML(data []byte) error {
	switch {
	case bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")):
		return fault("the file is written in UTF-16, which relmap does not read: save it as UTF-8")
	case !isText(data[:min(len(data), 512)]):
		return fault("the file is not XML: it holds binary data, not text")
	}
	first, _, _ := bytes.Cut(data[:min(len(data), 40)], []byte("\n"))
	for len(first) > 0 && !utf8.Valid(first) {
		first = first[:len(first)-1] // a character cut at 40 bytes
	}
	return fault("the file is not XML: it begins %q", string(bytes.TrimSpace(first)))
}

// isText reports whether b reads as text: UTF-8 with no control
// characters but tabs, line breaks and form feeds. A character cut at b's
// end is allowed.
func isText(b []byte) bool {
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && size == 1:
			return !utf8.FullRune(b)
		case r < ' ' && r != '\t' && r != '\n' && r != '\r' && r != '\f', r >= 0x7f && r <= 0x9f:
			return false
		}
		b = b[size:]
	}
	return true
}
