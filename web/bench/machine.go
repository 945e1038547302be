//go:build !js

package main

import (
	"bufio"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// machine describes where the benchmark ran.
type machine struct {
	Date     string
	CPUs     int
	Memory   string // MemTotal, in GiB
	CPU      string // model name
	Go       string
	Chromium string
	Node     string
}

func describeMachine(chromium string) (machine, error) {
	m := machine{
		Date: time.Now().UTC().Format("2006-01-02 15:04 MST"),
		CPUs: runtime.NumCPU(),
		Go:   runtime.Version(),
	}
	m.Memory = procField("/proc/meminfo", "MemTotal")
	if kb, err := strconv.ParseFloat(strings.TrimSuffix(m.Memory, " kB"), 64); err == nil {
		m.Memory = strconv.FormatFloat(kb/1024/1024, 'f', 1, 64) + " GiB"
	}
	m.CPU = procField("/proc/cpuinfo", "model name")
	m.Chromium = firstLine(chromium, "--version")
	m.Node = firstLine("node", "--version")
	return m, nil
}

// procField returns the value of the first "key: value" line of a /proc file with key, or
// "unknown".
func procField(file, key string) string {
	f, err := os.Open(file)
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

// firstLine runs a command and returns the first line it prints, or "not found".
func firstLine(name string, args ...string) string {
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		return "not found"
	}
	line, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	return line
}
