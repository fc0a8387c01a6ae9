using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Integration;

/// <summary>Emails waiting when a site upgrades keep their place: news stays behind everything else.</summary>
[BothDatabases]
public sealed class OutboxPriorityMigrationTests
{
    [Fact]
    public async Task News_waiting_before_the_upgrade_gets_the_news_priority_and_other_emails_the_signers()
    {
        var folder = Directory.CreateTempSubdirectory("ralliement-migration-").FullName;
        var database = $"ralliement_test_migration_{Guid.NewGuid():N}";
        try
        {
            await using var db = TestDatabase.IsPostgres
                ? (RalliementDb)new PostgresRalliementDb(new DbContextOptionsBuilder<PostgresRalliementDb>().UseNpgsql(TestDatabase.ConnectionString(database)).Options)
                : new SqliteRalliementDb(new DbContextOptionsBuilder<SqliteRalliementDb>().UseSqlite($"Data Source={Path.Combine(folder, "old.db")};Pooling=False").Options);
            var migrator = db.GetService<IMigrator>();
            var before = db.Database.GetMigrations().TakeWhile(m => !m.EndsWith("_OutboxPriority", StringComparison.Ordinal)).Last();
            await migrator.MigrateAsync(before);
            var at = new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Outbox" ("To", "Subject", "TextBody", "State", "Attempts", "CreatedAt", "NextAttemptAt", "UnsubscribeUrl")
                VALUES ('sealed', 'News', 'Body', 'Pending', 0, {at}, {at}, 'https://example.org/fr/unsubscribe/x'),
                       ('sealed', 'Confirm', 'Body', 'Pending', 0, {at}, {at}, NULL)
                """);

            await db.Database.MigrateAsync();

            var priorities = await db.Outbox.AsNoTracking().OrderBy(m => m.Subject).Select(m => new { m.Subject, m.Priority }).ToListAsync();
            Assert.Equal([("Confirm", OutboxPriority.Signer), ("News", OutboxPriority.News)], priorities.Select(p => (p.Subject, p.Priority)));
        }
        finally
        {
            if (TestDatabase.IsPostgres)
            {
                TestDatabase.DropPostgres(database);
            }
            Directory.Delete(folder, recursive: true);
        }
    }
}
