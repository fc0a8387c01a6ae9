using System.Net;
using System.Net.Http.Headers;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Hostile;

/// <summary>Pages that take a POST without a form token read their route values from the path, whatever the body.</summary>
public sealed class UnreadableBodyTests(RalliementApp app) : IClassFixture<RalliementApp>
{
    /// <summary>Found by the fuzz test: a broken multipart body left the link's token null, and the page answered 500.</summary>
    [Theory]
    [InlineData("multipart/form-data; boundary=broken", "--nope")]
    [InlineData("application/x-www-form-urlencoded", "token=&lang=")]
    [InlineData("application/json", "{\"token\":null}")]
    public async Task An_unsubscribe_post_with_an_odd_body_is_answered_from_its_path(string type, string body)
    {
        using var client = app.Browser();
        var content = new StringContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);

        var response = await client.PostAsync($"/en/unsubscribe/{new string('A', 43)}", content);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<html lang=\"en\">", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

/// <summary>Field names in jQuery's bracket syntax, balanced or not, are plain names that no page reads.</summary>
public sealed class BracketNameTests(RalliementApp app) : IClassFixture<RalliementApp>
{
    /// <summary>Found by the fuzz test: "a[" in a posted form or a query answered 500 from MVC's jQuery value reader.</summary>
    [Theory]
    [InlineData("a[")]
    [InlineData("a]b[")]
    [InlineData("a[b]")]
    public async Task An_odd_bracketed_field_name_is_not_a_server_error(string name)
    {
        using var client = await app.SignedInAsync(Data.OrganisationRole.Owner);

        var post = await RalliementApp.PostFormAsync(client, "/fr/organiser/account/two-factor", new() { [name] = "x" });
        var get = await client.GetAsync($"/fr/organiser/{RalliementApp.DemoOrganisation}/moderation?{Uri.EscapeDataString(name)}=1");

        Assert.InRange((int)post.StatusCode, 200, 499);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }
}
