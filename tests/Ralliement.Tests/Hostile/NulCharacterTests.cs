using System.Net;
using Microsoft.EntityFrameworkCore;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Hostile;

/// <summary>
/// A NUL character made PostgreSQL fail (500) on the audit filter and the text editor, where SQLite
/// took it: it is now refused before any page, with a readable 400, on both providers.
/// </summary>
public sealed class NulCharacterTests : IDisposable
{
    private readonly RalliementApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_nul_in_a_query_is_a_clear_400_on_public_and_organiser_pages()
    {
        using var owner = await _app.SignedInAsync(Ralliement.Data.OrganisationRole.Owner);

        var search = await _app.Browser().GetAsync($"/fr/c/{RalliementApp.Slug}/signatories?q=a%00b");
        var audit = await owner.GetAsync($"/en/organiser/{RalliementApp.DemoOrganisation}/audit?action=%00");

        foreach (var answer in new[] { search, audit })
        {
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            Assert.Contains("<h1>", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_nul_in_a_posted_form_stores_nothing()
    {
        var email = RalliementApp.UniqueEmail("nul");
        var form = RalliementApp.Form(email, firstName: "A\0na");

        var answer = await _app.SignAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Signatures.CountAsync(s => s.EmailKey == _app.KeyOf(email))));
    }
}
