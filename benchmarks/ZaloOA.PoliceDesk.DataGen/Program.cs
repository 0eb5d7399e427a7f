using System.Globalization;

// Usage:
//   dotnet run -c Release --project benchmarks/ZaloOA.PoliceDesk.DataGen -- generate \
//     --postgres "<connection string of an empty database>" [--redis 127.0.0.1:6379] [--scale 0.1] [--seed 18] [--now 2026-11-30T00:00:00Z]
//   dotnet run ... -- migrate --postgres "<same>"   (applies newer desk migrations to generated data)
//   dotnet run -c Release --project benchmarks/ZaloOA.PoliceDesk.DataGen -- measure --postgres "<same>" [--repeat 20] [--out table.md]
//   dotnet run ... -- retention --postgres "<same>" [--months 12] [--batch 100]   (ERASES: the desk's retention run, timed per batch)
// benchmarks/scale.sh runs both from empty servers and writes the table.
namespace ZaloOA.PoliceDesk.DataGen;

// An explicit entry point: with top-level statements ASP.NET Core's generator would add a public
// Program here that clashes with the desk's in the tests, which reference both.
internal static class DataGenProgram
{
    public static async Task<int> Main(string[] args)
    {
        var command = args.Length > 0 ? args[0] : "";
        var arguments = args
            .Select((value, index) => (value, index))
            .Where(p => p.value.StartsWith("--", StringComparison.Ordinal) && p.index + 1 < args.Length)
            .ToDictionary(p => p.value[2..], p => args[p.index + 1], StringComparer.OrdinalIgnoreCase);

        string Get(string name, string? fallback = null) =>
            arguments.TryGetValue(name, out var value) ? value : fallback ?? throw new ArgumentException($"--{name} is required.");

        var now = arguments.TryGetValue("now", out var nowText)
            ? DateTimeOffset.Parse(nowText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
        switch (command)
        {
            case "generate":
                var options = new GeneratorOptions
                {
                    Postgres = Get("postgres"),
                    Redis = arguments.GetValueOrDefault("redis"),
                    RedisKeyPrefix = Get("redis-prefix", ZaloOA.Sdk.Redis.ZaloRedisOptions.DefaultKeyPrefix),
                    Scale = double.Parse(Get("scale", "1"), CultureInfo.InvariantCulture),
                    Seed = int.Parse(Get("seed", "18"), CultureInfo.InvariantCulture),
                    Now = now,
                    TokenExpirySpread = TimeSpan.FromMinutes(double.Parse(Get("token-expiry-minutes", "1500"), CultureInfo.InvariantCulture)),
                };
                Console.WriteLine($"generating scale {options.Scale} seed {options.Seed} now {options.Now:O}: {options.Cases} cases, {options.Citizens} citizens");
                Console.WriteLine(await DeskDataGenerator.RunAsync(options, Console.Out));
                return 0;
            case "migrate":
                // An existing generated database onto the desk's newest migrations (before/after an index change).
                var started = System.Diagnostics.Stopwatch.StartNew();
                await DeskDataGenerator.MigrateAsync(Get("postgres"));
                Console.WriteLine($"migrated and analysed in {started.Elapsed.TotalSeconds:F1} s");
                return 0;
            case "measure":
                var report = await DeskQueryMeasurements.RunAsync(Get("postgres"), now, int.Parse(Get("repeat", "20"), CultureInfo.InvariantCulture), Console.Out);
                var table = report.ToMarkdown();
                Console.WriteLine(table);
                if (arguments.TryGetValue("out", out var outPath))
                {
                    await File.WriteAllTextAsync(outPath, table);
                }

                return 0;
            case "retention":
                // Erases data: a throwaway generated database only.
                Console.WriteLine(await RetentionMeasurements.RunAsync(Get("postgres"), int.Parse(Get("months", "12"), CultureInfo.InvariantCulture), int.Parse(Get("batch", "100"), CultureInfo.InvariantCulture)));
                return 0;
            default:
                Console.Error.WriteLine("usage: generate --postgres CS [--redis HOST:PORT] [--scale 1] [--seed 18] [--now ISO] | measure --postgres CS [--repeat 20] [--out FILE] | retention --postgres CS [--months 12] [--batch 100]");
                return 2;
        }
    }
}
