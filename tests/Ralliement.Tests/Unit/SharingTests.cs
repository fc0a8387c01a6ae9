using Ralliement.Kit;

namespace Ralliement.Tests.Unit;

public sealed class SharingTests
{
    [Theory]
    [InlineData("mastodon.social", "mastodon.social")]
    [InlineData("  Mastodon.Social  ", "mastodon.social")]
    [InlineData("https://mastodon.social/", "mastodon.social")]
    [InlineData("https://mastodon.social", "mastodon.social")]
    [InlineData("http://mastodon.social/", "mastodon.social")]
    [InlineData("https://mastodon.social/@alice", "mastodon.social")]
    [InlineData("@alice@mastodon.social", "mastodon.social")]
    [InlineData("@alice@framapiaf.org", "framapiaf.org")]
    [InlineData("mastodon.social/", "mastodon.social")]
    [InlineData("pouet.chapril.org", "pouet.chapril.org")]
    [InlineData("mästodon.example", "xn--mstodon-5wa.example")]
    public void An_instance_is_read_from_its_name_its_address_or_an_account_on_it(string typed, string host)
    {
        Assert.Equal(host, Sharing.InstanceOf(typed));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("localhost")]
    [InlineData("mastodon")]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    [InlineData("alice@mastodon.social")]
    [InlineData("@alice")]
    [InlineData("@@mastodon.social")]
    [InlineData("@a@b@mastodon.social")]
    [InlineData("https://mastodon.social:8443/")]
    [InlineData("https://user:pass@mastodon.social/")]
    [InlineData("https://mastodon.social/share?text=x")]
    [InlineData("https://mastodon.social/some/path")]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://mastodon.social/")]
    [InlineData("mastodon.social/evil")]
    [InlineData("evil.example/share?x=")]
    [InlineData("mastodon .social")]
    [InlineData("-bad.example")]
    [InlineData("mastodon.social#x")]
    [InlineData("mastodon.123")]
    public void Anything_else_is_refused(string typed)
    {
        Assert.Null(Sharing.InstanceOf(typed));
    }

    [Fact]
    public void A_very_long_value_is_refused_without_being_parsed()
    {
        Assert.Null(Sharing.InstanceOf(new string('a', 300) + ".example" + new string('b', 100)));
    }

    [Fact]
    public void The_share_address_escapes_the_whole_text_for_the_query()
    {
        var address = Sharing.FediverseAddress("mastodon.social", "J’ai signé « Objection & co » ?", "https://petitions.example.org/fr/c/objection");

        Assert.Equal("https://mastodon.social/share?text=J%E2%80%99ai%20sign%C3%A9%20%C2%AB%20Objection%20%26%20co%20%C2%BB%20%3F%20https%3A%2F%2Fpetitions.example.org%2Ffr%2Fc%2Fobjection", address);
    }
}
