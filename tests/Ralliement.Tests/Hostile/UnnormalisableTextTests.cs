using System.Net;
using Ralliement.Shared;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Hostile;

/// <summary>
/// Found by the fuzz test: text that .NET cannot normalise (a lone surrogate, U+FFFE) made the public
/// list's search answer 500. It is refused in names and addresses, and matches nothing in a search.
/// </summary>
public sealed class UnnormalisableTextTests(RalliementApp app) : IClassFixture<RalliementApp>
{
    [Theory]
    [InlineData("%EF%BF%BE")]
    [InlineData("a%EF%BF%BEb")]
    [InlineData("%ED%A0%80")]
    public async Task A_search_for_unnormalisable_text_shows_an_empty_list(string escaped)
    {
        using var client = app.Browser();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/fr/c/{RalliementApp.Slug}/signatories?q={escaped}")).StatusCode);

        using var owner = await app.SignedInAsync(Data.OrganisationRole.Owner);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/fr/organiser/{RalliementApp.DemoOrganisation}/moderation?q={escaped}")).StatusCode);
    }

    [Fact]
    public async Task A_name_holding_U_FFFE_is_refused_as_a_form_error()
    {
        var response = await app.SignAsync(RalliementApp.Form(RalliementApp.UniqueEmail(), firstName: "Ana\uFFFE"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    // Code units rather than strings: xUnit turns a lone surrogate in a test's data into U+FFFD.
    [Theory]
    [InlineData(0xD800)]
    [InlineData(0xDC00)]
    [InlineData(0xFFFE)]
    public void Unnormalisable_text_is_refused_and_never_throws(int codeUnit)
    {
        var text = "a" + (char)codeUnit + "b";
        Assert.False(TypedText.IsWellFormed(text));
        Assert.True(TypedText.HasForbiddenCharacters(TypedText.Normalise(text)!));
        Assert.NotNull(TypedText.SearchForm(text));
        Assert.False(EmailAddress.TryParse(text + "@example.org", out _));
    }
}
