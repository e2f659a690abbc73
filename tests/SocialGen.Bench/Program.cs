using SocialGen.Bench;

// The benchmark's load generator: seeds a social graph, drives the API over HTTP, measures the PostgreSQL
// baseline with pgbench, and writes artifacts/bench/latest.json. Run it through ./bench.sh.
var options = BenchOptions.Parse(args);
var report = await new Benchmark(options).RunAsync();
report.Print();
await report.SaveAsync(options.Output);
return report.Errors == 0 ? 0 : 1;
