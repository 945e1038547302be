//go:build js && wasm

package bus

import (
	"fmt"

	"github.com/hack-pad/safejs"
)

// Classes chatclose puts on the page's elements.
const (
	// LockedClass marks an input box that read-only mode disabled.
	LockedClass = "chatclose-locked"
	// UnlockClass marks the control that lets the customer write again.
	UnlockClass = "chatclose-unlock"
	// NoticeClass marks a notice chatclose inserted itself because WebChat refused it.
	NoticeClass = "chatclose-notice"
	// placeholderAttribute keeps an input's own placeholder while it is locked.
	placeholderAttribute = "data-chatclose-placeholder"
)

// Element is one DOM element.
type Element struct{ v safejs.Value }

// Valid reports whether the element exists.
func (e Element) Valid() bool { return isObject(e.v) }

// ElementFrom returns the DOM element in v: v itself, or v[0] for a jQuery-style wrapper
// such as the one WebChat.injectMessage resolves with.
func ElementFrom(v safejs.Value) Element {
	if isElement(v) {
		return Element{v}
	}
	if first, err := get(v, 0); err == nil && isElement(first) {
		return Element{first}
	}
	return Element{safejs.Undefined()}
}

func isElement(v safejs.Value) bool {
	if !isObject(v) {
		return false
	}
	nodeType, err := get(v, "nodeType")
	if err != nil || nodeType.Type() != safejs.TypeNumber {
		return false
	}
	n, _ := nodeType.Int()
	return n == 1
}

// document returns window.document.
func document() (safejs.Value, error) {
	d, ok := getObject(builtins.global, "document")
	if !ok {
		return safejs.Undefined(), fmt.Errorf("no document")
	}
	return d, nil
}

// query returns every element matching selector.
func query(selector string) ([]safejs.Value, error) {
	d, err := document()
	if err != nil {
		return nil, err
	}
	list, err := d.Call("querySelectorAll", selector)
	if err != nil {
		return nil, fmt.Errorf("bad selector %q: %w", selector, jsError(err))
	}
	n, err := arrayLength(list)
	if err != nil {
		return nil, err
	}
	out := make([]safejs.Value, 0, n)
	for i := 0; i < n; i++ {
		if el, err := get(list, i); err == nil && isObject(el) {
			out = append(out, el)
		}
	}
	return out, nil
}

// LockInputs disables every input box matching selector and shows placeholder in it, so the
// customer sees why they cannot write (WebChat's own disabled style is barely visible). It
// returns how many boxes it locked.
func LockInputs(selector, placeholder string) (int, error) {
	inputs, err := query(selector)
	if err != nil {
		return 0, err
	}
	for _, in := range inputs {
		if has, _ := in.Call("hasAttribute", placeholderAttribute); !truthy(has) {
			own := getString(in, "placeholder")
			if _, err := in.Call("setAttribute", placeholderAttribute, own); err != nil {
				return 0, jsError(err)
			}
		}
		for _, step := range [][]any{{"setAttribute", "disabled", ""}, {"setAttribute", "aria-disabled", "true"}, {"setAttribute", "placeholder", placeholder}} {
			if _, err := in.Call(step[0].(string), step[1:]...); err != nil {
				return 0, jsError(err)
			}
		}
		if list, ok := getObject(in, "classList"); ok {
			_, _ = list.Call("add", LockedClass)
		}
	}
	return len(inputs), nil
}

// UnlockInputs undoes LockInputs on every box matching selector.
func UnlockInputs(selector string) (int, error) {
	inputs, err := query(selector)
	if err != nil {
		return 0, err
	}
	count := 0
	for _, in := range inputs {
		has, _ := in.Call("hasAttribute", placeholderAttribute)
		if !truthy(has) {
			continue
		}
		own, _ := in.Call("getAttribute", placeholderAttribute)
		if s, _ := own.String(); s != "" {
			_, _ = in.Call("setAttribute", "placeholder", s)
		} else {
			_, _ = in.Call("removeAttribute", "placeholder")
		}
		for _, attr := range []string{placeholderAttribute, "disabled", "aria-disabled"} {
			_, _ = in.Call("removeAttribute", attr)
		}
		if list, ok := getObject(in, "classList"); ok {
			_, _ = list.Call("remove", LockedClass)
		}
		count++
	}
	return count, nil
}

