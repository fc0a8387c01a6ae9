using System.Net;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Organisers;

[BothDatabases]
public sealed class DeletionTests
{
    private const string Doomed = "a-supprimer";

    /// <summary>A campaign of the organisation with one row in every table that hangs from it.</summary>
    private static async Task FillAsync(RalliementApp app, string organisation, string slug)
    {
        await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var organisationId = await db.Organisations.Where(o => o.Slug == organisation).Select(o => o.Id).SingleAsync();
            var campaign = new Campaign { OrganisationId = organisationId, Slug = slug, DefaultLanguage = "fr", State = CampaignState.Open, CreatedAt = now };
            campaign.Texts.Add(new CampaignText { Language = "fr", Title = "Titre", Summary = "Résumé", BodyMarkdown = "Texte", BodyHtml = "<p>Texte</p>" });
            var commitment = new Commitment { Position = 1 };
            commitment.Labels.Add(new CommitmentLabel { Language = "fr", Text = "Je m’engage" });
            campaign.Commitments.Add(commitment);
            var field = new CustomField { Position = 1 };
            field.Labels.Add(new CustomFieldLabel { Language = "fr", Text = "Laboratoire" });
            campaign.CustomFields.Add(field);
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync();

            var signature = new Signature { CampaignId = campaign.Id, Language = "fr", State = SignatureState.Confirmed, FirstName = "Ana", EmailKey = "deletion-fixture", EmailDomain = "example.org", CreatedAt = now };
            signature.Commitments.Add(new SignatureCommitment { CommitmentId = commitment.Id });
            signature.FieldValues.Add(new SignatureFieldValue { CustomFieldId = field.Id, Value = "LIP6" });
            db.Signatures.Add(signature);
            db.ConfirmationTokens.Add(new ConfirmationToken { Signature = signature, Hash = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), ExpiresAt = now });
            db.CampaignTextVersions.Add(new CampaignTextVersion { CampaignId = campaign.Id, Language = "fr", Version = 1, Title = "T", Summary = "S", BodyMarkdown = "B", BodyHtml = "<p>B</p>", ReplacedAt = now });
            db.CampaignLogos.Add(new CampaignLogo { CampaignId = campaign.Id, ContentType = "image/png", Content = [1, 2, 3], UpdatedAt = now });
            var news = new NewsPost { CampaignId = campaign.Id, CreatedAt = now };
            news.Texts.Add(new NewsText { Language = "fr", Subject = "Nouvelles", BodyMarkdown = "Merci" });
            db.News.Add(news);
            db.SignatureImports.Add(new SignatureImport { CampaignId = campaign.Id, CreatedById = "someone", CreatedAt = now, FileName = "a.csv", RowsJson = "[]" });
            db.Invitations.Add(new Invitation { OrganisationId = organisationId, Email = "x@example.org", TokenHash = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), CreatedAt = now, ExpiresAt = now.AddDays(7) });
            db.AuditLog.Add(new AuditEntry { OrganisationId = organisationId, Actor = "test", Action = "campaign.create", Target = $"campaign:{campaign.Id}", At = now });
            await db.SaveChangesAsync();
            return 0;
        });
    }

    private static Task<int[]> CountsAsync(RalliementApp app, string organisation) => app.WithDbAsync(async db =>
    {
        var campaigns = db.Campaigns.Where(c => c.Organisation.Slug == organisation).Select(c => c.Id);
        var organisationId = db.Organisations.Where(o => o.Slug == organisation).Select(o => o.Id);
        return new[]
        {
            await db.Organisations.CountAsync(o => o.Slug == organisation),
            await campaigns.CountAsync(),
            await db.CampaignTexts.CountAsync(t => campaigns.Contains(t.CampaignId)),
            await db.Commitments.CountAsync(c => campaigns.Contains(c.CampaignId)),
            await db.CustomFields.CountAsync(f => campaigns.Contains(f.CampaignId)),
            await db.Signatures.CountAsync(s => campaigns.Contains(s.CampaignId)),
            await db.CampaignTextVersions.CountAsync(v => campaigns.Contains(v.CampaignId)),
            await db.CampaignLogos.CountAsync(l => campaigns.Contains(l.CampaignId)),
            await db.News.CountAsync(n => campaigns.Contains(n.CampaignId)),
            await db.SignatureImports.CountAsync(i => campaigns.Contains(i.CampaignId)),
            await db.Invitations.CountAsync(i => organisationId.Contains(i.OrganisationId)),
            await db.Memberships.CountAsync(m => m.Organisation.Slug == organisation),
            await db.AuditLog.CountAsync(a => organisationId.Contains(a.OrganisationId)),
        };
    });

    private static Task<int[]> OrphansAsync(RalliementApp app) => app.WithDbAsync(async db => new[]
    {
        await db.Set<CommitmentLabel>().CountAsync(l => !db.Commitments.Any(c => c.Id == l.CommitmentId)),
        await db.Set<CustomFieldLabel>().CountAsync(l => !db.CustomFields.Any(f => f.Id == l.CustomFieldId)),
        await db.Set<SignatureCommitment>().CountAsync(c => !db.Signatures.Any(s => s.Id == c.SignatureId)),
        await db.SignatureFieldValues.CountAsync(v => !db.Signatures.Any(s => s.Id == v.SignatureId)),
        await db.ConfirmationTokens.CountAsync(t => !db.Signatures.Any(s => s.Id == t.SignatureId)),
        await db.NewsTexts.CountAsync(t => !db.News.Any(n => n.Id == t.NewsPostId)),
    });

    [Fact]
    public async Task An_owner_deletes_the_organisation_with_everything_in_it_and_another_one_is_untouched()
    {
        using var app = new RalliementApp();
        await app.OrganisationAsync(Doomed);
        var email = await app.OrganiserAccountAsync(OrganisationRole.Owner, Doomed);
        await app.OrganiserAccountAsync(OrganisationRole.Editor, Doomed);
        await FillAsync(app, Doomed, "campagne-a-supprimer");
        await FillAsync(app, RalliementApp.DemoOrganisation, "campagne-gardee");
        var demoBefore = await CountsAsync(app, RalliementApp.DemoOrganisation);
        using var owner = app.Browser();
        await RalliementApp.LogInAsync(owner, email, RalliementApp.TestPassword);
        const string page = "/fr/organiser/a-supprimer/delete";

        var refused = await RalliementApp.PostFormAsync(owner, page, new() { ["Confirmation"] = "a-supprime" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(1, (await CountsAsync(app, Doomed))[0]);
        var deleted = await RalliementApp.PostFormAsync(owner, page, new() { ["Confirmation"] = Doomed });

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal("/fr/organiser", deleted.Headers.Location?.OriginalString);
        Assert.All(await CountsAsync(app, Doomed), count => Assert.Equal(0, count));
        Assert.All(await OrphansAsync(app), count => Assert.Equal(0, count));
        Assert.Equal(demoBefore, await CountsAsync(app, RalliementApp.DemoOrganisation));
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync("/fr/c/campagne-a-supprimer")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/fr/c/campagne-gardee")).StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }
}
