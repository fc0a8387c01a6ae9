using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Ralliement.Backups;

/// <summary>What must never come back when an older backup is restored, as written in the erasure log.</summary>
public enum ErasureKind
{
    /// <summary>A signer withdrew: the row stays without anything personal, out of the count.</summary>
    SignatureWithdrawn,
    /// <summary>A signer erased their signature: the row is gone.</summary>
    SignatureErased,
    /// <summary>A moderator rejected it: out of the count, for good.</summary>
    SignatureRejected,
    /// <summary>A signer stopped the news: their consent and the address kept for it are gone.</summary>
    NewsStopped,
    /// <summary>An owner deleted the organisation, its campaigns and signatures.</summary>
    OrganisationDeleted,
}

/// <summary>
/// A small append-only file, outside the database and so outside its backups, of every withdrawal,
/// erasure, rejection, news stop and organisation deletion: one line each, the UTC time, the kind and
/// an id, nothing personal. A restore replays it (<see cref="ReplayErasures"/>), so that an older
/// backup never brings back a person who left after it was taken.
/// </summary>
/// <remarks>
/// Each line is written in one call and flushed to the disk (fsync) before the erasure is
/// acknowledged to the person. If it cannot be written, the erasure in the database still stands:
/// refusing someone their erasure because a log file is unwritable would be worse than the risk it
/// covers (a later restore of an older backup). The failure is logged as an error, with the ids to
/// add by hand, and counted (<c>ralliement.erasure_log.failures</c>); a new backup taken afterwards
/// also holds the erasure.
/// </remarks>
public sealed partial class ErasureLog(string? path, TimeProvider clock, ILogger<ErasureLog> logger)
{
    /// <summary>Exported with the rest of the meter <c>Ralliement</c> (exporters select meters by name).</summary>
    private static readonly Meter Meter = new(Metrics.RalliementMetrics.MeterName);
    private static readonly Counter<long> Failures = Meter.CreateCounter<long>("ralliement.erasure_log.failures", "{erasure}", "Erasures that could not be written to the erasure log");

    private readonly Lock _gate = new();

    /// <summary>O_APPEND: nodes sharing one file each add whole lines. Read and delete stay possible for a restore or a rotation.</summary>
    private static readonly FileStreamOptions AppendOptions = NewAppendOptions();

    private static FileStreamOptions NewAppendOptions()
    {
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.ReadWrite | FileShare.Delete };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        }
        return options;
    }

    /// <summary>The file, or null when nothing is recorded (a restore replaying the log does not write it again).</summary>
    public string? Path { get; } = path;

    /// <summary>How many lines could not be written since the start.</summary>
    public long FailedAppends => Interlocked.Read(ref _failedAppends);

    private long _failedAppends;

    public void Record(ErasureKind kind, long id) => Record(kind, [id]);

    public void Record(ErasureKind kind, IReadOnlyCollection<long> ids)
    {
        if (Path is null || ids.Count == 0)
        {
            return;
        }
        var at = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        var lines = new StringBuilder();
        foreach (var id in ids)
        {
            lines.Append(CultureInfo.InvariantCulture, $"{at} {NameOf(kind)} {id}\n");
        }
        var bytes = Encoding.UTF8.GetBytes(lines.ToString());
        try
        {
            lock (_gate)
            {
                using var file = new FileStream(Path, AppendOptions);
                file.Write(bytes);
                file.Flush(flushToDisk: true);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Interlocked.Add(ref _failedAppends, ids.Count);
            Failures.Add(ids.Count);
            LogAppendFailed(logger, NameOf(kind), string.Join(',', ids), exception.GetType().Name);
        }
    }

    /// <summary>
    /// Creates the file if needed, at the site's start: a path that cannot be written is reported
    /// then, not at the first erasure, and a restore finds the log even before anyone has left.
    /// </summary>
    public void CheckWritable()
    {
        if (Path is null)
        {
            return;
        }
        try
        {
            using var _ = new FileStream(Path, AppendOptions);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            LogUnwritable(logger, Path, exception.GetType().Name);
        }
    }

    /// <summary>One event read back from a log.</summary>
    public sealed record Entry(DateTime At, ErasureKind Kind, long Id);

    /// <summary>
    /// The events of a log file, oldest first, and how many lines could not be read (a line cut by a
    /// crash in the middle of its write, or not one of ours).
    /// </summary>
    public static (List<Entry> Entries, int Unreadable) Read(string path)
    {
        var entries = new List<Entry>();
        var unreadable = 0;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(file, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var parts = line.Split(' ');
            if (parts.Length == 3
                && DateTime.TryParseExact(parts[0], "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
                && KindOf(parts[1]) is { } kind
                && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                entries.Add(new Entry(at, kind, id));
            }
            else
            {
                unreadable++;
            }
        }
        return (entries, unreadable);
    }

    private static string NameOf(ErasureKind kind) => kind switch
    {
        ErasureKind.SignatureWithdrawn => "signature-withdrawn",
        ErasureKind.SignatureErased => "signature-erased",
        ErasureKind.SignatureRejected => "signature-rejected",
        ErasureKind.NewsStopped => "news-stopped",
        ErasureKind.OrganisationDeleted => "organisation-deleted",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static ErasureKind? KindOf(string name) =>
        Enum.GetValues<ErasureKind>().Cast<ErasureKind?>().FirstOrDefault(kind => NameOf(kind!.Value) == name);

    [LoggerMessage(Level = LogLevel.Error, Message = "The erasure log {Path} cannot be written ({Error}): erasures will stand in the database, but a restore of an older backup would not re-apply them. Check Backups:ErasureLog.")]
    private static partial void LogUnwritable(ILogger logger, string path, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write {Kind} of ids {Ids} to the erasure log ({Error}): the erasure stands in the database, but a restore of an older backup would not re-apply it. Add the lines by hand or take a new backup.")]
    private static partial void LogAppendFailed(ILogger logger, string kind, string ids, string error);
}
