using Microsoft.EntityFrameworkCore;
using Ralliement.Data;

namespace Ralliement.Tests.Support;

/// <summary>
/// A SQLite file with every migration applied, made once per test process and copied into each test
/// app's data folder before it starts, so that start-up finds nothing left to migrate. It holds the
/// schema alone: no demo (each app seeds its own, on its own clock) and nothing sealed with an app's
/// privacy keys, which live in the data folder beside it. StartupMigrationTests keeps an app that
/// migrates an empty database itself.
/// </summary>
public static class MigratedSqliteFile
{
    private static readonly Lazy<byte[]> Template = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Writes a copy of the template at <paramref name="path"/>, making the template on first use.</summary>
    public static void CopyTo(string path) => File.WriteAllBytes(path, Template.Value);

    /// <summary>Kept in memory (a third of a megabyte): a test process is stopped without running its exit handlers.</summary>
    private static byte[] Create()
    {
        var folder = Directory.CreateTempSubdirectory("ralliement-template-").FullName;
        try
        {
            var path = Path.Combine(folder, "ralliement.db");
            // Without pooling the file is closed when the context is disposed, so it is complete; the
            // default rollback journal leaves no write-ahead log beside it (each app turns WAL on itself).
            var options = new DbContextOptionsBuilder<SqliteRalliementDb>().UseSqlite($"Data Source={path};Pooling=False").Options;
            using (var db = new SqliteRalliementDb(options))
            {
                db.Database.Migrate();
            }
            return File.ReadAllBytes(path);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
