//go:build js && wasm

package bus

import (
	"errors"
	"github.com/hack-pad/safejs"
	"strconv"
)

// Classes chatclose puts on the page's elements.
const (
	// LockedClass marks an input box that read-only mode disabled.
	LockedClass = "chatclose-locked"
	// UnlockClass marks the control that lets the customer write again.
	UnlockClass = "chatclose-unlock"
	// NoticeClass marks a notice chatclose placed itself: its own entry, or WebChat's element
	// that WebChat built but did not attach.
	NoticeClass = "chatclose-notice"
	// StatusClass marks what chatclose adds to WebChat's screen-reader transcript besides a
	// notice: the lock's explanation.
	StatusClass = "chatclose-status"
	// placeholderAttribute keeps an input's own placeholder while it is locked.
	placeholderAttribute = "data-chatclose-placeholder"
	// dirAttribute keeps an input's own dir attribute while it is locked ("" when it had none).
	dirAttribute = "data-chatclose-dir"
	// webChatButton are WebChat's own classes for a secondary button (cx-btn cx-btn-default,
	// as on its forms' Cancel buttons): they give the unlock control WebChat's look and theme
	// on a real build. chatclose brings no style of its own.
	webChatButton = "cx-btn cx-btn-default"
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
	if first, err := read(v, 0); err == nil && isElement(first) {
		return Element{first}
	}
	return Element{safejs.Undefined()}
}

func isElement(v safejs.Value) bool {
	if !isObject(v) {
		return false
	}
	nodeType, err := read(v, "nodeType")
	n, ok := numberOf(nodeType)
	return err == nil && ok && n == 1
}

// document returns window.document.
func document() (safejs.Value, error) {
	d, ok := readObject(builtins.global, "document")
	if !ok {
		return safejs.Undefined(), errors.New("no document")
	}
	return d, nil
}

// query returns every element matching selector.
func query(selector string) ([]safejs.Value, error) {
	d, err := document()
	if err != nil {
		return nil, err
	}
	list, err := invokeMethod(d, "querySelectorAll", selector)
	if err != nil {
		return nil, wrap("bad selector "+strconv.Quote(selector), err)
	}
	n, err := lengthOf(list, "length")
	if err != nil {
		return nil, err
	}
	out := make([]safejs.Value, 0, n)
	for i := 0; i < n; i++ {
		if el, err := read(list, i); err == nil && isObject(el) {
			out = append(out, el)
		}
	}
	return out, nil
}

