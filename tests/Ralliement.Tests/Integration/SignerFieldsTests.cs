using System.Net;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Integration;

/// <summary>City, country and a campaign's own fields, as a signer meets them on the form and then on the public list.</summary>
public sealed class SignerFieldsTests : IDisposable
{
    private readonly RalliementApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<string> RefusedPageAsync(Dictionary<string, string> form, string language)
    {
        var response = await _app.SignAsync(form, language);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Hidden_city_and_country_are_not_on_the_form_and_a_posted_value_is_ignored()
    {
        using var client = _app.Browser();
        var page = await client.GetStringAsync($"/fr/c/{RalliementApp.Slug}/sign");
        Assert.DoesNotContain("name=\"City\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Country\"", page, StringComparison.Ordinal);

        var form = RalliementApp.Form(RalliementApp.UniqueEmail("hidden"));
        form["City"] = "Lyon";
        await _app.SignAndConfirmAsync(form);

        Assert.Null((await _app.SignatureOfAsync(form["Email"])).City);
    }

    [Fact]
    public async Task A_required_city_and_an_overlong_country_get_their_own_errors_in_French_and_in_English()
    {
        await _app.ChangeCampaignAsync(c => (c.City, c.Country) = (FieldRule.Required, FieldRule.Optional));
        var form = RalliementApp.Form(RalliementApp.UniqueEmail("place"));
        form["Country"] = new string('x', SignerLimits.Detail + 1);

        var french = await RefusedPageAsync(form, "fr");
        Assert.Contains("<a href=\"#f-City\">Ville&#x202F;: Ce champ est obligatoire.</a>", french, StringComparison.Ordinal);
        Assert.Contains("<span class=\"error\" id=\"f-City-error\">Ce champ est obligatoire.</span>", french, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"#f-Country\">Pays&#x202F;: Ce champ ne peut pas dépasser {SignerLimits.Detail} caractères.</a>", french, StringComparison.Ordinal);

        var english = await RefusedPageAsync(form, "en");
        Assert.Contains("<a href=\"#f-City\">City: This field is required.</a>", english, StringComparison.Ordinal);
        Assert.Contains($"id=\"f-Country-error\">This field cannot be longer than {SignerLimits.Detail} characters.</span>", english, StringComparison.Ordinal);
        Assert.Empty(_app.EmailsTo(form["Email"]));
    }

    [Fact]
    public async Task City_and_country_are_cleaned_stored_and_shown_on_the_public_list()
    {
        await _app.ChangeCampaignAsync(c => (c.City, c.Country) = (FieldRule.Required, FieldRule.Optional));
        var form = RalliementApp.Form(RalliementApp.UniqueEmail("place"), firstName: "Lou");
        form["City"] = "  Saint-Étienne   du  Rouvray ";
        form["Country"] = "France";

        await _app.SignAndConfirmAsync(form);

        var stored = await _app.SignatureOfAsync(form["Email"]);
        Assert.Equal(("Saint-Étienne du Rouvray", "France"), (stored.City, stored.Country));
        Assert.Contains("Saint-Étienne du Rouvray, France", await _app.PublicListAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_custom_field_is_labelled_in_the_page_language_and_falls_back_to_the_default_one()
    {
        await _app.AddCustomFieldAsync(FieldRule.Required, false, ("fr", "Laboratoire"), ("en", "Laboratory"));
        await _app.AddCustomFieldAsync(FieldRule.Optional, false, ("fr", "Numéro d’adhérent"));
        using var client = _app.Browser();

        var french = await client.GetStringAsync($"/fr/c/{RalliementApp.Slug}/sign");
        var english = await client.GetStringAsync($"/en/c/{RalliementApp.Slug}/sign");

        Assert.Contains(">Laboratoire</label>", french, StringComparison.Ordinal);
        Assert.Contains(">Laboratory</label>", english, StringComparison.Ordinal);
        Assert.Contains(">Numéro d’adhérent</label>", english, StringComparison.Ordinal);
        Assert.DoesNotContain(">Laboratory</label>", french, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_custom_field_is_checked_like_the_built_in_ones_with_its_label_in_the_summary()
    {
        var lab = await _app.AddCustomFieldAsync(FieldRule.Required, false, ("fr", "Laboratoire"), ("en", "Laboratory"));
        var note = await _app.AddCustomFieldAsync(FieldRule.Optional, false, ("fr", "Remarque"), ("en", "Note"));
        var form = RalliementApp.Form(RalliementApp.UniqueEmail("custom"));
        form[$"Custom{note}"] = new string('y', SignerLimits.Institution + 1);

        var french = await RefusedPageAsync(form, "fr");
        Assert.Contains($"<a href=\"#f-Custom{lab}\">Laboratoire&#x202F;: Ce champ est obligatoire.</a>", french, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"#f-Custom{note}\">Remarque&#x202F;: Ce champ ne peut pas dépasser {SignerLimits.Institution} caractères.</a>", french, StringComparison.Ordinal);
        Assert.Contains($"id=\"f-Custom{lab}-error\">Ce champ est obligatoire.</span>", french, StringComparison.Ordinal);

        form[$"Custom{lab}"] = "Chimie\u202Eeuqisyhp";
        form[$"Custom{note}"] = "ok";
        var english = await RefusedPageAsync(form, "en");
        Assert.Contains($"<a href=\"#f-Custom{lab}\">Laboratory: ", english, StringComparison.Ordinal);
        Assert.Contains($"id=\"f-Custom{lab}-error\">", english, StringComparison.Ordinal);
        Assert.DoesNotContain($"#f-Custom{note}", english, StringComparison.Ordinal);
        // What was typed comes back in the form, so the signer fixes only what is wrong.
        Assert.Contains($"name=\"Custom{note}\" value=\"ok\"", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Custom_values_are_stored_with_the_signature_and_only_public_ones_are_listed()
    {
        var lab = await _app.AddCustomFieldAsync(FieldRule.Required, true, ("fr", "Laboratoire"), ("en", "Laboratory"));
        var member = await _app.AddCustomFieldAsync(FieldRule.Optional, false, ("fr", "Numéro d’adhérent"), ("en", "Member number"));
        var form = RalliementApp.Form(RalliementApp.UniqueEmail("custom"), firstName: "Aïcha");
        form[$"Custom{lab}"] = "  LPCA   (UMR 1234) ";
        form[$"Custom{member}"] = "A-00042";
        form["Custom999999"] = "not a field of this campaign";

        await _app.SignAndConfirmAsync(form);

        var stored = await _app.SignatureOfAsync(form["Email"]);
        Assert.Equal(
            [(lab, "LPCA (UMR 1234)"), (member, "A-00042")],
            stored.FieldValues.OrderBy(v => v.CustomFieldId).Select(v => (v.CustomFieldId, v.Value)));
        var french = await _app.PublicListAsync();
        Assert.Contains("Laboratoire&#x202F;: LPCA (UMR 1234)", french, StringComparison.Ordinal);
        Assert.DoesNotContain("A-00042", french, StringComparison.Ordinal);
        Assert.Contains("Laboratory: LPCA (UMR 1234)", await _app.PublicListAsync("en"), StringComparison.Ordinal);
        using var client = _app.Browser();
        Assert.Contains("Laboratoire&#x202F;: LPCA (UMR 1234)", await client.GetStringAsync($"/fr/c/{RalliementApp.Slug}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdrawing_erases_city_country_and_custom_values()
    {
        await _app.ChangeCampaignAsync(c => c.City = FieldRule.Optional);
        var lab = await _app.AddCustomFieldAsync(FieldRule.Optional, true, ("fr", "Laboratoire"));
        var form = RalliementApp.Form(RalliementApp.UniqueEmail("erase"));
        form["City"] = "Nantes";
        form[$"Custom{lab}"] = "LS2N";
        await _app.SignAndConfirmAsync(form);

        Assert.Equal(HttpStatusCode.OK, (await _app.WithdrawAsync(await _app.EmailToAsync(form["Email"]))).StatusCode);

        var left = await _app.WithDbAsync(db => db.Signatures.Include(s => s.FieldValues).ToListAsync());
        Assert.All(left, s => Assert.Null(s.City));
        Assert.All(left, s => Assert.Empty(s.FieldValues));
    }
}
