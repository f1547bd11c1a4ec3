#!/usr/bin/env bash
# The Pythons 3.11-3.13 this machine runs, newest first, one path per line: each version once,
# from PATH (python3.13 ...) or from pyenv's versions (whose shims refuse a version not selected).
root="$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")"
for v in 3.13 3.12 3.11; do
  for p in "$(command -v "python$v" 2>/dev/null)" "$root"/versions/"$v".*/bin/"python$v"; do
    if [ -n "$p" ] && [ -x "$p" ] && "$p" -c "import sys, ssl, sqlite3; sys.exit(sys.version_info[:2] != (${v%%.*}, ${v#*.}))" >/dev/null 2>&1; then
      echo "$p"
      break
    fi
  done
done
