//go:build js && wasm

package bus_test

import (
	"testing"

	"github.com/chatclose/chatclose/bus"
	"github.com/chatclose/chatclose/handler"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadBatchReadsEveryField(t *testing.T) {
	batch, err := bus.ReadBatch(eval(t, `{event: "WebChatService.messageReceived", data: {
		restoring: true, oldMessages: false, messages: [],
		originalMessages: [
			{index: "7", id: "a", type: "Text", utcTime: "2026-11-21T10:00:00.000Z", from: {type: "Client", nickname: "C"}, text: "hi"},
			{index: 8, id: 99, type: "System", utcTime: "t8", visibility: "All",
			 from: {type: "System", participantId: "00000000-0000-0000-0000-000000000000"},
			 event: "InteractionStateChange", data: {interactionState: "Finalizing"}}
		]}}`))
	require.NoError(t, err)
	assert.True(t, batch.Restoring)
	assert.False(t, batch.Old)
	require.Equal(t, 2, batch.Messages.Len())
	m, ok := batch.Messages.At(0)
	require.True(t, ok)
	assert.Equal(t, handler.Message{Type: "Text", FromType: "Client", Index: handler.IndexOf(7), ID: "a", UTCTime: "2026-11-21T10:00:00.000Z"}, m)
	m, ok = batch.Messages.At(1)
	require.True(t, ok)
	assert.Equal(t, handler.Message{Type: "System", FromType: "System", Event: "InteractionStateChange", State: "Finalizing",
		Index: handler.IndexOf(8), ID: "99", UTCTime: "t8"}, m)
}

func TestReadBatchFlagsMustBeRealBooleans(t *testing.T) {
	batch, err := bus.ReadBatch(eval(t, `{data: {originalMessages: [], oldMessages: "true", restoring: 1}}`))
	require.NoError(t, err)
	assert.False(t, batch.Old)
	assert.False(t, batch.Restoring)
	batch, err = bus.ReadBatch(eval(t, `{data: {originalMessages: [], oldMessages: true}}`))
	require.NoError(t, err)
	assert.True(t, batch.Old)
}

func TestReadBatchRejectsPayloadsWithoutAnArray(t *testing.T) {
	for _, src := range []string{
		`undefined`, `null`, `42`, `"str"`, `{}`, `{data: null}`, `{data: "x"}`,
		`{data: {originalMessages: null}}`, `{data: {originalMessages: {length: 1, 0: {}}}}`,
		`{data: {originalMessages: "[]"}}`,
		`{data: {get originalMessages(){ throw new Error("getter") }}}`,
		`{get data(){ throw new Error("getter") }}`,
		`new Proxy({}, {get(){ throw new Error("trap") }})`,
		`(() => { const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy })()`,
	} {
		_, err := bus.ReadBatch(eval(t, src))
		assert.Error(t, err, src)
	}
}

func TestReadBatchMessagesThatCannotBeRead(t *testing.T) {
	batch, err := bus.ReadBatch(eval(t, `{data: {originalMessages: [
		null, 5, "text", [],
		{get type(){ throw new Error("getter") }, index: "4"},
		new Proxy({}, {get(){ throw new Error("trap") }}),
		{type: {}, from: "Agent", index: {}, id: {}, event: 7, data: {interactionState: 3}},
		{type: "System", event: "InteractionStateChange", data: null, index: "1.5"},
		Object.freeze({type: "System", event: "InteractionStateChange", data: Object.freeze({interactionState: "Completed"}), index: "9"})
	]}}`))
	require.NoError(t, err)
	n := batch.Messages.Len()
	require.Equal(t, 9, n)
	for i, wantOK := range []bool{false, false, false, true, true, true, true, true, true} {
		_, ok := batch.Messages.At(i)
		assert.Equal(t, wantOK, ok, "message %d", i)
	}
	m, _ := batch.Messages.At(4)
	assert.Equal(t, handler.Message{Index: handler.IndexOf(4)}, m, "a throwing getter leaves only that field empty")
	m, _ = batch.Messages.At(5)
	assert.Equal(t, handler.Message{}, m)
	m, _ = batch.Messages.At(6)
	assert.Equal(t, handler.Message{}, m, "fields of the wrong type are left empty")
	m, _ = batch.Messages.At(7)
	assert.Equal(t, handler.Message{Type: "System", Event: "InteractionStateChange"}, m)
	m, _ = batch.Messages.At(8)
	assert.Equal(t, "Completed", m.State)
	d := handler.NewDecider([]string{"Finalizing", "Completed"}).Decide(batch)
	assert.True(t, d.Act, "the valid frozen state change still decides: %s", d.Reason)
}

func TestReadBatchDataFromATranscript(t *testing.T) {
	batch, err := bus.ReadBatchData(eval(t, `{messages: [], originalMessages: [{type: "Text", index: "1"}]}`))
	require.NoError(t, err)
	assert.Equal(t, 1, batch.Messages.Len())
}

func TestReadBatchFromAnArraySubclassWithAHugeLength(t *testing.T) {
	batch, err := bus.ReadBatch(eval(t, `{data: {originalMessages: (() => { const a = []; a.length = 1000000; a[999999] = {type: "System", event: "InteractionStateChange", data: {interactionState: "Finalizing"}, index: "1000000"}; return a })()}}`))
	require.NoError(t, err)
	assert.Equal(t, 1000000, batch.Messages.Len())
	assert.True(t, handler.NewDecider([]string{"Finalizing"}).Decide(batch).Act)
}

func TestReadBatchTakesAnUnreadableHistoryFlagAsAHistoryPage(t *testing.T) {
	batch, err := bus.ReadBatch(eval(t, `{data: {originalMessages: [], get oldMessages(){ throw new Error("getter") }}}`))
	require.NoError(t, err)
	assert.True(t, batch.Old)
}
