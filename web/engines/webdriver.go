//go:build !js

package engines

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// webDriver is a client of a classic W3C WebDriver server (https://w3c.github.io/webdriver/),
// for the few commands the engine tier needs.
type webDriver struct {
	base   string // http://127.0.0.1:PORT
	client *http.Client
}

// do sends one command: method to base+path with body as JSON (none when nil), and decodes
// the answer's value into out (when not nil). A WebDriver error is returned as an error.
func (d *webDriver) do(ctx context.Context, method, path string, body, out any) error {
	var reader io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return err
		}
		reader = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, method, d.base+path, reader)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	resp, err := d.client.Do(req)
	if err != nil {
		return fmt.Errorf("WebDriver %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	var answer struct {
		Value json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(data, &answer); err != nil {
		return fmt.Errorf("WebDriver %s %s: %s: %s", method, path, resp.Status, data)
	}
	if resp.StatusCode != http.StatusOK {
		var failure struct {
			Error   string `json:"error"`
			Message string `json:"message"`
		}
		_ = json.Unmarshal(answer.Value, &failure)
		return fmt.Errorf("WebDriver %s %s: %s: %s", method, path, failure.Error, failure.Message)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(answer.Value, out)
}
