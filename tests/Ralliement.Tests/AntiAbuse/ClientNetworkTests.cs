using System.Net;
using Ralliement.AntiAbuse;

namespace Ralliement.Tests.AntiAbuse;

public sealed class ClientNetworkTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.0/24")]
    [InlineData("::ffff:203.0.113.250", "203.0.113.0/24")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("::1", "::/64")]
    public void A_client_is_keyed_by_its_network(string address, string network) =>
        Assert.Equal(network, ClientNetwork.Of(IPAddress.Parse(address)));
}

public sealed class DomainNamesTests
{
    [Theory]
    [InlineData("example.org", "example.org")]
    [InlineData("x1.mail.example.org", "example.org")]
    [InlineData("etu.univ-lyon1.fr", "univ-lyon1.fr")]
    [InlineData("cam.ac.uk", "cam.ac.uk")]
    [InlineData("students.cam.ac.uk", "cam.ac.uk")]
    [InlineData("interieur.gouv.fr", "interieur.gouv.fr")]
    public void Subdomains_count_as_the_domain_their_owner_registered(string domain, string registered) =>
        Assert.Equal(registered, Ralliement.AntiAbuse.DomainNames.Registered(domain));
}
