package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const realRun = `{"Action":"run","Test":"TestA"}
{"Action":"output","Test":"TestA","Output":"=== RUN   TestA\n"}
{"Action":"pass","Test":"TestA"}
{"Action":"run","Test":"TestB"}
{"Action":"output","Test":"TestB","Output":"    faults_test.go:75: stand-in only: the stand-in's fault hook | taken\n"}
{"Action":"skip","Test":"TestB"}
{"Action":"run","Test":"TestD"}
{"Action":"output","Test":"TestD","Output":"    split_test.go:30: no split deployment: no cxbus.min.js here\n"}
{"Action":"skip","Test":"TestD"}
{"Action":"run","Test":"TestC"}
{"Action":"run","Test":"TestC/sub"}
{"Action":"output","Test":"TestC/sub","Output":"    chat_test.go:40: waiting for 1 notice(s): timeout\n"}
{"Action":"fail","Test":"TestC/sub"}
{"Action":"fail","Test":"TestC"}
{"Action":"fail"}
`

const standInRun = `{"Action":"run","Test":"TestA"}
{"Action":"pass","Test":"TestA"}
{"Action":"run","Test":"TestB"}
{"Action":"pass","Test":"TestB"}
{"Action":"run","Test":"TestC"}
{"Action":"pass","Test":"TestC"}
{"Action":"pass"}
`

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	return path
}

func widgetsBuild(t *testing.T, version string) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, dir, "widgets.min.js", "/*!\n * widgets\n * @version: "+version+"\n */\n")
	writeFile(t, dir, "widgets.min.css", "")
	return dir
}

func TestTableHasAColumnPerBuildAndSaysWhyATestWasSkipped(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "COMPATIBILITY.md")
	var stdout bytes.Buffer
	failed, err := run([]string{"-out", out,
		"stand-in", writeFile(t, dir, "standin.json", standInRun),
		widgetsBuild(t, "9.0.018.07"), writeFile(t, dir, "real.json", realRun)}, &stdout)
	require.NoError(t, err)
	assert.True(t, failed, "a failed test fails the run")
	table := stdout.String()
	assert.Contains(t, table, "| test | stand-in | 9.0.018.07 |")
	assert.Contains(t, table, "| TestA | pass | pass |")
	assert.Contains(t, table, `| TestB | pass | skip: the stand-in's fault hook \| taken |`)
	assert.Contains(t, table, "| TestC | pass | **FAIL** |")
	assert.Contains(t, table, "| TestD | not run | skip: no split deployment: no cxbus.min.js here |")
	assert.NotContains(t, table, "TestC/sub", "subtests count through their parent")
	assert.Contains(t, table, "- stand-in: passed (3 passed, 0 failed, 0 skipped)")
	assert.Contains(t, table, "- 9.0.018.07: FAILED (1 passed, 1 failed, 2 skipped)")
	written, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(table, string(written)), "the file holds the table")
	assert.NotContains(t, string(written), "waiting for 1 notice", "the file holds no test output")
	assert.Contains(t, table, "--- TestC on 9.0.018.07:\n    chat_test.go:40: waiting for 1 notice(s): timeout\n",
		"a failing test's output is printed, its subtests' included")
	assert.NotContains(t, table, "--- TestA", "a passing test's output is not")
}

func TestASplitDeploymentIsAColumnOfItsOwn(t *testing.T) {
	dir := t.TempDir()
	build := widgetsBuild(t, "9.0.018.07")
	results := writeFile(t, dir, "standin.json", standInRun)
	_, err := run([]string{"split=" + build, results}, &bytes.Buffer{})
	assert.ErrorContains(t, err, "has no split deployment", "a build without split files has no split column")

	writeFile(t, build, "cxbus.min.js", "")
	require.NoError(t, os.MkdirAll(filepath.Join(build, "plugins"), 0o755))
	writeFile(t, build, filepath.Join("plugins", "widgets-core.min.js"), "")
	var stdout bytes.Buffer
	_, err = run([]string{build, results, "split=" + build, results}, &stdout)
	require.NoError(t, err)
	assert.Contains(t, stdout.String(), "| test | 9.0.018.07 | 9.0.018.07 split |")
}

func TestARunThatDiesShowsItsLastLines(t *testing.T) {
	dir := t.TempDir()
	died := `{"Action":"start","Package":"e2e"}
{"Action":"run","Package":"e2e","Test":"TestA"}
{"Action":"output","Package":"e2e","Output":"panic: test timed out after 9m0s\n"}
`
	var stdout bytes.Buffer
	failed, err := run([]string{"stand-in", writeFile(t, dir, "died.json", died)}, &stdout)
	require.NoError(t, err)
	assert.True(t, failed)
	assert.Contains(t, stdout.String(), "--- e2e on stand-in, outside any test (last 1 lines):\npanic: test timed out after 9m0s\n")
}

func TestARunThatPassesIsNotAFailure(t *testing.T) {
	dir := t.TempDir()
	failed, err := run([]string{"stand-in", writeFile(t, dir, "a.json", standInRun)}, &bytes.Buffer{})
	require.NoError(t, err)
	assert.False(t, failed)
}

func TestARunThatDidNotFinishIsAFailure(t *testing.T) {
	dir := t.TempDir()
	cut := strings.Join(strings.Split(standInRun, "\n")[:3], "\n")
	var stdout bytes.Buffer
	failed, err := run([]string{"stand-in", writeFile(t, dir, "a.json", cut)}, &stdout)
	require.NoError(t, err)
	assert.True(t, failed)
	assert.Contains(t, stdout.String(), "- stand-in: did not finish")
	assert.Contains(t, stdout.String(), "| TestB | did not finish |")
}

// A run of the browser suite and the engine tier in one go test: the second
// package's pass must not hide the first one's failure, nor a package that never ended.
func TestARunOfTwoPackagesFailsWhenEitherFailsOrDidNotFinish(t *testing.T) {
	const e2eFailed = `{"Action":"start","Package":"e2e"}
{"Action":"fail","Package":"e2e"}
`
	const e2eCut = `{"Action":"start","Package":"e2e"}
{"Action":"run","Package":"e2e","Test":"TestA"}
`
	const enginesPassed = `{"Action":"start","Package":"engines"}
{"Action":"run","Package":"engines","Test":"TestWebKit"}
{"Action":"pass","Package":"engines","Test":"TestWebKit"}
{"Action":"pass","Package":"engines"}
`
	dir := t.TempDir()
	for name, run1 := range map[string]string{"failed": e2eFailed, "cut": e2eCut} {
		var stdout bytes.Buffer
		failed, err := run([]string{"stand-in", writeFile(t, dir, name+".json", run1+enginesPassed)}, &stdout)
		require.NoError(t, err)
		assert.True(t, failed, name)
		assert.Contains(t, stdout.String(), "| TestWebKit | pass |", name)
	}
	failed, err := run([]string{"stand-in", writeFile(t, dir, "both.json", enginesPassed+strings.ReplaceAll(enginesPassed, "engines", "e2e"))}, &bytes.Buffer{})
	require.NoError(t, err)
	assert.False(t, failed, "both passed")
}

func TestBadArgumentsAreRefused(t *testing.T) {
	_, err := run([]string{"stand-in"}, &bytes.Buffer{})
	assert.ErrorContains(t, err, "pairs of BUILD RESULTS")
	_, err = run([]string{t.TempDir(), "x.json"}, &bytes.Buffer{})
	assert.ErrorContains(t, err, "no widgets.min.js there")
}
