using System.Runtime.CompilerServices;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// Each desk host in these tests watches files (configuration, and the web root for
/// <c>asp-append-version</c>), and the web root's watcher outlives the host until a garbage
/// collection. With inotify that is one of the user's 128 instances per host, so a few hundred tests
/// in one process ran out and pages answered 500. Polling watchers need no inotify instance.
/// </summary>
internal static class TestProcessSetup
{
    [ModuleInitializer]
    internal static void UsePollingFileWatchers() => Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
}
