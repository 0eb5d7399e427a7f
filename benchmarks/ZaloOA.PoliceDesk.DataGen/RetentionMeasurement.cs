using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Cases;
using ZaloOA.PoliceDesk.Configuration;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Deadlines;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Privacy;

namespace ZaloOA.PoliceDesk.DataGen;

/// <summary>What one retention run on generated data did: cases erased, time, the longest batch
/// (one transaction), and the inbox's first page read by a commune officer all the while.</summary>
public sealed record RetentionMeasurement(int Cases, int Batches, TimeSpan Elapsed, long LongestBatchMs, long MedianBatchMs, int InboxReads, long InboxMaxMs, long InboxP95Ms)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Cases} cases in {Batches} batches, {Elapsed.TotalSeconds:F1} s ({Cases / Math.Max(0.001, Elapsed.TotalSeconds):F0} cases/s); "
        + $"batch median {MedianBatchMs} ms, longest {LongestBatchMs} ms; inbox first page during the run: {InboxReads} reads, p95 {InboxP95Ms} ms, max {InboxMaxMs} ms";
}

/// <summary>
/// Runs the desk's own <see cref="DeskRetention"/> (as the scheduled run: every unit) on a generated
/// database, timing each batch through its log, while a second connection reads the busiest commune
/// officer's inbox in a loop. Erases data: run it on a throwaway copy.
/// </summary>
public static class RetentionMeasurements
{
    public static async Task<RetentionMeasurement> RunAsync(string postgres, int months, int batchSize, CancellationToken cancellationToken = default)
    {
        var batches = new BatchLog();
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Debug).AddProvider(batches));
        services.Configure<DeskOptions>(o =>
        {
            o.Retention.ClosedCaseMonths = months;
            o.Retention.BatchSize = batchSize;
            o.MediaPath = Path.Combine(Path.GetTempPath(), "zalooa-datagen-media");
        });
        services.AddOptions<DeadlineOptions>();
        services.AddDbContext<PostgreSqlDeskDbContext>(o => o.UseNpgsql(postgres));
        services.AddScoped<DeskDbContext>(sp => sp.GetRequiredService<PostgreSqlDeskDbContext>());
        services.AddSingleton<IWebHostEnvironment>(new ToolEnvironment());
        services.AddHttpContextAccessor();
        services.AddSingleton<Media.MediaStorage>();
        services.AddScoped<DeskAudit>();
        services.AddScoped<CaseAnonymizer>();
        services.AddScoped<DeskRetention>();
        services.AddScoped<CaseAccess>();
        services.AddScoped<CaseSearch>();
        await using var provider = services.BuildServiceProvider();

        DeskUser officer;
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
            var busiest = await db.Cases.Where(c => c.Unit.LevelId == 3).GroupBy(c => c.UnitId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync(cancellationToken);
            officer = await DeskQueryMeasurements.UserAsync(db, await db.Staff.Where(s => s.UnitId == busiest).OrderBy(s => s.Id).Select(s => s.UserName).FirstAsync(cancellationToken), cancellationToken);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var inbox = new List<long>();
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var watch = Stopwatch.StartNew();
                await DeskQueryMeasurements.InboxAsync(provider, officer, new CaseFilter());
                inbox.Add(watch.ElapsedMilliseconds);
            }
        }, CancellationToken.None);

        var clock = Stopwatch.StartNew();
        RetentionReport? report;
        await using (var scope = provider.CreateAsyncScope())
        {
            report = await scope.ServiceProvider.GetRequiredService<DeskRetention>().RunAsync(false, null, cancellationToken);
        }

        clock.Stop();
        await stop.CancelAsync();
        await reader;
        var times = batches.Milliseconds.Order().ToList();
        var reads = inbox.Order().ToList();
        return new RetentionMeasurement(
            report?.Counts.Cases ?? 0, times.Count, clock.Elapsed,
            times.Count == 0 ? 0 : times[^1], times.Count == 0 ? 0 : times[times.Count / 2],
            reads.Count, reads.Count == 0 ? 0 : reads[^1], reads.Count == 0 ? 0 : reads[(int)Math.Min(reads.Count - 1, Math.Ceiling(reads.Count * 0.95) - 1)]);
    }

    /// <summary>Collects the batch durations from <see cref="DeskRetention"/>'s "Retention batch" log.</summary>
    private sealed class BatchLog : ILoggerProvider, ILogger
    {
        public List<long> Milliseconds { get; } = [];

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is IReadOnlyList<KeyValuePair<string, object?>> values && values.FirstOrDefault(v => v.Key == "Milliseconds").Value is long ms)
            {
                lock (Milliseconds)
                {
                    Milliseconds.Add(ms);
                }
            }
        }

        public void Dispose()
        {
        }
    }

    private sealed class ToolEnvironment : IWebHostEnvironment
    {
        public string WebRootPath { get; set; } = Path.GetTempPath();

        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();

        public string ApplicationName { get; set; } = "ZaloOA.PoliceDesk.DataGen";

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();

        public string ContentRootPath { get; set; } = Path.GetTempPath();

        public string EnvironmentName { get; set; } = "Production";
    }
}
