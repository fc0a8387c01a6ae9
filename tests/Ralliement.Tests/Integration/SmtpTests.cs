using System.Net;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Integration;

public sealed class SmtpTests : IDisposable
{
    private readonly SmtpServer _smtp = new();
    private readonly RalliementApp _app = new();

    public SmtpTests()
    {
        _app.Settings["Mail:Smtp:Host"] = "127.0.0.1";
        _app.Settings["Mail:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _app.Settings["Mail:Smtp:Security"] = "None";
        _app.Settings["Mail:From"] = "Ralliement <ne-pas-repondre@ralliement.test>";
    }

    public void Dispose()
    {
        _app.Dispose();
        _smtp.Dispose();
    }

    [Fact]
    public async Task The_confirmation_email_reaches_a_real_SMTP_server_with_a_link_that_confirms()
    {
        var email = RalliementApp.UniqueEmail("smtp");
        var before = await _app.PublicCountAsync();
        await _app.SignAsync(RalliementApp.Form(email, firstName: "Léa"));

        var received = await _smtp.WaitForMessageToAsync(email);

        Assert.Equal("ne-pas-repondre@ralliement.test", received.From.Mailboxes.Single().Address);
        Assert.StartsWith("Confirmez votre signature", received.Subject, StringComparison.Ordinal);
        Assert.Contains("Bonjour Léa,", received.TextBody, StringComparison.Ordinal);
        Assert.Matches($@"{_app.Address.GetLeftPart(UriPartial.Authority)}/fr/confirm/[A-Za-z0-9_-]{{43}}\s", received.TextBody);
        Assert.False(Directory.Exists(_app.MailDirectory), "With SMTP configured, nothing is written to the pickup folder.");

        var confirmed = await _app.ConfirmAsync(received);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(before + 1, await _app.PublicCountAsync());
    }
}
