namespace Ralliement.Backups;

/// <summary>
/// Which database made a backup, read from the file's own header: a SQLite backup is a SQLite
/// database file (<c>SQLite format 3</c>), a PostgreSQL one is <c>pg_dump</c>'s custom format (<c>PGDMP</c>).
/// </summary>
public static class BackupFile
{
    public static DatabaseProvider? ProviderOf(string path)
    {
        Span<byte> header = stackalloc byte[16];
        using var file = File.OpenRead(path);
        var read = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (read >= 16 && header.SequenceEqual("SQLite format 3\0"u8))
        {
            return DatabaseProvider.Sqlite;
        }
        if (read >= 5 && header[..5].SequenceEqual("PGDMP"u8))
        {
            return DatabaseProvider.Postgres;
        }
        return null;
    }

    /// <summary>An empty file only this account may read, for a backup to be written into: it holds personal data.</summary>
    public static void CreatePrivate(string path)
    {
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var _ = new FileStream(path, options);
    }

    /// <summary>Makes a finished file durable, then gives it its name: a reader never sees half a backup under it.</summary>
    public static void Publish(string partial, string path)
    {
        using (var file = new FileStream(partial, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Flush(flushToDisk: true);
        }
        File.Move(partial, path, overwrite: true);
    }
}
