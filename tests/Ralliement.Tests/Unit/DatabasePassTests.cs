using System.Reflection;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Unit;

/// <summary>
/// The PostgreSQL pass runs only tests marked [BothDatabases], the deployment pass only those marked
/// [Trait("Category", "Deploy")]: a PostgreSQL-only test with neither would run nowhere.
/// </summary>
public sealed class DatabasePassTests
{
    [Fact]
    public void Every_test_that_needs_PostgreSQL_is_marked_to_run_in_the_PostgreSQL_pass()
    {
        var unmarked = typeof(DatabasePassTests).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods())
            .Where(method => method.GetCustomAttribute<PostgresFactAttribute>() is not null)
            .Where(method => method.GetCustomAttribute<BothDatabasesAttribute>() is null
                && method.DeclaringType!.GetCustomAttribute<BothDatabasesAttribute>() is null
                && !IsDeployment(method) && !IsDeployment(method.DeclaringType!))
            .Select(method => $"{method.DeclaringType!.Name}.{method.Name}");
        Assert.Empty(unmarked);
    }

    private static bool IsDeployment(MemberInfo member) => member.GetCustomAttributesData().Any(attribute =>
        attribute.AttributeType == typeof(TraitAttribute)
        && attribute.ConstructorArguments.Select(argument => argument.Value as string).SequenceEqual(["Category", "Deploy"]));
}
