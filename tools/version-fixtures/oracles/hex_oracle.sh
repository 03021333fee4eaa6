#!/bin/bash
# Oracle: Elixir's Version module (Debian elixir).
here=$(cd "$(dirname "$0")" && pwd)
exec elixir "$here/hex_oracle.exs"
