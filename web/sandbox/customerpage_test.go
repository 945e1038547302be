package sandbox

import (
	"net/http"
	"net/url"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCustomerPageScriptOrder(t *testing.T) {
	server := newTestServer(t, Options{})
	before := `<head><script src="/static/customer-config.js"></script><script src="/chatclose/chatclose.js"></script><script src="/widgets/widgets.min.js"></script></head>`
	after := `<head><script src="/static/customer-config.js"></script><script src="/widgets/widgets.min.js"></script><script src="/chatclose/chatclose.js"></script></head>`
	tests := []struct {
		target string
		want   string
	}{
		{target: "/customer.html", want: before},
		{target: "/customer.html?order=before", want: before},
		{target: "/customer.html?order=", want: before},
		{target: "/customer.html?async=0&order=after&poll=100", want: after},
		{target: "/customer.html?order=after&order=before", want: after},
		{target: "/customer.html?split=1", want: `<head><script src="/static/customer-config.js"></script><script src="/chatclose/chatclose.js"></script><script src="/widgets/cxbus.min.js"></script></head>`},
		{target: "/customer.html?order=late&late=100", want: `<head><script src="/static/customer-config.js"></script><script src="/widgets/widgets.min.js"></script></head>`},
		{target: "/customer.html?" + WithoutChatclose(url.Values{"async": {"1"}, "order": {"before"}}).Encode(), want: `<head><script src="/static/customer-config.js"></script><script src="/widgets/widgets.min.js"></script></head>`},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			w := get(t, server, http.MethodGet, tt.target, nil)
			require.Equal(t, http.StatusOK, w.Code, w.Body.String())
			assert.Equal(t, "text/html; charset=utf-8", w.Header().Get("Content-Type"))
			assert.Equal(t, "no-store", w.Header().Get("Cache-Control"))
			assert.Equal(t, tt.want, w.Body.String())
		})
	}
}

func TestCustomerPageRejectsAnUnknownOrder(t *testing.T) {
	server := newTestServer(t, Options{})
	for _, order := range []string{"AFTER", "first", "0", "%20before"} {
		w := get(t, server, http.MethodGet, "/customer.html?order="+order, nil)
		assert.Equal(t, http.StatusBadRequest, w.Code, order)
		assert.Contains(t, w.Body.String(), "use before (chatclose first), after (widgets first) or late (chatclose added after load)", order)
	}
}

func TestCustomerPageTemplateProblems(t *testing.T) {
	tests := []struct {
		name   string
		static fstest.MapFS
		want   string
	}{
		{name: "missing template", static: fstest.MapFS{"index.html": {Data: []byte("x")}}, want: "cannot load the customer page template"},
		{name: "template that does not parse", static: fstest.MapFS{"customer.html": {Data: []byte("{{range}}")}}, want: "cannot load the customer page template"},
		{name: "template that uses unknown data", static: fstest.MapFS{"customer.html": {Data: []byte("{{.Order}}")}}, want: "cannot render"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			server := newTestServer(t, Options{Static: tt.static})
			w := get(t, server, http.MethodGet, "/customer.html", nil)
			assert.Equal(t, http.StatusInternalServerError, w.Code)
			assert.Contains(t, w.Body.String(), tt.want)
		})
	}
}

func TestCustomerScripts(t *testing.T) {
	scripts, err := customerScripts("after", false)
	require.NoError(t, err)
	assert.Equal(t, []string{"/static/customer-config.js", "/widgets/widgets.min.js", "/chatclose/chatclose.js"}, scripts)
	scripts, err = customerScripts("before", true)
	require.NoError(t, err)
	assert.Equal(t, []string{"/static/customer-config.js", "/chatclose/chatclose.js", "/widgets/cxbus.min.js"}, scripts)
	_, err = customerScripts("sideways", false)
	assert.Error(t, err)
}
