//go:build !js

package release

import (
	"bytes"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBrotliCacheNeverChangesTheBytes checks that the cache gives what compressing afresh
// gives, on a miss, on a hit, and when the entry on disk is broken or belongs to other bytes
// (both are compressed again and the entry replaced).
func TestBrotliCacheNeverChangesTheBytes(t *testing.T) {
	data := bytes.Repeat([]byte("chatclose tells the customer the chat is over. "), 200)
	fresh, err := brotliBytes(data)
	require.NoError(t, err)
	plain, err := unbrotli(fresh)
	require.NoError(t, err)
	require.Equal(t, data, plain)

	c := brotliCache{dir: t.TempDir(), version: "test"}
	miss, err := c.compress(data)
	require.NoError(t, err)
	assert.Equal(t, fresh, miss, "a miss")
	kept, err := os.ReadFile(c.entry(data))
	require.NoError(t, err, "a miss keeps the copy")
	assert.Equal(t, fresh, kept)

	hit, err := c.compress(data)
	require.NoError(t, err)
	assert.Equal(t, fresh, hit, "a hit")

	other, err := brotliBytes([]byte("other bytes"))
	require.NoError(t, err)
	for name, entry := range map[string][]byte{"broken": []byte("not brotli"), "another file's": other, "truncated": fresh[:len(fresh)/2]} {
		require.NoError(t, os.WriteFile(c.entry(data), entry, 0o644))
		got, err := c.compress(data)
		require.NoError(t, err)
		assert.Equal(t, fresh, got, "a %s entry is not used", name)
		kept, err := os.ReadFile(c.entry(data))
		require.NoError(t, err)
		assert.Equal(t, fresh, kept, "a %s entry is replaced", name)
	}

	assert.NotEqual(t, c.entry(data), brotliCache{dir: c.dir, version: "other"}.entry(data), "another library version has entries of its own")
	none, err := brotliCache{}.compress(data)
	require.NoError(t, err)
	assert.Equal(t, fresh, none, "no cache")
}

// TestGzipHasNoNameOrTime checks that the .gz copies carry nothing that changes between builds.
func TestGzipHasNoNameOrTime(t *testing.T) {
	a, err := gzipBytes([]byte("same input"))
	require.NoError(t, err)
	b, err := gzipBytes([]byte("same input"))
	require.NoError(t, err)
	assert.Equal(t, a, b)
	assert.Equal(t, []byte{0, 0, 0, 0}, a[4:8], "MTIME is zero")
	assert.Zero(t, a[3]&0x08, "no FNAME")
}
