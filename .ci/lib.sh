# Shared by the CI scripts: copy_tree DEST copies the working tree as a fresh clone would have it (tracked and new
# files, nothing git ignores: no node_modules, no dist), so a leg can install into it without touching this checkout.
copy_tree() {
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  mkdir -p "$1"
  (cd "$root" && git ls-files -z --cached --others --exclude-standard) \
    | (cd "$root" && tar --null --ignore-failed-read -T - -cf - 2>/dev/null) | tar -xf - -C "$1"
}
