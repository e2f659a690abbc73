#!/usr/bin/env bash
# Starts the SocialGen API on http://127.0.0.1:5080 (ASPNETCORE_URLS overrides).
# Without ConnectionStrings__Marten it provisions a local PostgreSQL whose data lives in .data/postgres.
# With arguments it runs the API's command line against that same database instead, e.g.
#   ./run.sh grant-role alice admin      ./run.sh projections list      ./run.sh db-apply
set -euo pipefail
cd "$(dirname "$0")"
source scripts/postgres.sh

if [ -z "${ConnectionStrings__Marten:-}" ]; then
  data="$PWD/.data/postgres"
  port=$(pg_running_port "$data" || true)
  if [ -z "$port" ]; then
    port=${SOCIALGEN_PG_PORT:-5433}
    (echo >/dev/tcp/127.0.0.1/"$port") >/dev/null 2>&1 && port=$(pg_free_port)
    pg_start "$data" "$port" durable
  fi
  pg_create_db "$port" socialgen
  export ConnectionStrings__Marten="Host=127.0.0.1;Port=$port;Database=socialgen;Username=postgres"
  echo "PostgreSQL: 127.0.0.1:$port (data in .data/postgres; stop it with scripts/postgres.sh stop)"
fi

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"
export SocialGen__DataDirectory="${SocialGen__DataDirectory:-$PWD/.data}"

dotnet build src/SocialGen.Api -v quiet -nologo -clp:ErrorsOnly

if [ $# -gt 0 ]; then
  exec dotnet run --no-build --no-launch-profile --project src/SocialGen.Api -- "$@"
fi

url="${ASPNETCORE_URLS%%;*}"
echo "SocialGen API:  $url"
echo "OpenAPI:        $url/openapi/v1.json"
echo "API reference:  $url/docs"
exec dotnet run --no-build --no-launch-profile --project src/SocialGen.Api
