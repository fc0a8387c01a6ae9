using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ralliement.Campaigns;
using Ralliement.Shared;
using Ralliement.Signing;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.AntiAbuse;

/// <summary>
/// The signing handler is the whole use case: called directly, as a JSON endpoint would, it applies
/// every guard the form page relies on and answers one outcome.
/// </summary>
public sealed class SigningGuardTests : IDisposable
{
    private readonly RalliementApp _app = new();

    public SigningGuardTests()
    {
        _app.Settings["AntiAbuse:RateLimits:SigningPerNetwork:Burst"] = "2";
        _app.Settings["AntiAbuse:RateLimits:SigningPerNetwork:PerMinute"] = "1";
    }

    public void Dispose() => _app.Dispose();

    private async Task<SignCampaign.Result> SignAsync(SignerDetails.Form form, string network = "192.0.2.0/24")
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var campaign = await scope.ServiceProvider.GetRequiredService<ReadCampaign>().HandleAsync(RalliementApp.Slug, "fr", CancellationToken.None);
        var request = new SignCampaign.Request(campaign!, form, network, new PublicLinks("https://signons.example.org"));
        return await scope.ServiceProvider.GetRequiredService<SignCampaign>().HandleAsync(request, CancellationToken.None);
    }

    private static SignerDetails.Form Form(string email) => new()
    {
        FirstName = "Ana",
        LastName = "Lopes",
        Email = email,
        ConsentToProcessing = true,
    };

    private Task<int> RowsAsync() => _app.WithDbAsync(db => db.Signatures.CountAsync());

    [Fact]
    public async Task The_network_limit_is_the_handlers_own()
    {
        Assert.Equal(SignCampaign.Outcome.Accepted, (await SignAsync(Form(RalliementApp.UniqueEmail()))).Outcome);
        Assert.Equal(SignCampaign.Outcome.Accepted, (await SignAsync(Form(RalliementApp.UniqueEmail()))).Outcome);

        var third = await SignAsync(Form(RalliementApp.UniqueEmail()));

        Assert.Equal(SignCampaign.Outcome.TooMany, third.Outcome);
        Assert.NotNull(third.RetryAfter);
        Assert.Equal(SignCampaign.Outcome.Accepted, (await SignAsync(Form(RalliementApp.UniqueEmail()), "198.51.100.0/24")).Outcome);
        Assert.Equal(3, await RowsAsync());
    }

    [Fact]
    public async Task The_honeypot_is_the_handlers_own_and_answers_as_accepted_with_nothing_kept()
    {
        var form = Form(RalliementApp.UniqueEmail());
        form.Trap = "https://spam.example.org";

        var result = await SignAsync(form);

        Assert.Equal(SignCampaign.Outcome.Accepted, result.Outcome);
        Assert.Equal(0, await RowsAsync());
    }

    [Fact]
    public async Task Each_refusal_is_its_own_outcome()
    {
        var invalid = await SignAsync(Form("not an address"));
        Assert.Equal(SignCampaign.Outcome.Invalid, invalid.Outcome);
        Assert.Contains(invalid.Errors, e => e.Field == nameof(SignerDetails.Form.Email));

        var disposable = await SignAsync(Form("someone@mailinator.com"));
        Assert.Equal(SignCampaign.Outcome.Invalid, disposable.Outcome);

        await _app.WithDbAsync(db => db.Campaigns.ExecuteUpdateAsync(c => c.SetProperty(x => x.State, Ralliement.Data.CampaignState.Closed)));
        Assert.Equal(SignCampaign.Outcome.Closed, (await SignAsync(Form(RalliementApp.UniqueEmail()), "203.0.113.0/24")).Outcome);
        Assert.Equal(0, await RowsAsync());
    }
}
