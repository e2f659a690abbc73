#!/usr/bin/env bash
# Publishes the API for Production into ${1:-artifacts/publish}: Wolverine's handler code is generated first
# (codegen write) and compiled in, so Production starts without Roslyn. The generated code is never committed.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-artifacts/publish}"
project=src/SocialGen.Api

rm -rf "$project/Internal/Generated"
# codegen needs no database; the connection string only has to be present.
ConnectionStrings__Marten="${ConnectionStrings__Marten:-Host=127.0.0.1;Database=codegen}" \
  dotnet run --project "$project" -c Release -- codegen write >/dev/null
dotnet publish "$project" -c Release -o "$out" -nologo -v quiet
rm -rf "$project/Internal/Generated"
echo "Published to $out"
