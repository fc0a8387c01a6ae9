using Ralliement.Shared;

namespace Ralliement.Tests.Unit;

public sealed class OrganisationTimeTests
{
    [Fact]
    public void A_wall_clock_time_in_Paris_is_one_hour_ahead_of_UTC_in_winter_and_two_in_summer()
    {
        Assert.Equal((new DateTime(2027, 1, 31, 22, 30, 0, DateTimeKind.Utc), OrganisationTime.Fit.Exact), OrganisationTime.ToUtc(new DateTime(2027, 1, 31, 23, 30, 0), "Europe/Paris"));
        Assert.Equal((new DateTime(2027, 7, 14, 8, 0, 0, DateTimeKind.Utc), OrganisationTime.Fit.Exact), OrganisationTime.ToUtc(new DateTime(2027, 7, 14, 10, 0, 0), "Europe/Paris"));
        Assert.Equal(new DateTime(2027, 1, 31, 23, 30, 0), OrganisationTime.ToLocal(new DateTime(2027, 1, 31, 22, 30, 0, DateTimeKind.Utc), "Europe/Paris"));
    }

    [Fact]
    public void A_time_the_clocks_skip_counts_as_the_hour_after_and_a_time_lived_twice_as_the_first()
    {
        var skipped = OrganisationTime.ToUtc(new DateTime(2027, 3, 28, 2, 30, 0), "Europe/Paris");
        var repeated = OrganisationTime.ToUtc(new DateTime(2026, 10, 25, 2, 30, 0), "Europe/Paris");

        Assert.Equal((new DateTime(2027, 3, 28, 1, 30, 0, DateTimeKind.Utc), OrganisationTime.Fit.Skipped), skipped);
        Assert.Equal(new DateTime(2027, 3, 28, 3, 30, 0), OrganisationTime.ToLocal(skipped.Utc, "Europe/Paris"));
        Assert.Equal((new DateTime(2026, 10, 25, 0, 30, 0, DateTimeKind.Utc), OrganisationTime.Fit.Repeated), repeated);
    }

    [Fact]
    public void An_unknown_zone_falls_back_to_Paris()
    {
        Assert.Equal("Europe/Paris", OrganisationTime.Id("Mars/Olympus_Mons"));
        Assert.Equal("New York", OrganisationTime.City("America/New_York"));
        Assert.Equal("UTC", OrganisationTime.City("UTC"));
    }
}
