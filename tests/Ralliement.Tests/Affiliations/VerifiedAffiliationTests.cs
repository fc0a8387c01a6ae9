using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Tests.Support;
using static Ralliement.Tests.Editing.EditorSteps;

namespace Ralliement.Tests.Affiliations;

public sealed class VerifiedAffiliationTests : IDisposable
{
    private readonly RalliementApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<int> DemoCampaignAsync() =>
        await _app.WithDbAsync(db => db.Campaigns.Where(c => c.Slug == RalliementApp.Slug).Select(c => c.Id).SingleAsync());

    private static string Path(int id) => $"{Campaign(id)}/affiliations";

    /// <summary>Posts the page's one form as the browser shows it, with <paramref name="changes"/> typed in.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient editor, int id, Dictionary<string, string> changes)
    {
        var form = await FormValuesAsync(editor, Path(id));
        foreach (var (name, value) in changes)
        {
            form[name] = value;
        }
        return await RalliementApp.PostFormAsync(editor, Path(id), form);
    }

    private static Dictionary<string, string> NewInstitution(string name, string domain, bool subdomains = true)
    {
        var form = new Dictionary<string, string> { ["Affiliations.NewName"] = name, ["Affiliations.NewDomain.Domain"] = domain };
        if (!subdomains)
        {
            form["Affiliations.NewDomain.IncludesSubdomains"] = "false";
        }
        return form;
    }

    /// <summary>The index of an institution's row in the form, which lists them by name.</summary>
    private async Task<int> RowOfAsync(HttpClient editor, int id, string name)
    {
        var form = await FormValuesAsync(editor, Path(id));
        return int.Parse(form.Single(f => f.Value == name && f.Key.EndsWith(".Name", StringComparison.Ordinal)).Key.Split('[', ']')[1], CultureInfo.InvariantCulture);
    }

    private async Task<long> SignAndConfirmAsync(string email, bool anonymous = false, string firstName = "Ana", string lastName = "Lopes")
    {
        var form = RalliementApp.Form(email, firstName, lastName);
        if (anonymous)
        {
            form["ListedAnonymously"] = "true";
        }
        Assert.Equal(HttpStatusCode.SeeOther, (await _app.SignAsync(form)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.ConfirmAsync(await _app.EmailToAsync(email))).StatusCode);
        return await _app.WithDbAsync(db => db.Signatures.Where(s => s.LastName == lastName && s.FirstName == firstName).Select(s => s.Id).SingleAsync());
    }

    private async Task<string?> MarkOfAsync(long signatureId) => await _app.WithDbAsync(async db =>
    {
        var id = await db.Signatures.Where(s => s.Id == signatureId).Select(s => s.VerifiedInstitutionId).SingleAsync();
        return id is null ? null : await db.AffiliationInstitutions.Where(i => i.Id == id).Select(i => i.Name).SingleAsync();
    });