// SetInputText puts text into the first input box matching selector (a send that read-only
// mode cancelled would otherwise lose the customer's words: WebChat clears the box anyway).
func SetInputText(selector, text string) error {
	inputs, err := query(selector)
	if err != nil || len(inputs) == 0 {
		return err
	}
	return jsError(inputs[0].Set("value", text))
}

// newElement creates an element with a class and, as text (never HTML), its content.
func newElement(tag, class, text string) (safejs.Value, error) {
	d, err := document()
	if err != nil {
		return safejs.Undefined(), err
	}
	el, err := d.Call("createElement", tag)
	if err != nil {
		return safejs.Undefined(), jsError(err)
	}
	if err := el.Set("className", class); err != nil {
		return safejs.Undefined(), jsError(err)
	}
	if text != "" {
		if err := el.Set("textContent", text); err != nil {
			return safejs.Undefined(), jsError(err)
		}
	}
	return el, nil
}

// AppendNotice adds a notice of chatclose's own to the first transcript matching selector,
// shaped like a message WebChat injects (.cx-message.cx-injected with a .cx-message-text) and
// inserted as text. It is the last resort when WebChat refuses to inject.
func AppendNotice(selector, text string) (Element, error) {
	transcripts, err := query(selector)
	if err != nil {
		return Element{}, err
	}
	if len(transcripts) == 0 {
		return Element{}, fmt.Errorf("no transcript matches %q", selector)
	}
	row, err := newElement("div", "cx-message cx-injected cx-none "+NoticeClass, "")
	if err != nil {
		return Element{}, err
	}
	body, err := newElement("div", "cx-message-text", text)
	if err != nil {
		return Element{}, err
	}
	if _, err := row.Call("appendChild", body); err != nil {
		return Element{}, jsError(err)
	}
	if _, err := transcripts[0].Call("appendChild", row); err != nil {
		return Element{}, jsError(err)
	}
	_, _ = row.Call("scrollIntoView", map[string]any{"block": "end"})
	return Element{row}, nil
}

// Visible reports whether an element matching selector is rendered (it has a layout box).
func Visible(selector string) bool {
	els, err := query(selector)
	if err != nil {
		return false
	}
	for _, el := range els {
		if rects, err := el.Call("getClientRects"); err == nil {
			if n, err := arrayLength(rects); err == nil && n > 0 {
				return true
			}
		}
	}
	return false
}

// Control is a button chatclose added to the page.
type Control struct {
	button safejs.Value
	fn     safejs.Func
}

// AddControl appends a button labelled label (as text) to parent; onClick runs on every click,
// inside a JavaScript callback, so it must not block. Remove it with Remove.
func (e Element) AddControl(label string, log *Logger, onClick func()) (*Control, error) {
	if !e.Valid() {
		return nil, fmt.Errorf("no element to add %q to", label)
	}
	button, err := newElement("button", UnlockClass, label)
	if err != nil {
		return nil, err
	}
	if err := button.Set("type", "button"); err != nil {
		return nil, jsError(err)
	}
	fn, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		defer guard(log, "the "+label+" control")
		onClick()
		return nil
	})
	if err != nil {
		return nil, jsError(err)
	}
	if _, err := button.Call("addEventListener", "click", fn); err != nil {
		fn.Release()
		return nil, jsError(err)
	}
	if _, err := e.v.Call("appendChild", button); err != nil {
		fn.Release()
		return nil, jsError(err)
	}
	return &Control{button: button, fn: fn}, nil
}

// Remove takes the control off the page and releases its callback.
func (c *Control) Remove() {
	_, _ = c.button.Call("removeEventListener", "click", c.fn)
	_, _ = c.button.Call("remove")
	c.fn.Release()
}

func truthy(v safejs.Value) bool {
	b, err := v.Truthy()
	return err == nil && b
}
