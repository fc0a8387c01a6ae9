using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Integration;

/// <summary>
/// The demo campaign's options, set straight in the database: these tests are about the signer's
/// side, and the organisers' editor is tested on its own.
/// </summary>
internal static class CampaignOptions
{
    public static Task<int> ChangeCampaignAsync(this RalliementApp app, Action<Campaign> change) =>
        app.WithDbAsync(async db =>
        {
            change(await db.Campaigns.SingleAsync(c => c.Slug == RalliementApp.Slug));
            return await db.SaveChangesAsync();
        });

    /// <returns>The field's id, which names its input: <c>Custom{id}</c>.</returns>
    public static Task<int> AddCustomFieldAsync(this RalliementApp app, FieldRule rule, bool shownPublicly, params (string Language, string Text)[] labels) =>
        app.WithDbAsync(async db =>
        {
            var campaign = await db.Campaigns.Include(c => c.CustomFields).SingleAsync(c => c.Slug == RalliementApp.Slug);
            var field = new CustomField { Position = campaign.CustomFields.Count, Rule = rule, ShownPublicly = shownPublicly };
            field.Labels.AddRange(labels.Select(l => new CustomFieldLabel { Language = l.Language, Text = l.Text }));
            campaign.CustomFields.Add(field);
            await db.SaveChangesAsync();
            return field.Id;
        });

    public static Task<Signature> SignatureOfAsync(this RalliementApp app, string email) =>
        app.WithDbAsync(db => db.Signatures.AsNoTracking().Include(s => s.FieldValues).SingleAsync(s => s.EmailKey == app.KeyOf(email)));

    /// <summary>Signs with a form and confirms from the email, as a signer does; returns the confirmation page.</summary>
    public static async Task<string> SignAndConfirmAsync(this RalliementApp app, Dictionary<string, string> form, string language = "fr")
    {
        var signed = await app.SignAsync(form, language);
        Assert.Equal(System.Net.HttpStatusCode.SeeOther, signed.StatusCode);
        var confirmed = await app.ConfirmAsync(await app.EmailToAsync(form["Email"]));
        Assert.Equal(System.Net.HttpStatusCode.OK, confirmed.StatusCode);
        return await confirmed.Content.ReadAsStringAsync();
    }
}
