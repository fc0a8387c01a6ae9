using Xunit.Abstractions;
using Xunit.Sdk;

namespace Ralliement.Tests.Support;

/// <summary>
/// Tests of what differs between SQLite and PostgreSQL (raw SQL, duplicate keys, bulk statements,
/// transactions, migrations, several nodes, crashes, stored addresses, purges). The test command runs
/// every test on SQLite, then only these again on PostgreSQL (trait <c>Database=Both</c>): running the
/// whole suite twice cost minutes and tested the same provider-neutral code twice.
/// </summary>
[TraitDiscoverer("Ralliement.Tests.Support.BothDatabasesTrait", "Ralliement.Tests")]
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class BothDatabasesAttribute : Attribute, ITraitAttribute;

public sealed class BothDatabasesTrait : ITraitDiscoverer
{
    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute) => [new("Database", "Both")];
}

/// <summary>
/// Tests that take seconds each (fuzzing, crashes, outages, tens of thousands of rows): the test
/// command runs them, the inner loop (tests/quick.sh) leaves them out (trait <c>Speed=Slow</c>).
/// </summary>
[TraitDiscoverer("Ralliement.Tests.Support.SlowTrait", "Ralliement.Tests")]
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class SlowAttribute : Attribute, ITraitAttribute;

public sealed class SlowTrait : ITraitDiscoverer
{
    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute) => [new("Speed", "Slow")];
}
