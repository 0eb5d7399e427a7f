using System.Globalization;
using ZaloOA.PoliceDesk.Load;

// Usage (against a running desk in Zalo mode; the OA must be linked to a unit):
//   dotnet run -c Release --project benchmarks/ZaloOA.PoliceDesk.Load -- \
//     --url http://127.0.0.1:5080/zalo/webhook[,http://127.0.0.1:5081/zalo/webhook] --rate 50 --seconds 20 \
//     --app-id <Zalo:AppId> --oa-secret <Zalo:OaSecretKey> --oa-id <linked OA id> [--oa-ids-file oas.txt] [--citizens 20]
// Officers reading instead (--read): signed-in staff load the inbox, a search, a case page and the
// statistics page in turn at --rate pages/s for --seconds:
//   dotnet run -c Release --project benchmarks/ZaloOA.PoliceDesk.Load -- --read \
//     --base http://127.0.0.1:5181/[,http://127.0.0.1:5182/] --users tw.admin,p01x001.cb1 --password <password> --rate 2 --seconds 60
// Exit code 0 when every webhook (every page) was answered 200.
var arguments = args
    .Select((value, index) => (value, index))
    .Where(p => p.value.StartsWith("--", StringComparison.Ordinal) && p.index + 1 < args.Length)
    .ToDictionary(p => p.value[2..], p => args[p.index + 1], StringComparer.OrdinalIgnoreCase);

string Get(string name, string? fallback = null) =>
    arguments.TryGetValue(name, out var value) ? value : fallback ?? throw new ArgumentException($"--{name} is required.");

if (args.Contains("--read", StringComparer.OrdinalIgnoreCase))
{
    var read = await ReadLoad.RunAsync(new ReadLoadOptions
    {
        BaseUrls = [.. Get("base", "http://127.0.0.1:5080/").Split(',').Select(u => new Uri(u))],
        UserNames = Get("users").Split(',', StringSplitOptions.RemoveEmptyEntries),
        Password = Get("password"),
        Rate = double.Parse(Get("rate", "2"), CultureInfo.InvariantCulture),
        Duration = TimeSpan.FromSeconds(double.Parse(Get("seconds", "20"), CultureInfo.InvariantCulture)),
        Search = Get("search", "xe máy"),
    });
    Console.WriteLine(read);
    return read.StatusCounts.Keys.All(status => status == 200) ? 0 : 1;
}

var options = new WebhookLoadOptions
{
    Urls = [.. Get("url", "http://127.0.0.1:5080/zalo/webhook").Split(',').Select(u => new Uri(u))],
    Rate = double.Parse(Get("rate", "50"), CultureInfo.InvariantCulture),
    Duration = TimeSpan.FromSeconds(double.Parse(Get("seconds", "20"), CultureInfo.InvariantCulture)),
    MaxCount = int.Parse(Get("max", "10000"), CultureInfo.InvariantCulture),
    AppId = Get("app-id"),
    OaSecretKey = Get("oa-secret"),
    OaId = Get("oa-id"),
    // One OA id a line: events spread over them (e.g. the scale generator's 3,353 OAs).
    OaIds = arguments.TryGetValue("oa-ids-file", out var oaFile) ? [.. File.ReadAllLines(oaFile).Where(l => l.Length > 0)] : [],
    Citizens = int.Parse(Get("citizens", "20"), CultureInfo.InvariantCulture),
};

using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
var result = await WebhookLoad.RunAsync(http, options);
Console.WriteLine(result);
// The generator's own share of the machine, so a tail can be told apart from a starved generator.
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load generator CPU {System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F1} s"));
return result.StatusCounts.Keys.All(status => status == 200) ? 0 : 1;
