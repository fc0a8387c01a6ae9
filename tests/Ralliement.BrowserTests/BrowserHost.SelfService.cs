using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ralliement.Data;
using Ralliement.Demo;

namespace Ralliement.BrowserTests;

/// <summary>A confirmed signature put straight in the database, for the self-service journey.</summary>
public sealed partial class BrowserHost
{
    public async Task ConfirmedSignatureAsync(string email, string firstName, string lastName)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RalliementDb>();
        var campaign = await db.Campaigns.SingleAsync(c => c.Slug == DemoCampaign.Slug);
        campaign.SignatureCount++;
        db.Signatures.Add(new Signature
        {
            CampaignId = campaign.Id,
            State = SignatureState.Confirmed,
            Language = "fr",
            FirstName = firstName,
            LastName = lastName,
            EmailKey = Services.GetRequiredService<Ralliement.Privacy.AddressProtection>().Key(Ralliement.Shared.EmailAddress.Parse(email)),
            EmailDomain = "example.org",
            Institution = "Université Ouverte",
            SearchText = Ralliement.Shared.TypedText.SearchForm($"{firstName} {lastName}"),
            ShowPublicly = true,
            TextVersion = 1,
            ConsentVersion = Ralliement.Signing.ConsentWording.Current,
            CreatedAt = DateTime.UtcNow,
            ConfirmedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
    }
}
