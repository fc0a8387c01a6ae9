namespace Ralliement.Backups;

/// <summary>
/// While a site runs on a SQLite file, it holds a shared lock on <c>{file}.in-use</c>; a restore takes
/// it exclusively, so it cannot replace the file under a running site (nor a site start during a
/// restore). The operating system drops the lock when the process ends, even killed: nothing stale remains.
/// Several processes on one file (the site and an admin command) share it.
/// </summary>
public sealed class SiteLock(IServiceScopeFactory scopes) : IHostedService, IDisposable
{
    private FileStream? _held;

    public static string PathFor(string sqliteFile) => sqliteFile + ".in-use";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (scope.ServiceProvider.GetRequiredService<RalliementDb>().SqliteFile() is { } file)
        {
            // FileShare other than None takes flock(LOCK_SH) on Linux; a restore's FileShare.None asks LOCK_EX.
            _held = new FileStream(PathFor(file), FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _held?.Dispose();
        _held = null;
    }

    /// <summary>The lock taken alone, for a restore; null while a site holds it.</summary>
    public static FileStream? TryTakeAlone(string sqliteFile)
    {
        try
        {
            return new FileStream(PathFor(sqliteFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
