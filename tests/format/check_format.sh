#!/bin/sh
# The format test: every C and C++ file of the repository as .clang-format describes it.
# clang-format 14 is Debian 12's; another major version formats a few constructs differently,
# so the test asks for that one and says so when it is missing.
set -e
cd "$1"
cf=$(command -v clang-format-14 || command -v clang-format || true)
[ -n "$cf" ] || { echo "check_format: clang-format-14 is not installed (apt install clang-format-14)" >&2; exit 1; }
files=$(git ls-files '*.cpp' '*.h' '*.c' 2>/dev/null || find app core tests -name '*.cpp' -o -name '*.h' -o -name '*.c')
# shellcheck disable=SC2086
"$cf" --dry-run -Werror $files
echo "check_format: $(echo $files | wc -w) files as .clang-format describes them"
