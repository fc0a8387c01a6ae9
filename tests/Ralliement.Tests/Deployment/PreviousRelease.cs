using System.Diagnostics;

namespace Ralliement.Tests.Deployment;

/// <summary>
/// The code just before the newest migration, published: the old node of a rolling upgrade. Found with
/// git (the commit that added the newest PostgreSQL migration, then its parent), so the rolling-upgrade
/// test always checks the newest migration against the release before it, with no hash to keep up to
/// date. Published once per parent commit into the temporary folder and reused by later runs (a
/// Release build takes a minute or more here).
/// </summary>
public static class PreviousRelease
{
    private static readonly Lazy<Task<string>> Folder = new(PublishAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The folder holding the previous release's Ralliement.dll, wwwroot and appsettings.json.</summary>
    public static Task<string> FolderAsync() => Folder.Value;

    private const string NoHistory =
        "The rolling-upgrade test builds the code from before the newest migration out of the repository's history, "
        + "which this clone lacks (a shallow clone?): run `git fetch --unshallow` (in CI, check out with fetch-depth: 0).";

    private static async Task<string> PublishAsync()
    {
        var repository = Path.GetFullPath(Path.Combine(Support.RalliementProcess.ContentRoot, "..", ".."));
        var added = (await GitAsync(repository, "log", "--diff-filter=A", "-1", "--format=%H", "--", "src/Ralliement/Data/Migrations/Postgres/")).Trim();
        if (added.Length == 0)
        {
            throw new InvalidOperationException(NoHistory);
        }
        // In a shallow clone the oldest commit kept seems to add every file, and its parent is missing.
        string parent;
        try
        {
            parent = (await GitAsync(repository, "rev-parse", "--verify", $"{added}^")).Trim();
        }
        catch (InvalidOperationException exception)
        {
            throw new InvalidOperationException(NoHistory, exception);
        }

        var folder = Path.Combine(Path.GetTempPath(), $"ralliement-previous-{parent[..12]}");
        var published = Path.Combine(folder, "published");
        var done = Path.Combine(folder, "published.done");
        if (File.Exists(done))
        {
            return published;
        }
        if (Directory.Exists(folder))
        {
            // A run stopped halfway: start again from a clean tree.
            Directory.Delete(folder, recursive: true);
        }
        var source = Path.Combine(folder, "source");
        Directory.CreateDirectory(source);
        var archive = Path.Combine(folder, "source.tar");
        await GitAsync(repository, "archive", "--format=tar", "-o", archive, parent);
        await RunAsync(folder, TimeSpan.FromMinutes(1), "tar", "-xf", archive, "-C", source);
        // That code passed its own checks when it was committed: a newer SDK's analyzers must not stop its
        // build. No build server is left running after the test.
        await RunAsync(source, TimeSpan.FromMinutes(3), "dotnet", "publish", "src/Ralliement/Ralliement.csproj", "-c", "Release",
            "-o", published, "-nologo", "-v", "q", "--disable-build-servers", "-p:TreatWarningsAsErrors=false", "-p:RunAnalyzers=false");
        Directory.Delete(source, recursive: true);
        File.Delete(archive);
        await File.WriteAllTextAsync(done, parent);
        return published;
    }

    private static Task<string> GitAsync(string repository, params string[] arguments) =>
        RunAsync(repository, TimeSpan.FromMinutes(1), "git", arguments);

    /// <summary>Runs a program to its end and returns its standard output; a failure or a timeout says what ran and what it said.</summary>
    private static async Task<string> RunAsync(string directory, TimeSpan limit, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        using var timeout = new CancellationTokenSource(limit);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {limit.TotalMinutes} minutes.");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await output}\n{await errors}");
        }
        return await output;
    }
}
