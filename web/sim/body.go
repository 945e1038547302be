package sim

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// maxBodyBytes bounds every request body the simulator reads.
const maxBodyBytes = 1 << 20

// readBody reads the whole request body, refusing more than maxBodyBytes with
// a 413 error.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, *requestError) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err == nil {
		return body, nil
	}
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return nil, &requestError{
			status:  http.StatusRequestEntityTooLarge,
			code:    codeBadRequest,
			message: fmt.Sprintf("request body is larger than %d bytes (1 MiB); send a smaller one", maxBodyBytes),
		}
	}
	return nil, badRequest("could not read the request body: " + err.Error())
}

// decodeStrictJSON decodes data into target, refusing unknown object fields
// and anything after the first JSON value.
func decodeStrictJSON(data []byte, target any) error {
	decoder := json.NewDecoder(bytes.NewReader(data))
	decoder.DisallowUnknownFields()
	if err := decoder.Decode(target); err != nil {
		return err
	}
	if decoder.More() {
		return errors.New("there is more after the first JSON value; send exactly one object")
	}
	return nil
}
