# Sourced by scripts/reproduce-*: `report RUN_DIR... --out DIR` runs `zo report` from the repository root
# with paths under it made relative, so committed reports name no machine's paths. Needs $root and $zo.
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
