package sim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// ControlClient calls a simulator's control API (/control/…) over HTTP, for the browser tests
// and anything else that plays the agent from outside the process.
type ControlClient struct {
	// BaseURL is the server's origin, e.g. "http://127.0.0.1:8080".
	BaseURL string
	// HTTP sends the requests; nil means http.DefaultClient.
	HTTP *http.Client
}

// Do sends method path with body as JSON (when not nil) and decodes the answer into out (when
// not nil). An answer other than 200 is an error that quotes the server's message.
func (c ControlClient) Do(method, path string, body, out any) error {
	var reader io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		reader = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, c.BaseURL+path, reader)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	client := c.HTTP
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("%s %s: reading the answer: %w", method, path, err)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %s: %s: %s", method, path, resp.Status, data)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return fmt.Errorf("%s %s: %v in %s", method, path, err, data)
		}
	}
	return nil
}
