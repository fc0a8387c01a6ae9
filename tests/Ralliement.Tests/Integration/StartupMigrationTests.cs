using System.Net;
using Microsoft.EntityFrameworkCore;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Integration;

/// <summary>
/// Other test apps on SQLite start on a copy of a database migrated once per run
/// (Support/MigratedSqliteFile.cs); this one is given an empty database, as a new site is.
/// </summary>
[BothDatabases]
public sealed class StartupMigrationTests
{
    [Fact]
    public async Task A_site_started_on_an_empty_database_applies_every_migration_and_shows_the_demo()
    {
        using var app = new RalliementApp { StartsOnEmptyDatabase = true };
        using var client = app.Browser();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/fr/c/{RalliementApp.Slug}")).StatusCode);
        var migrations = await app.WithDbAsync(async db => new { All = db.Database.GetMigrations().ToList(), Applied = (await db.Database.GetAppliedMigrationsAsync()).ToList() });
        Assert.NotEmpty(migrations.All);
        Assert.Equal(migrations.All, migrations.Applied);
    }
}