// LockInputs disables every input box matching selector and shows placeholder in it, written
// in the direction dir ("ltr", "rtl" or "auto"), so the customer sees why they cannot write
// (WebChat's own disabled style is barely visible). It returns how many boxes it locked.
func LockInputs(selector, placeholder, dir string) (int, error) {
	inputs, err := query(selector)
	if err != nil {
		return 0, err
	}
	for _, in := range inputs {
		if has, _ := invokeMethod(in, "hasAttribute", placeholderAttribute); !truthy(has) {
			if _, err := invokeMethod(in, "setAttribute", placeholderAttribute, readString(in, "placeholder")); err != nil {
				return 0, err
			}
			own, _ := invokeMethod(in, "getAttribute", "dir")
			_, _ = invokeMethod(in, "setAttribute", dirAttribute, stringOf(own))
		}
		for _, attr := range [][2]string{{"aria-disabled", "true"}, {"placeholder", placeholder}, {"dir", dir}} {
			if _, err := invokeMethod(in, "setAttribute", attr[0], attr[1]); err != nil {
				return 0, err
			}
		}
		// Blurred before it is disabled: WebChat fits the box to its text (here the longer
		// placeholder) on blur and gives the transcript what is left. Disabling a focused box
		// blurs it later, after the caller has scrolled the notice into view.
		_, _ = invokeMethod(in, "blur")
		if _, err := invokeMethod(in, "setAttribute", "disabled", ""); err != nil {
			return 0, err
		}
		if list, ok := readObject(in, "classList"); ok {
			_, _ = invokeMethod(list, "add", LockedClass)
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
		has, _ := invokeMethod(in, "hasAttribute", placeholderAttribute)
		if !truthy(has) {
			continue
		}
		for _, kept := range [][2]string{{"placeholder", placeholderAttribute}, {"dir", dirAttribute}} {
			own, _ := invokeMethod(in, "getAttribute", kept[1])
			if stringOf(own) != "" {
				_, _ = invokeMethod(in, "setAttribute", kept[0], own)
			} else {
				_, _ = invokeMethod(in, "removeAttribute", kept[0])
			}
		}
		for _, attr := range []string{placeholderAttribute, dirAttribute, "disabled", "aria-disabled"} {
			_, _ = invokeMethod(in, "removeAttribute", attr)
		}
		if list, ok := readObject(in, "classList"); ok {
			_, _ = invokeMethod(list, "remove", LockedClass)
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
	return write(inputs[0], "value", text)
}

// FocusInput moves the keyboard focus into the first input box matching selector that is
// rendered, so a customer who unlocked it with the keyboard can write at once (and a screen
// reader says where they are).
func FocusInput(selector string) error {
	inputs, err := query(selector)
	if err != nil {
		return err
	}
	for _, in := range inputs {
		if rects, err := invokeMethod(in, "getClientRects"); err == nil {
			if n, err := lengthOf(rects, "length"); err == nil && n > 0 {
				_, err := invokeMethod(in, "focus")
				return err
			}
		}
	}
	return errors.New("no rendered input box matches " + strconv.Quote(selector))
}

// SetDir sets the element's dir attribute, so its text reads in its own direction ("ltr",
// "rtl" or "auto") whatever the page's.
func (e Element) SetDir(dir string) {
	if e.Valid() {
		_, _ = invokeMethod(e.v, "setAttribute", "dir", dir)
	}
}

// newElement creates an element with a class and, as text (never HTML), its content.
func newElement(tag, class, text string) (safejs.Value, error) {
	d, err := document()
	if err != nil {
		return safejs.Undefined(), err
	}
	el, err := invokeMethod(d, "createElement", tag)
	if err == nil {
		err = write(el, "className", class)
	}
	if err == nil && text != "" {
		err = write(el, "textContent", text)
	}
	if err != nil {
		return safejs.Undefined(), err
	}
	return el, nil
}

// AppendNotice adds a notice of chatclose's own to the first transcript matching selector,
// shaped like a message WebChat injects (.cx-message.cx-injected, a .cx-bubble holding a
// .cx-message-text) and inserted as text, and lets screen readers hear it. It is the last resort when WebChat
// refuses to inject, or shows nothing and returns nothing to attach.
func AppendNotice(selector, text string) (Element, error) {
	transcript, err := firstMatch(selector)
	if err != nil {
		return Element{}, err
	}
	row, err := newElement("div", "cx-message cx-injected cx-none "+NoticeClass, "")
	if err != nil {
		return Element{}, err
	}
	bubble, err := newElement("div", "cx-bubble", "")
	if err != nil {
		return Element{}, err
	}
	body, err := newElement("div", "cx-message-text", text)
	if err != nil {
		return Element{}, err
	}
	if _, err := invokeMethod(bubble, "appendChild", body); err != nil {
		return Element{}, err
	}
	if _, err := invokeMethod(row, "appendChild", bubble); err != nil {
		return Element{}, err
	}
	if _, err := invokeMethod(transcript, "appendChild", row); err != nil {
		return Element{}, err
	}
	_, _ = invokeMethod(row, "scrollIntoView", map[string]any{"block": "end"})
	announce(row, text)
	return Element{row}, nil
}

// Visible reports whether an element matching selector is rendered (it has a layout box).
func Visible(selector string) bool {
	els, err := query(selector)
	if err != nil {
		return false
	}
	for _, el := range els {
		if rects, err := invokeMethod(el, "getClientRects"); err == nil {
			if n, err := lengthOf(rects, "length"); err == nil && n > 0 {
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

// AddControl appends a button labelled label (as text, in the direction dir) to the element;
// onClick runs on every click, inside a JavaScript callback, so it must not block. The button
// wears WebChat's own button classes beside UnlockClass, the class a site styles it by. A real
// <button>, it is reached with Tab and pressed with Enter or Space. Remove it with Remove.
func (e Element) AddControl(label, dir string, log *Logger, onClick func()) (*Control, error) {
	if !e.Valid() {
		return nil, errors.New("no element to add " + strconv.Quote(label) + " to")
	}
	button, err := newElement("button", UnlockClass+" "+webChatButton, label)
	if err != nil {
		return nil, err
	}
	if err := write(button, "type", "button"); err != nil {
		return nil, err
	}
	_, _ = invokeMethod(button, "setAttribute", "dir", dir)
	fn, err := newFunc(log, "the "+label+" control", func([]safejs.Value) any {
		onClick()
		return nil
	})
	if err != nil {
		return nil, err
	}
	if _, err := invokeMethod(button, "addEventListener", "click", fn); err != nil {
		fn.Release()
		return nil, err
	}
	if _, err := invokeMethod(e.v, "appendChild", button); err != nil {
		fn.Release()
		return nil, err
	}
	return &Control{button: button, fn: fn}, nil
}

// Reveal scrolls e into view, down to its bottom edge. Read-only mode's control under a notice
// and its longer placeholder (a taller input box, a shorter transcript) would otherwise push
// the notice's end out of view in WebChat's full-screen phone layout.
func (e Element) Reveal() {
	if e.Valid() {
		_, _ = invokeMethod(e.v, "scrollIntoView", map[string]any{"block": "end"})
	}
}

// Remove takes the control off the page and releases its callback.
func (c *Control) Remove() {
	_, _ = invokeMethod(c.button, "removeEventListener", "click", c.fn)
	_, _ = invokeMethod(c.button, "remove")
	c.fn.Release()
}

func truthy(v safejs.Value) bool { return isTrue(v) }
