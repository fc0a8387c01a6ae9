using System.Net;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Organisers;

public sealed class SignOutTests
{
    [Fact]
    public async Task The_sign_out_button_of_the_account_bar_signs_out()
    {
        using var app = new RalliementApp();
        using var client = await app.SignedInAsync(OrganisationRole.Editor);

        var signedOut = await RalliementApp.PostFormAsync(client, "/fr/organiser/logout", [], "/fr/organiser/account");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/fr/organiser/login", signedOut.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/fr/organiser/account")).StatusCode);
    }
}
