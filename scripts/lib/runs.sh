# Sourced by the reproduce-* scripts; needs $root and $zo (run_jobs also $jobs and $runs).

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

run_jobs() {     # stdin: lines "DIR OPTIONS..."; runs each unless DIR has a summary.json, JOBS at a time
  # A DIR with a config.json resumes (bit-identical); each process's wall clock (start, end) is appended to DIR.wall.
  xargs -r -P "$jobs" -L 1 bash -c '
    dir="$0"; [ -f "$dir/summary.json" ] && exit 0
    if [ -f "$dir/config.json" ]; then args=(--resume "$dir"); else rm -rf "$dir"; mkdir -p "$(dirname "$dir")"; args=("$@" --run-dir "$dir"); fi
    echo "== ${dir#'"$runs"'/}" >&2
    started=$(date +%s.%N)
    "'"$zo"'" finetune "${args[@]}" > "$dir.out" 2> "$dir.err" || echo "== ${dir#'"$runs"'/} ended with exit $? (see $dir.err)" >&2
    echo "$started $(date +%s.%N)" >> "$dir.wall"'
}
