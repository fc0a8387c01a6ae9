using System.Reflection;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Unit;

/// <summary>The PostgreSQL pass runs only tests marked [BothDatabases]: a PostgreSQL-only test without it would run nowhere.</summary>
public sealed class DatabasePassTests
{
    [Fact]
    public void Every_test_that_needs_PostgreSQL_is_marked_to_run_in_the_PostgreSQL_pass()
    {
        var unmarked = typeof(DatabasePassTests).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods())
            .Where(method => method.GetCustomAttribute<PostgresFactAttribute>() is not null)
            .Where(method => method.GetCustomAttribute<BothDatabasesAttribute>() is null
                && method.DeclaringType!.GetCustomAttribute<BothDatabasesAttribute>() is null)
            .Select(method => $"{method.DeclaringType!.Name}.{method.Name}");
        Assert.Empty(unmarked);
    }
}
