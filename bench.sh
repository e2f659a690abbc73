#!/usr/bin/env bash
# The benchmark: ./bench.sh (full, under 15 minutes) or ./bench.sh --quick (under 3 minutes).
# Builds Release, starts its own PostgreSQL with durability on (fsync and synchronous_commit on), runs the API in
# Production (pre-generated code, no Roslyn), drives it from the load generator in tests/SocialGen.Bench, measures
# the same PostgreSQL with pgbench, and writes a Markdown table to stdout and artifacts/bench/latest.json.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/postgres.sh

mode=full
case "${1:-}" in
  --quick) mode=quick ;;
  --full|"") mode=full ;;
  *) echo "usage: ./bench.sh [--quick|--full]" >&2; exit 2 ;;
esac

out=artifacts/bench
mkdir -p "$out"
echo "Building Release (API with generated code, load generator)..." >&2
./scripts/publish.sh "$out/api" >&2
dotnet build tests/SocialGen.Bench -c Release -v quiet -nologo -clp:ErrorsOnly >&2

data=$(mktemp -d /tmp/socialgen-bench-pg.XXXXXX)
port=$(pg_free_port)
api_pid=""
cleanup() {
  [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null || true
  pg_stop "$data"
  [ -n "${BENCH_KEEP_PG_LOG:-}" ] && cp "$data/server.log" "$out/postgres.log"
  rm -rf "$data" "$data.initdb.log"
}
trap cleanup EXIT

pg_start "$data" "$port" durable
pg_create_db "$port" socialgen_bench
bin=$(pg_bin_dir)
echo "PostgreSQL 127.0.0.1:$port: fsync=$("$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc 'show fsync' postgres)," \
     "synchronous_commit=$("$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc 'show synchronous_commit' postgres)" >&2

api_port=$(pg_free_port)
export ASPNETCORE_ENVIRONMENT=Production
export ASPNETCORE_URLS="http://127.0.0.1:$api_port"
export ConnectionStrings__Marten="Host=127.0.0.1;Port=$port;Database=socialgen_bench;Username=postgres;Maximum Pool Size=100"
export Auth__SigningKey="$(head -c 48 /dev/urandom | base64 -w0)"
# The five celebrities are followed by half the users: above this threshold their posts are merged at read time.
export Timelines__CelebrityFollowerThreshold="${BENCH_CELEBRITY_THRESHOLD:-1000}"
export Logging__LogLevel__Default=Warning
# One machine plays thousands of users from one address: per-address limits off, per-user limits on.
export RateLimits__Write__PerIp=0 RateLimits__Ai__PerIp=0

dotnet "$out/api/SocialGen.Api.dll" db-apply >/dev/null
dotnet "$out/api/SocialGen.Api.dll" >"$out/api.log" 2>&1 &
api_pid=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$api_port/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$api_port/health/ready" >/dev/null || { tail -30 "$out/api.log" >&2; exit 1; }

dotnet tests/SocialGen.Bench/bin/Release/net10.0/SocialGen.Bench.dll --mode "$mode" --api "http://127.0.0.1:$api_port" \
  --connection "$ConnectionStrings__Marten" --signing-key "$Auth__SigningKey" --api-pid "$api_pid" \
  --pgbench "$bin/pgbench" --out "$out/latest.json"