    [Fact]
    public async Task A_signer_confirming_from_an_institutions_domain_or_subdomain_is_its_verified_member_unless_excluded_and_organisers_see_how_many()
    {
        using var editor = await _app.SignedInAsync(OrganisationRole.Editor);
        var id = await DemoCampaignAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(editor, id, NewInstitution("Université d’Exemple", "univ-exemple.fr"))).StatusCode);
        var university = await RowOfAsync(editor, id, "Université d’Exemple");
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(editor, id, new()
        {
            [$"Affiliations.Institutions[{university}].NewDomain.Domain"] = "etu.univ-exemple.fr",
            [$"Affiliations.Institutions[{university}].NewDomain.IncludesSubdomains"] = "true",
            [$"Affiliations.Institutions[{university}].NewDomain.Excluded"] = "true",
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(editor, id, NewInstitution("Laboratoire Lumière", "lab.univ-exemple.fr"))).StatusCode);

        var ana = await SignAndConfirmAsync("ana@univ-exemple.fr", firstName: "Ana");
        var bruno = await SignAndConfirmAsync("bruno@physique.univ-exemple.fr", firstName: "Bruno");
        var chloe = await SignAndConfirmAsync("chloe@l3.etu.univ-exemple.fr", firstName: "Chloé");
        var driss = await SignAndConfirmAsync("driss@lab.univ-exemple.fr", firstName: "Driss");
        var emma = await SignAndConfirmAsync("emma@gmail.com", firstName: "Emma");

        Assert.Equal("Université d’Exemple", await MarkOfAsync(ana));
        Assert.Equal("Université d’Exemple", await MarkOfAsync(bruno));
        Assert.Null(await MarkOfAsync(chloe));
        Assert.Equal("Laboratoire Lumière", await MarkOfAsync(driss));
        Assert.Null(await MarkOfAsync(emma));
        // Confirmed without news: the address is reduced to its keyed hash, the mark stays.
        Assert.Null(await _app.WithDbAsync(db => db.Signatures.Where(s => s.Id == ana).Select(s => s.SealedEmail).SingleAsync()));

        var page = await editor.GetStringAsync(Path(id));
        Assert.Contains("<th scope=\"row\">Université d’Exemple</th><td>2</td>", page, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">Laboratoire Lumière</th><td>1</td>", page, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">Signatures confirmées de la campagne</th><td>5</td>", page, StringComparison.Ordinal);

        using var owner = await _app.SignedInAsync(OrganisationRole.Owner);
        var csv = await owner.GetStringAsync($"{Campaign(id)}/export.csv");
        Assert.Contains(";Membre vérifié·e de;", csv, StringComparison.Ordinal);
        Assert.Contains(";Laboratoire Lumière;", csv.Split('\n').Single(line => line.Contains("Driss", StringComparison.Ordinal)), StringComparison.Ordinal);

        var list = await _app.PublicListAsync();
        Assert.Contains("<strong>Ana Lopes</strong> <span class=\"verified\"><span aria-hidden=\"true\">✔</span><span class=\"visually-hidden\">membre vérifié·e de</span> Université d’Exemple</span>", list, StringComparison.Ordinal);
        Assert.Contains("<strong>Emma Lopes</strong>, Université de Test", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adding_a_domain_later_marks_signatures_confirmed_before_and_removing_an_institution_clears_its_marks()
    {
        using var editor = await _app.SignedInAsync(OrganisationRole.Editor);
        var id = await DemoCampaignAsync();
        var before = await SignAndConfirmAsync("ana@chu-exemple.fr");
        Assert.Null(await MarkOfAsync(before));

        var added = await PostAsync(editor, id, NewInstitution("CHU d’Exemple", "chu-exemple.fr", subdomains: false));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal("CHU d’Exemple", await MarkOfAsync(before));
        Assert.Contains("vérifiées à nouveau", await editor.GetStringAsync(added.Headers.Location!.OriginalString), StringComparison.Ordinal);

        var row = await RowOfAsync(editor, id, "CHU d’Exemple");
        var institutionId = await _app.WithDbAsync(db => db.AffiliationInstitutions.Where(i => i.CampaignId == id).Select(i => i.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(editor, id, new() { ["Affiliations.RemoveInstitution"] = institutionId.ToString(CultureInfo.InvariantCulture) })).StatusCode);
        Assert.Equal(0, row);
        Assert.Null(await MarkOfAsync(before));
        Assert.True(await _app.WithDbAsync(db => db.AuditLog.AnyAsync(a => a.Action == "affiliation.remove")));
    }

    [Fact]
    public async Task An_anonymous_verified_signer_is_listed_only_as_a_member_of_their_institution_and_an_unverified_one_is_counted_but_not_listed()
    {
        using var editor = await _app.SignedInAsync(OrganisationRole.Editor);
        var id = await DemoCampaignAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(editor, id, NewInstitution("Université d’Exemple", "univ-exemple.fr"))).StatusCode);
        using (var visitor = _app.Browser())
        {
            Assert.Contains("name=\"ListedAnonymously\"", await visitor.GetStringAsync($"/fr/c/{RalliementApp.Slug}"), StringComparison.Ordinal);
        }
        var count = await _app.PublicCountAsync();

        await SignAndConfirmAsync("zoe@univ-exemple.fr", anonymous: true, firstName: "Zoé", lastName: "Secrète");
        await SignAndConfirmAsync("yann@example.org", anonymous: true, firstName: "Yann", lastName: "Discret");

        var list = await _app.PublicListAsync();
        Assert.Contains("<li>Anonyme, membre vérifié·e de Université d’Exemple</li>", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Secrète", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Discret", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Anonyme", await _app.PublicListAsync(query: "?q=Secrete"), StringComparison.Ordinal);
        Assert.Equal(count + 2, await _app.PublicCountAsync());
    }

    [Fact]
    public async Task What_is_not_a_domain_is_refused_with_what_was_typed_and_a_webmail_is_accepted_with_a_warning()
    {
        using var editor = await _app.SignedInAsync(OrganisationRole.Editor);
        var id = await DemoCampaignAsync();

        var refused = await PostAsync(editor, id, NewInstitution("Université d’Exemple", "pas un domaine"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("n’est pas un nom de domaine", page, StringComparison.Ordinal);
        Assert.Contains("value=\"pas un domaine\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"Université d’Exemple\"", page, StringComparison.Ordinal);
        Assert.False(await _app.WithDbAsync(db => db.AffiliationInstitutions.AnyAsync(i => i.CampaignId == id)));

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(editor, id, NewInstitution("Collectif du coin", "gmail.com", subdomains: false))).StatusCode);
        Assert.Contains("Messagerie gratuite", await editor.GetStringAsync(Path(id)), StringComparison.Ordinal);
    }
}
