# strip-js.awk: shrinks chatclose.js for shipping without changing what it does. It drops
# lines that hold only a comment (// …, or a /* … */ block that starts the line), blank lines,
# indentation, and a trailing // comment after code that has no quote or slash in it (so the
# // cannot be inside a string or a regular expression). Line breaks stay, so automatic semicolon insertion sees the same code, and
# code sharing a line with a comment is kept whole. The integrity marker line keeps its
# indentation: scripts/build.sh finds it by that. Only for web/chatclose.js, whose comments
# never start inside a string or a regular expression at the start of a line.
BEGIN { inblock = 0 }
{
  line = $0
  if (inblock) {
    if (index(line, "*/")) inblock = 0
    next
  }
  t = line
  sub(/^[ \t]+/, "", t)
  if (t ~ /^\/\*/) {
    end = index(t, "*/")
    if (end == 0) { inblock = 1; next }
    if (end + 1 == length(t)) next
  }
  if (t ~ /^\/\//) next
  if (t == "") next
  if (line ~ /^  var INTEGRITY = \{\};/) { print line; next }
  cut = index(t, " // ")
  if (cut > 0 && substr(t, 1, cut - 1) !~ /['"`\/]/) t = substr(t, 1, cut - 1)
  print t
}
