using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ralliement.Data;
using Ralliement.Demo;

namespace Ralliement.BrowserTests;

/// <summary>Organisers and held signatures made through the host's own services, for the moderation journeys.</summary>
public sealed partial class BrowserHost
{
    /// <summary>
    /// Makes the demo campaign hold its signatures for review and puts one held signature in it,
    /// straight in the database (the signing side of holding is another feature's); returns the campaign id.
    /// </summary>
    public async Task<int> HeldSignatureAsync(string firstName, string lastName)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RalliementDb>();
        var campaign = await db.Campaigns.SingleAsync(c => c.Slug == DemoCampaign.Slug);
        campaign.HoldsSignaturesForReview = true;
        var email = $"held.{Guid.NewGuid():N}@univ-held.example";
        db.Signatures.Add(new Signature
        {
            CampaignId = campaign.Id,
            State = SignatureState.Held,
            Language = "fr",
            FirstName = firstName,
            LastName = lastName,
            EmailKey = Services.GetRequiredService<Ralliement.Privacy.AddressProtection>().Key(Ralliement.Shared.EmailAddress.Parse(email)),
            EmailDomain = "univ-held.example",
            Institution = "Université Retenue",
            SearchText = Ralliement.Shared.TypedText.SearchForm($"{firstName} {lastName}"),
            ShowPublicly = true,
            CreatedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
        return campaign.Id;
    }
}
