using System.Globalization;
using System.Net;
using System.Text.Json;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Export;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Export;

public sealed class WebExportTests : IDisposable
{
    private readonly RalliementApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<string> ExportPathAsync(string file) =>
        $"/en/organiser/collectif-demo/campaigns/{await _app.DemoCampaignIdAsync()}/{file}";

    private async Task SignAndConfirmAsync(string email, string firstName, bool acceptsNews = false, string language = "fr")
    {
        var form = RalliementApp.Form(email, firstName: firstName);
        if (acceptsNews)
        {
            form["AcceptsNews"] = "true";
        }
        Assert.Equal(HttpStatusCode.SeeOther, (await _app.SignAsync(form, language)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.ConfirmAsync(await _app.EmailToAsync(email))).StatusCode);
    }

    private static List<IDictionary<string, object>> Rows(string csv)
    {
        using var reader = new CsvReader(new StringReader(csv), CultureInfo.InvariantCulture);
        return reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
    }

    [Fact]
    public async Task The_signatures_CSV_is_an_attachment_without_addresses_and_a_formula_stays_text()
    {
        var hostile = "=HYPERLINK(\"http://x\")";
        await SignAndConfirmAsync(RalliementApp.UniqueEmail("formula"), hostile, acceptsNews: true);
        await SignAndConfirmAsync(RalliementApp.UniqueEmail("plain"), "Léa");
        await _app.SignAsync(RalliementApp.Form(RalliementApp.UniqueEmail("pending"), firstName: "Pending"));
        await _app.SignatureAsync(SignatureState.Held, firstName: "Held");
        using var moderator = await _app.SignedInAsync(OrganisationRole.Moderator);

        var response = await moderator.GetAsync(await ExportPathAsync("export.csv?set=signatures"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("objection-ia-generative-signatures-2026-11-22.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var csv = await response.Content.ReadAsStringAsync();
        var rows = Rows(csv);
        Assert.Equal(["'" + hostile, "Léa"], rows.Select(r => (string)r["First name"]));
        Assert.DoesNotContain("@example.org", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("email", rows[0].Keys);
        Assert.Equal("Université de Test", rows[0]["Institution"]);
        Assert.Equal("2026-11-22T09:00:00Z", rows[0]["Confirmed at (UTC)"]);
        Assert.Equal("true", rows[0]["Accepts news"]);
        Assert.DoesNotContain(csv.Split("\r\n"), line => line.Split(',').Any(cell => cell.Length > 0 && "=+-@".Contains(cell[0], StringComparison.Ordinal)));
        var entry = await _app.WithDbAsync(db => db.AuditLog.SingleAsync(e => e.Action == "export.signatures"));
        Assert.Equal("format=csv; rows=2", entry.Details);
    }

    [Fact]
    public async Task The_contacts_export_has_only_confirmed_signers_who_consented_to_news_with_their_address_and_language()
    {
        var consenting = RalliementApp.UniqueEmail("news");
        await SignAndConfirmAsync(consenting, "Ana", acceptsNews: true, language: "en");
        await SignAndConfirmAsync(RalliementApp.UniqueEmail("nonews"), "Bruno");
        await _app.SignatureAsync(SignatureState.Held, firstName: "Held", acceptsNews: true);
        await _app.SignatureAsync(SignatureState.Rejected, firstName: "Rejected", acceptsNews: true);
        using var moderator = await _app.SignedInAsync(OrganisationRole.Moderator);

        var csv = await moderator.GetStringAsync(await ExportPathAsync("export.csv?set=contacts"));

        var rows = Rows(csv);
        var row = Assert.Single(rows);
        Assert.Equal(["First name", "Last name", "Email address", "Language"], row.Keys);
        Assert.Equal(["Ana", "Lopes", consenting, "en"], row.Values.Cast<string>());
        Assert.Equal("format=csv; rows=1", (await _app.WithDbAsync(db => db.AuditLog.SingleAsync(e => e.Action == "export.contacts"))).Details);
    }

    [Fact]
    public async Task The_JSON_export_is_an_array_of_objects_with_the_CSVs_columns()
    {
        await SignAndConfirmAsync(RalliementApp.UniqueEmail("json"), "=Zoé", acceptsNews: true);
        using var moderator = await _app.SignedInAsync(OrganisationRole.Moderator);

        var response = await moderator.GetAsync(await ExportPathAsync("export.json?set=signatures"));
        var contacts = await moderator.GetStringAsync(await ExportPathAsync("export.json?set=contacts"));

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var signature = Assert.Single(json.RootElement.EnumerateArray().ToList());
        Assert.Equal("=Zoé", signature.GetProperty("first_name").GetString());
        Assert.Equal("2026-11-22T09:00:00Z", signature.GetProperty("confirmed_at").GetString());
        Assert.True(signature.GetProperty("shows_publicly").GetBoolean());
        Assert.False(signature.TryGetProperty("email", out _));
        using var contactsJson = JsonDocument.Parse(contacts);
        Assert.EndsWith("@example.org", Assert.Single(contactsJson.RootElement.EnumerateArray().ToList()).GetProperty("email").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_signatures_export_follows_the_fields_the_campaign_collects()
    {
        var campaign = await _app.DemoCampaignIdAsync();
        await _app.WithDbAsync(async db =>
        {
            var c = await db.Campaigns.SingleAsync(x => x.Id == campaign);
            c.Discipline = FieldRule.Hidden;
            c.City = FieldRule.Optional;
            var field = new CustomField { Position = 1, Rule = FieldRule.Optional };
            field.Labels.Add(new CustomFieldLabel { Language = "en", Text = "Laboratory" });
            c.CustomFields.Add(field);
            return await db.SaveChangesAsync();
        });
        var id = await _app.SignatureAsync(SignatureState.Confirmed, firstName: "Ana");
        await _app.WithDbAsync(async db =>
        {
            var field = await db.CustomFields.SingleAsync(f => f.CampaignId == campaign);
            var first = await db.Commitments.Where(c => c.CampaignId == campaign).OrderBy(c => c.Position).FirstAsync();
            db.SignatureFieldValues.Add(new SignatureFieldValue { SignatureId = id, CustomFieldId = field.Id, Value = "@LAB" });
            db.Set<SignatureCommitment>().Add(new SignatureCommitment { SignatureId = id, CommitmentId = first.Id });
            return await db.SaveChangesAsync();
        });
        using var moderator = await _app.SignedInAsync(OrganisationRole.Moderator);

        var row = Assert.Single(Rows(await moderator.GetStringAsync(await ExportPathAsync("export.csv"))));

        Assert.DoesNotContain("Discipline", row.Keys);
        Assert.Contains("City", row.Keys);
        Assert.Equal("'@LAB", row["Laboratory"]);
        var commitments = row.Where(kv => kv.Key.EndsWith('.')).ToList();
        Assert.Equal(5, commitments.Count);
        Assert.Equal(1, commitments.Count(kv => (string)kv.Value == "true"));
    }

    [Fact]
    public async Task The_signatures_export_keeps_its_column_names_order_and_values_in_CSV_and_JSON()
    {
        var campaign = await _app.DemoCampaignIdAsync();
        await _app.WithDbAsync(async db =>
        {
            var c = await db.Campaigns.SingleAsync(x => x.Id == campaign);
            c.AcceptsOrganisations = true;
            c.Institution = c.ProfessionalStatus = c.Discipline = c.City = c.Country = FieldRule.Optional;
            var field = new CustomField { Position = 1, Rule = FieldRule.Optional };
            field.Labels.Add(new CustomFieldLabel { Language = "en", Text = "Laboratory" });
            c.CustomFields.Add(field);
            return await db.SaveChangesAsync();
        });
        var id = await _app.SignatureAsync(SignatureState.Confirmed, firstName: "Ana", acceptsNews: true);
        await _app.WithDbAsync(db => db.Signatures.Where(s => s.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Kind, SignatoryKind.Organisation)
            .SetProperty(x => x.OrganisationName, "Syndicat")
            .SetProperty(x => x.OrganisationKind, "union")
            .SetProperty(x => x.ProfessionalStatus, "Maîtresse de conférences")
            .SetProperty(x => x.Discipline, "Informatique")
            .SetProperty(x => x.City, "Lyon")
            .SetProperty(x => x.Country, "France")));
        var commitments = await _app.WithDbAsync(db => db.Commitments.Where(c => c.CampaignId == campaign).OrderBy(c => c.Position)
            .Select(c => c.Labels.Where(l => l.Language == "en").Select(l => l.Text).FirstOrDefault()!).ToListAsync());
        using var moderator = await _app.SignedInAsync(OrganisationRole.Moderator);

        var csv = Assert.Single(Rows(await moderator.GetStringAsync(await ExportPathAsync("export.csv"))));
        using var json = JsonDocument.Parse(await moderator.GetStringAsync(await ExportPathAsync("export.json")));

        string[] columns =
        [
            "id", "confirmed_at", "kind", "organisation_name", "organisation_kind", "first_name", "last_name",
            "institution", "professional_status", "discipline", "city", "country", .. commitments, "Laboratory", "shows_publicly", "accepts_news",
        ];
        // The same columns, headed for an English spreadsheet; the JSON keeps the keys scripts rely on.
        string[] headers =
        [
            "Number", "Confirmed at (UTC)", "Signatory type", "Organisation name", "Organisation type", "First name", "Last name",
            "Institution", "Status", "Discipline", "City", "Country", .. commitments, "Laboratory", "Shown publicly", "Accepts news",
        ];
        Assert.Equal(headers, csv.Keys);
        var values = new[]
        {
            id.ToString(CultureInfo.InvariantCulture), "2026-11-22T09:00:00Z", "organisation", "Syndicat", "union", "Ana", "Lopes",
            "Université de Test", "Maîtresse de conférences", "Informatique", "Lyon", "France",
        };
        Assert.Equal(values, csv.Values.Cast<string>().Take(values.Length));
        Assert.Equal(["", "true", "true"], csv.Values.Cast<string>().TakeLast(3));
        var signature = Assert.Single(json.RootElement.EnumerateArray().ToList());
        Assert.Equal(columns, signature.EnumerateObject().Select(p => p.Name));
        Assert.Equal(id, signature.GetProperty("id").GetInt64());
        Assert.Equal("Lyon", signature.GetProperty("city").GetString());
        Assert.Equal(JsonValueKind.Null, signature.GetProperty("Laboratory").ValueKind);
    }

    [Fact]
    public async Task Every_signature_keeps_its_own_commitments_across_batches_of_a_large_export()
    {
        var campaign = await _app.DemoCampaignIdAsync();
        var commitments = await _app.WithDbAsync(db => db.Commitments.Where(c => c.CampaignId == campaign).OrderBy(c => c.Position).Select(c => c.Id).ToListAsync());
        var total = ExportSignatures.BatchSize * 2 + 7;
        await _app.WithDbAsync(async db =>
        {
            for (var i = 0; i < total; i++)
            {
                var signature = new Signature
                {
                    CampaignId = campaign,
                    State = SignatureState.Confirmed,
                    Language = "fr",
                    FirstName = $"N{i}",
                    LastName = "Batch",
                    CreatedAt = new DateTime(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc),
                    ConfirmedAt = new DateTime(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc),
                };
                signature.Commitments.Add(new SignatureCommitment { CommitmentId = commitments[i % commitments.Count] });
                db.Signatures.Add(signature);
            }
            return await db.SaveChangesAsync();
        });
        using var moderator = await _app.SignedInAsync(OrganisationRole.Moderator);

        var rows = Rows(await moderator.GetStringAsync(await ExportPathAsync("export.csv")));

        Assert.Equal(total, rows.Count);
        var labels = rows[0].Keys.Where(k => k.EndsWith('.')).ToList();
        for (var i = 0; i < total; i++)
        {
            Assert.Equal($"N{i}", rows[i]["First name"]);
            Assert.Equal([labels[i % commitments.Count]], labels.Where(l => (string)rows[i][l] == "true"));
        }
    }

    [Fact]
    public async Task The_export_page_says_what_each_file_holds()
    {
        await SignAndConfirmAsync(RalliementApp.UniqueEmail("page"), "Ana", acceptsNews: true);
        await SignAndConfirmAsync(RalliementApp.UniqueEmail("page"), "Bruno");
        using var moderator = await _app.SignedInAsync(OrganisationRole.Moderator);

        var response = await moderator.GetAsync(await ExportPathAsync("export"));
        var page = await response.Content.ReadAsStringAsync();

        Assert.True(response.Headers.CacheControl?.NoStore, "An organiser page must not be stored.");
        Assert.Contains("2 confirmed signatures", page, StringComparison.Ordinal);
        Assert.Contains("1 person who confirmed", page, StringComparison.Ordinal);
        Assert.Contains("holds no email addresses", page, StringComparison.Ordinal);
        Assert.Contains("value=\"contacts\"", page, StringComparison.Ordinal);
        Assert.Contains("export.json?set=signatures", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_CSV_for_a_French_spreadsheet_has_semicolons_a_byte_order_mark_and_French_headers()
    {
        var campaign = await _app.DemoCampaignIdAsync();
        await _app.WithDbAsync(async db =>
        {
            var c = await db.Campaigns.SingleAsync(x => x.Id == campaign);
            var field = new CustomField { Position = 1, Rule = FieldRule.Optional };
            field.Labels.Add(new CustomFieldLabel { Language = "fr", Text = "Laboratoire" });
            field.Labels.Add(new CustomFieldLabel { Language = "en", Text = "Laboratory" });
            c.CustomFields.Add(field);
            return await db.SaveChangesAsync();
        });
        await SignAndConfirmAsync(RalliementApp.UniqueEmail("fr"), "Léa; Zoé");
        using var moderator = await _app.SignedInAsync(OrganisationRole.Moderator);

        var bytes = await moderator.GetByteArrayAsync($"/fr/organiser/collectif-demo/campaigns/{campaign}/export.csv?set=signatures");

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.StartsWith("Numéro;Confirmée le (UTC);Prénom;Nom;Établissement;Statut;Discipline;", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(";Laboratoire;Nom public;Accepte les nouvelles", lines[0], StringComparison.Ordinal);
        Assert.Contains(";\"Léa; Zoé\";", lines[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("comma", ',')]
    [InlineData("tab", '\t')]
    [InlineData("semicolon", ';')]
    public async Task The_organiser_chooses_the_separator(string separator, char expected)
    {
        await SignAndConfirmAsync(RalliementApp.UniqueEmail("sep"), "Léa");
        using var moderator = await _app.SignedInAsync(OrganisationRole.Moderator);

        var csv = await moderator.GetStringAsync(await ExportPathAsync($"export.csv?set=contacts&separator={separator}"));

        Assert.StartsWith($"First name{expected}Last name{expected}Email address{expected}Language\r\n", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_export_page_offers_the_separators_with_the_pages_language_default()
    {
        using var moderator = await _app.SignedInAsync(OrganisationRole.Moderator);
        var campaign = await _app.DemoCampaignIdAsync();

        var french = await moderator.GetStringAsync($"/fr/organiser/collectif-demo/campaigns/{campaign}/export");
        var english = await moderator.GetStringAsync(await ExportPathAsync("export"));

        Assert.Contains("<input type=\"radio\" id=\"separator-semicolon\" name=\"separator\" value=\"semicolon\" checked=\"checked\">", french, StringComparison.Ordinal);
        Assert.Contains("<input type=\"radio\" id=\"separator-comma\" name=\"separator\" value=\"comma\" checked=\"checked\">", english, StringComparison.Ordinal);
        Assert.Contains("id=\"separator-tab\"", english, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\" form=\"csv\" name=\"set\" value=\"contacts\">", english, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await moderator.GetAsync(await ExportPathAsync("export.csv?separator=pipe"))).StatusCode);
    }

    [Fact]
    public async Task An_unknown_set_is_a_bad_request()
    {
        using var moderator = await _app.SignedInAsync(OrganisationRole.Moderator);

        Assert.Equal(HttpStatusCode.BadRequest, (await moderator.GetAsync(await ExportPathAsync("export.csv?set=everything"))).StatusCode);
    }
}
