# Sourced by scripts/reproduce-eos and reproduce-flat-minima; needs $root and $zo.

# once DIR ZO_ARGS...: `zo ZO_ARGS... --run-dir DIR` unless DIR already holds a summary.json (resumable
# scripts); a half-written DIR is started again. A failed run (e.g. diverged) is a result, not a script error.
once() {
  local dir="$1"; shift
  [ -f "$dir/summary.json" ] && return 0
  rm -rf "$dir"
  echo "== $(basename "$dir"): zo $*" >&2
  "$zo" "$@" --run-dir "$dir" >&2 || echo "== $(basename "$dir") ended with exit $? (see $dir/summary.json)" >&2
}

# report RUN_DIR... --out DIR: `zo report` from the repository root with paths under it made relative, so
# committed reports name no machine's paths.
report() {
  local args=() a
  for a in "$@"; do
    case "$a" in
      /*) args+=("$(realpath -m --relative-to="$root" "$a")") ;;
      *) args+=("$a") ;;
    esac
  done
  (cd "$root" && "$zo" report "${args[@]}" > /dev/null)
}
