package sim

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseBracketForm(t *testing.T) {
	tests := []struct {
		name string
		body string
		want formMap
	}{
		{name: "empty body", body: "", want: formMap{}},
		{name: "plain keys", body: "operationId=abc&x=1", want: formMap{"operationId": "abc", "x": "1"}},
		{
			name: "jQuery create body",
			body: "data%5BfirstName%5D=Ann&data%5BlastName%5D=Lee&data%5Bnickname%5D=Ann&operationId=op-1",
			want: formMap{"data": formMap{"firstName": "Ann", "lastName": "Lee", "nickname": "Ann"}, "operationId": "op-1"},
		},
		{
			name: "nested userData",
			body: "data[userData][_genesys_url]=https%3A%2F%2Fexample.com%2F%3Fa%3D1&data[userData][async]=true",
			want: formMap{"data": formMap{"userData": formMap{"_genesys_url": "https://example.com/?a=1", "async": "true"}}},
		},
		{name: "plus is a space", body: "data[text]=hello+there", want: formMap{"data": formMap{"text": "hello there"}}},
		{name: "encoded ampersand and equals stay in the value", body: "data[text]=a%26b%3Dc", want: formMap{"data": formMap{"text": "a&b=c"}}},
		{name: "unicode", body: "data[text]=%C3%A9t%C3%A9+%F0%9F%98%80", want: formMap{"data": formMap{"text": "été 😀"}}},
		{name: "key without equals has empty value", body: "flag&data[x]", want: formMap{"flag": "", "data": formMap{"x": ""}}},
		{name: "empty value", body: "data[text]=", want: formMap{"data": formMap{"text": ""}}},
		{name: "empty pairs are skipped", body: "&&a=1&&", want: formMap{"a": "1"}},
		{name: "repeated plain key: last wins", body: "a=1&a=2", want: formMap{"a": "2"}},
		{name: "list with trailing brackets keeps order", body: "data[tags][]=b&data[tags][]=a", want: formMap{"data": formMap{"tags": []string{"b", "a"}}}},
		{name: "top-level list", body: "ids[]=1&ids[]=2", want: formMap{"ids": []string{"1", "2"}}},
		{name: "numbered keys are map keys", body: "a[0][b]=x&a[1][b]=y", want: formMap{"a": formMap{"0": formMap{"b": "x"}, "1": formMap{"b": "y"}}}},
		{name: "sibling keys under one map", body: "data[a][b]=1&data[a][c]=2&data[d]=3", want: formMap{"data": formMap{"a": formMap{"b": "1", "c": "2"}, "d": "3"}}},
		{name: "equals sign in value", body: "a==b", want: formMap{"a": "=b"}},
		{name: "encoded space in a segment name", body: "data[a%20b]=1", want: formMap{"data": formMap{"a b": "1"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseBracketForm(tt.body)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseBracketFormErrors(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string
	}{
		{name: "bad percent-encoding in key", body: "da%ZZta=1", want: "bad percent-encoding"},
		{name: "bad percent-encoding in value", body: "data=%G1", want: "bad percent-encoding"},
		{name: "no name before the bracket", body: "[a]=1", want: "needs a name"},
		{name: "unclosed bracket", body: "data[a=1", want: "unclosed bracket"},
		{name: "stray closing bracket in the name", body: "da]ta=1", want: "without a matching"},
		{name: "text after a bracket", body: "data[a]b=1", want: "text after a closing bracket"},
		{name: "bracket inside a bracket", body: "data[a[b]]=1", want: "bracket inside a bracket"},
		{name: "empty brackets before the end", body: "data[][a]=1", want: "empty brackets before its end"},
		{name: "value then map", body: "data=1&data[a]=2", want: "already holds a value"},
		{name: "map then value", body: "data[a]=1&data=2", want: "where the map"},
		{name: "list then value", body: "a[]=1&a=2", want: "where the list"},
		{name: "value then list", body: "a=1&a[]=2", want: "already holds a value"},
		{name: "list then map", body: "a[]=1&a[b]=2", want: "uses \"a\" as a map"},
		{name: "too deep", body: "a" + strings.Repeat("[x]", maxFormKeyDepth) + "=1", want: "nests deeper"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseBracketForm(tt.body)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestParseBracketFormDepthLimitIsInclusive(t *testing.T) {
	body := "a" + strings.Repeat("[x]", maxFormKeyDepth-1) + "=deep"
	form, err := parseBracketForm(body)
	require.NoError(t, err)
	path := append([]string{"a"}, strings.Split(strings.Repeat("x,", maxFormKeyDepth-1), ",")[:maxFormKeyDepth-1]...)
	value, ok := form.lookup(path...)
	require.True(t, ok)
	assert.Equal(t, "deep", value)
}

func TestFormLookup(t *testing.T) {
	form := formMap{"data": formMap{"type": "Text", "list": []string{"a"}}, "top": "v"}
	tests := []struct {
		name   string
		path   []string
		want   string
		wantOK bool
	}{
		{name: "nested string", path: []string{"data", "type"}, want: "Text", wantOK: true},
		{name: "top-level string", path: []string{"top"}, want: "v", wantOK: true},
		{name: "missing key", path: []string{"data", "text"}},
		{name: "list is not a string", path: []string{"data", "list"}},
		{name: "map is not a string", path: []string{"data"}},
		{name: "walking through a string", path: []string{"top", "x"}},
		{name: "walking through a missing map", path: []string{"nope", "x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := form.lookup(tt.path...)
			assert.Equal(t, tt.wantOK, ok)
			assert.Equal(t, tt.want, got)
		})
	}
}
