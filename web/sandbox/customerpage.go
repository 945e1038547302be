package sandbox

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
)

// Script URLs of the customer's page.
const (
	customerConfigScript = "/static/customer-config.js"
	chatcloseScript      = "/chatclose/chatclose.js"
	widgetsScript        = "/widgets/widgets.min.js"
	// cxbusScript is the split deployment's first file: CXBus alone, which fetches the
	// plugins from /widgets/plugins/ when they are first needed (CONTRACT.md section 4).
	cxbusScript = "/widgets/cxbus.min.js"
)

// CustomerPageData is what static/customer.html is executed with.
type CustomerPageData struct {
	// Scripts are the script URLs in page order: the Widgets configuration
	// (/static/customer-config.js), then /chatclose/chatclose.js and
	// /widgets/widgets.min.js in the order the order query parameter asks
	// for. The template writes them with
	// {{range .Scripts}}<script src="{{.}}"></script>{{end}}.
	Scripts []string
}

// customerScripts returns the script URLs for the order query parameter:
// "before" (or empty) puts chatclose before the widgets, "after" after them, and "late" leaves
// chatclose out: customer-config.js adds its tag after the page loaded (the late parameter's
// milliseconds), as a tag manager does. With split the widgets are the split deployment's
// cxbus.min.js instead of the widgets.min.js bundle.
func customerScripts(order string, split bool) ([]string, error) {
	widgets := widgetsScript
	if split {
		widgets = cxbusScript
	}
	switch order {
	case "", "before":
		return []string{customerConfigScript, chatcloseScript, widgets}, nil
	case "after":
		return []string{customerConfigScript, widgets, chatcloseScript}, nil
	case "late":
		return []string{customerConfigScript, widgets}, nil
	}
	return nil, fmt.Errorf("order is %q; use before (chatclose first), after (widgets first) or late (chatclose added after load)", order)
}

// serveCustomerPage renders static/customer.html with the script order from
// the query; an unknown order gets a 400, and split=1 on a build without split files a 404.
func (s *Server) serveCustomerPage(w http.ResponseWriter, r *http.Request) {
	query := r.URL.Query()
	split := query.Get("split") == "1"
	if split && !s.widgets.Split {
		http.Error(w, "split=1 asks for the split deployment, but the Widgets build served has no cxbus.min.js and plugins/", http.StatusNotFound)
		return
	}
	scripts, err := customerScripts(query.Get("order"), split)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	page, err := template.ParseFS(s.static, customerTemplateName)
	if err != nil {
		http.Error(w, "cannot load the customer page template static/"+customerTemplateName+": "+err.Error(), http.StatusInternalServerError)
		return
	}
	var body bytes.Buffer
	if err := page.Execute(&body, CustomerPageData{Scripts: scripts}); err != nil {
		http.Error(w, "cannot render static/"+customerTemplateName+": "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", contentTypes[".html"])
	_, _ = w.Write(body.Bytes())
}

// WithoutChatclose makes the customer page that params open run without chatclose, everything
// else alike: the late order adds chatclose's tag only an hour after the page loaded, long
// after any test has ended. It changes params and returns it.
func WithoutChatclose(params url.Values) url.Values {
	params.Set("order", "late")
	params.Set("late", "3600000")
	return params
}
