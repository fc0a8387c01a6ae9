using Microsoft.Extensions.Configuration;
using Ralliement.Data;

namespace Ralliement.Tests.Unit;

public sealed class DatabaseChoiceTests
{
    private static IConfiguration With(string? provider) =>
        new ConfigurationBuilder().AddInMemoryCollection([new("Database:Provider", provider)]).Build();

    [Theory]
    [InlineData(null, DatabaseProvider.Sqlite)]
    [InlineData("", DatabaseProvider.Sqlite)]
    [InlineData("Sqlite", DatabaseProvider.Sqlite)]
    [InlineData("postgres", DatabaseProvider.Postgres)]
    [InlineData("Postgres", DatabaseProvider.Postgres)]
    public void The_provider_is_read_from_configuration(string? setting, DatabaseProvider expected) =>
        Assert.Equal(expected, With(setting).ChosenDatabase());

    [Theory]
    [InlineData("MySql")]
    [InlineData("1")]
    [InlineData("Postgres;drop")]
    public void An_unknown_provider_stops_the_start_with_a_message_naming_the_choices(string setting)
    {
        var exception = Assert.Throws<InvalidOperationException>(() => With(setting).ChosenDatabase());
        Assert.Contains("Sqlite or Postgres", exception.Message, StringComparison.Ordinal);
    }
}
