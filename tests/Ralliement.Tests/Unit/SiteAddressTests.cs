using Microsoft.Extensions.Configuration;
using Ralliement.Organisers;

namespace Ralliement.Tests.Unit;

public sealed class SiteAddressTests
{
    private static string AddressWith(params (string Key, string Value)[] settings) =>
        CreateOrganiser.SiteAddress(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build());

    [Theory]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080")]
    [InlineData("http://*:8080;https://*:8443", "http://localhost:8080")]
    [InlineData("http://+:80", "http://localhost:80")]
    [InlineData("http://0.0.0.0:5080/", "http://localhost:5080")]
    [InlineData("http://[::]:5080", "http://localhost:5080")]
    [InlineData("http://[::1]:5080", "http://[::1]:5080")]
    [InlineData("https://signons.example.org", "https://signons.example.org")]
    public void A_set_up_link_without_a_public_address_points_where_the_site_listens(string urls, string expected) =>
        Assert.Equal(expected, AddressWith(("urls", urls)));

    [Fact]
    public void The_public_address_comes_first_and_Kestrels_default_last()
    {
        Assert.Equal("https://signons.example.org", AddressWith(("PublicBaseUrl", "https://signons.example.org/"), ("urls", "http://*:8080")));
        Assert.Equal("http://localhost:5000", AddressWith());
    }
}
