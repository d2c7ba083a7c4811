#!/bin/sh
# A wrapper in front of the program, as pyenv shims and venv scripts are: the shell only execs
# python3, and the tracing reaches the script it runs.
exec /usr/bin/python3 "$(dirname "$0")/select_echo.py" "$@"
