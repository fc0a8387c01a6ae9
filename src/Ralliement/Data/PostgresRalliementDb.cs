using Microsoft.EntityFrameworkCore.Design;

namespace Ralliement.Data;

/// <summary>Owns the PostgreSQL migrations (in Data/Migrations/Postgres); adds nothing to the model.</summary>
public sealed class PostgresRalliementDb(DbContextOptions<PostgresRalliementDb> options) : RalliementDb(options);

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL context without a server or the web host.</summary>
public sealed class PostgresRalliementDbFactory : IDesignTimeDbContextFactory<PostgresRalliementDb>
{
    public PostgresRalliementDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresRalliementDb>().UseNpgsql("Host=localhost;Database=design").Options);
}
