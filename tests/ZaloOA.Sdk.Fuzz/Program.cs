// Fuzzing harness for ZaloOA.Sdk's webhook parser and signature verifier. See README.md.
//
//   dotnet run -c Release -- --duration 10m           in-process fuzzing, no external tools
//   dotnet run -c Release -- --iterations 200000      the same, bounded by a count
//   dotnet run -c Release -- --replay crashes/*.bin   re-run saved inputs
//   --afl                                             AFL++ mode (instrumented build, see README)
//   --libfuzzer                                       libFuzzer mode (libfuzzer-dotnet, see README)
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using SharpFuzz;
using ZaloOA.Sdk.Fuzz;

var arguments = new Queue<string>(args);
long? iterations = null;
TimeSpan? duration = null;
var seed = Environment.TickCount;
var corpusDirs = new List<string> { Path.Combine(AppContext.BaseDirectory, "corpus") };
var crashDir = "crashes";
var replay = new List<string>();
var mode = "inprocess";
while (arguments.Count > 0)
{
    var a = arguments.Dequeue();
    switch (a)
    {
        case "--iterations": iterations = long.Parse(arguments.Dequeue(), CultureInfo.InvariantCulture); break;
        case "--duration": duration = ParseDuration(arguments.Dequeue()); break;
        case "--seed": seed = int.Parse(arguments.Dequeue(), CultureInfo.InvariantCulture); break;
        case "--corpus": corpusDirs.Add(arguments.Dequeue()); break;
        case "--crashes": crashDir = arguments.Dequeue(); break;
        case "--afl": mode = "afl"; break;
        case "--libfuzzer": mode = "libfuzzer"; break;
        case "--replay":
            mode = "replay";
            while (arguments.Count > 0 && !arguments.Peek().StartsWith("--", StringComparison.Ordinal))
            {
                replay.Add(arguments.Dequeue());
            }

            break;
        default:
            Console.Error.WriteLine($"Unknown argument {a}. See tests/ZaloOA.Sdk.Fuzz/README.md.");
            return 2;
    }
}

switch (mode)
{
    case "afl":
        // An exception escaping the callback is what AFL records as a crash.
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            WebhookTarget.Run(buffer.ToArray());
        });
        return 0;
    case "libfuzzer":
        Fuzzer.LibFuzzer.Run(span => WebhookTarget.Run(span));
        return 0;
    case "replay":
        var failed = 0;
        foreach (var file in replay)
        {
            try
            {
                Console.WriteLine($"{file}: {WebhookTarget.Run(File.ReadAllBytes(file))}");
            }
            catch (Exception ex)
            {
                failed++;
                Console.WriteLine($"{file}: FINDING {ex}");
            }
        }

        return failed == 0 ? 0 : 1;
}

// In-process mode: mutate the corpus ourselves; keep mutants that reach a new outcome label.
var corpus = corpusDirs.Where(Directory.Exists)
    .SelectMany(d => Directory.EnumerateFiles(d))
    .Order(StringComparer.Ordinal)
    .Select(File.ReadAllBytes)
    .ToList();
if (corpus.Count == 0)
{
    Console.Error.WriteLine("No seed corpus found.");
    return 2;
}

iterations ??= duration is null ? 100_000 : long.MaxValue;
var deadline = duration is { } d0 ? Stopwatch.GetTimestamp() + (long)(d0.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
var random = new Random(seed);
var mutator = new Mutator(seed);
var outcomes = new HashSet<string>(StringComparer.Ordinal);
var crashes = new Dictionary<string, (int Count, string File, string Summary)>(StringComparer.Ordinal);
var started = Stopwatch.StartNew();
var slowest = TimeSpan.Zero;
long executions = 0;
Console.WriteLine($"Fuzzing the webhook parser and verifier: seed {seed}, {corpus.Count} seed inputs, " +
    (duration is { } d1 ? $"for {d1}" : $"{iterations} iterations") + ".");

// The seeds themselves first: they must all pass.
foreach (var input in corpus.ToList())
{
    Execute(input);
}

var nextReport = TimeSpan.FromSeconds(30);
while (executions < iterations && Stopwatch.GetTimestamp() < deadline)
{
    var parent = corpus[random.Next(corpus.Count)];
    var other = corpus[random.Next(corpus.Count)];
    Execute(mutator.Mutate(parent, other));
    if (started.Elapsed >= nextReport)
    {
        nextReport += TimeSpan.FromSeconds(30);
        Report();
    }
}

Report();
foreach (var (key, c) in crashes)
{
    Console.WriteLine($"  finding x{c.Count}: {c.Summary}\n    input: {c.File}\n    key: {key}");
}

return crashes.Count == 0 ? 0 : 1;

void Execute(byte[] input)
{
    executions++;
    var t0 = Stopwatch.GetTimestamp();
    try
    {
        var outcome = WebhookTarget.Run(input);
        if (outcomes.Add(outcome) && corpus.Count < 20_000)
        {
            corpus.Add(input);
        }
    }
    catch (Exception ex)
    {
        var frame = new StackTrace(ex).GetFrames().Select(f => f.GetMethod()).FirstOrDefault(m => m?.DeclaringType?.Namespace?.StartsWith("ZaloOA", StringComparison.Ordinal) == true);
        var key = $"{ex.GetType().FullName} at {frame?.DeclaringType?.Name}.{frame?.Name}: {(ex is FuzzFindingException ? ex.Message : string.Empty)}";
        if (crashes.TryGetValue(key, out var known))
        {
            crashes[key] = known with { Count = known.Count + 1 };
        }
        else
        {
            Directory.CreateDirectory(crashDir);
            var file = Path.Combine(crashDir, Convert.ToHexStringLower(SHA256.HashData(input))[..16] + ".bin");
            File.WriteAllBytes(file, input);
            crashes[key] = (1, file, $"{ex.GetType().Name}: {ex.Message}");
            Console.WriteLine($"NEW FINDING: {ex.GetType().Name}: {ex.Message} (saved {file})");
        }
    }

    var elapsed = Stopwatch.GetElapsedTime(t0);
    if (elapsed > slowest)
    {
        slowest = elapsed;
    }
}

void Report() =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"[{started.Elapsed:hh\\:mm\\:ss}] execs {executions:N0} ({executions / Math.Max(1, started.Elapsed.TotalSeconds):N0}/s), corpus {corpus.Count}, outcomes {outcomes.Count}, unique findings {crashes.Count}, slowest input {slowest.TotalMilliseconds:N1} ms"));

static TimeSpan ParseDuration(string text)
{
    var unit = text[^1];
    var value = double.Parse(char.IsAsciiDigit(unit) ? text : text[..^1], CultureInfo.InvariantCulture);
    return unit switch
    {
        'h' => TimeSpan.FromHours(value),
        'm' => TimeSpan.FromMinutes(value),
        's' => TimeSpan.FromSeconds(value),
        _ when char.IsAsciiDigit(unit) => TimeSpan.FromSeconds(value),
        _ => throw new FormatException($"Duration \"{text}\" must look like 10m, 600s or 1h."),
    };
}
