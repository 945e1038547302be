package sim

import (
	"fmt"
	"net/url"
	"strings"
)

// maxFormKeyDepth bounds how many bracket segments one form key may have.
const maxFormKeyDepth = 32

// formMap is a parsed bracket-key form: every value is a string, a []string
// (from keys ending in "[]") or a nested formMap.
type formMap map[string]any

// parseBracketForm parses an application/x-www-form-urlencoded body whose keys
// use jQuery's bracket notation, so "data[userData][a]=1" becomes
// {"data": {"userData": {"a": "1"}}} and "data[list][]=x" appends "x" to a
// list. Pairs are read in body order; when a plain key repeats, the last value
// wins. A key that is used both as a value and as a map (or list), an unclosed
// or stray bracket, empty brackets anywhere but at the end, a key without a
// name before its first bracket, or bad percent-encoding is an error.
func parseBracketForm(body string) (formMap, error) {
	form := formMap{}
	for pair := range strings.SplitSeq(body, "&") {
		if pair == "" {
			continue
		}
		rawKey, rawValue, _ := strings.Cut(pair, "=")
		key, err := url.QueryUnescape(rawKey)
		if err != nil {
			return nil, fmt.Errorf("form key %q has bad percent-encoding: %v", rawKey, err)
		}
		value, err := url.QueryUnescape(rawValue)
		if err != nil {
			return nil, fmt.Errorf("value of form key %q has bad percent-encoding: %v", key, err)
		}
		path, err := splitBracketKey(key)
		if err != nil {
			return nil, err
		}
		if err := form.insert(key, path, value); err != nil {
			return nil, err
		}
	}
	return form, nil
}

// splitBracketKey turns "a[b][c]" into ["a", "b", "c"] and "a[b][]" into
// ["a", "b", ""].
func splitBracketKey(key string) ([]string, error) {
	name, rest, hasBrackets := strings.Cut(key, "[")
	if name == "" {
		return nil, fmt.Errorf("form key %q needs a name before its first bracket", key)
	}
	if strings.Contains(name, "]") {
		return nil, fmt.Errorf("form key %q has a ']' without a matching '['", key)
	}
	path := []string{name}
	if !hasBrackets {
		return path, nil
	}
	rest = "[" + rest
	for rest != "" {
		if rest[0] != '[' {
			return nil, fmt.Errorf("form key %q has text after a closing bracket; write it as key[a][b]", key)
		}
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			return nil, fmt.Errorf("form key %q has an unclosed bracket", key)
		}
		segment := rest[1:end]
		if strings.Contains(segment, "[") {
			return nil, fmt.Errorf("form key %q has a bracket inside a bracket", key)
		}
		path = append(path, segment)
		rest = rest[end+1:]
		if len(path) > maxFormKeyDepth {
			return nil, fmt.Errorf("form key %q nests deeper than %d levels", key, maxFormKeyDepth)
		}
	}
	for _, segment := range path[1 : len(path)-1] {
		if segment == "" {
			return nil, fmt.Errorf("form key %q has empty brackets before its end; only a trailing [] makes a list", key)
		}
	}
	return path, nil
}

// insert stores value at path, creating nested maps on the way. A path that
// ends in the list marker "" appends value to the list named by the segment
// before it.
func (form formMap) insert(key string, path []string, value string) error {
	isList := path[len(path)-1] == ""
	if isList {
		path = path[:len(path)-1]
	}
	node := form
	for _, segment := range path[:len(path)-1] {
		switch existing := node[segment].(type) {
		case nil:
			child := formMap{}
			node[segment] = child
			node = child
		case formMap:
			node = existing
		default:
			return fmt.Errorf("form key %q uses %q as a map, but it already holds a value or list", key, segment)
		}
	}
	name := path[len(path)-1]
	switch existing := node[name].(type) {
	case nil:
		if isList {
			node[name] = []string{value}
		} else {
			node[name] = value
		}
	case string:
		if isList {
			return fmt.Errorf("form key %q appends to %q, but it already holds a value", key, name)
		}
		node[name] = value
	case []string:
		if !isList {
			return fmt.Errorf("form key %q sets a value where the list %q already is", key, name)
		}
		node[name] = append(existing, value)
	case formMap:
		return fmt.Errorf("form key %q sets a value where the map %q already is", key, name)
	}
	return nil
}

// lookup returns the string at path, or false when the path does not lead to
// a string.
func (form formMap) lookup(path ...string) (string, bool) {
	node := form
	for _, segment := range path[:len(path)-1] {
		child, ok := node[segment].(formMap)
		if !ok {
			return "", false
		}
		node = child
	}
	value, ok := node[path[len(path)-1]].(string)
	return value, ok
}
