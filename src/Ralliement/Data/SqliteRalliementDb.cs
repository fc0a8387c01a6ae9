using Microsoft.EntityFrameworkCore.Design;

namespace Ralliement.Data;

/// <summary>Owns the SQLite migrations (in Data/Migrations/Sqlite); adds nothing to the model.</summary>
public sealed class SqliteRalliementDb(DbContextOptions<SqliteRalliementDb> options) : RalliementDb(options);

/// <summary>Lets <c>dotnet ef</c> build the SQLite context without starting the web host.</summary>
public sealed class SqliteRalliementDbFactory : IDesignTimeDbContextFactory<SqliteRalliementDb>
{
    public SqliteRalliementDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteRalliementDb>().UseSqlite("Data Source=design.db").Options);
}
