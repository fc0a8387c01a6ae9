using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Importing;

public sealed class ImportTests
{
    private const string Header = "first_name,last_name,email,institution,show_publicly,accepts_news\n";

    [BothDatabases]
    [Fact]
    public async Task A_moderator_previews_a_file_then_imports_its_valid_new_rows_in_one_go()
    {
        using var app = new RalliementApp();
        var campaignId = await app.DemoCampaignIdAsync();
        using var client = await app.SignedInAsync(OrganisationRole.Moderator);
        var existing = RalliementApp.UniqueEmail("existing");
        await app.SignAsync(RalliementApp.Form(existing));
        await app.ConfirmAsync(await app.EmailToAsync(existing));
        var countBefore = await app.PublicCountAsync();
        var fresh = RalliementApp.UniqueEmail("fresh");
        var csv = Header
            + $"Ana,Lopes,{fresh},Université de Lyon,oui,oui\n"
            + $"Ana,Lopes,{fresh.ToUpperInvariant()},,oui,non\n"          // same address in other case: duplicate in the file
            + $"Bea,Martin,{existing},,yes,no\n"                          // already a signature: duplicate of an existing one
            + "Carl,Paper,,,1,0\n"                                        // paper signature without an address
            + "Dina,,dina@example.org,,yes,no\n"                          // missing last name
            + "=HYPERLINK(\"http://evil.example\"),Eve,eve@example.org,,no,no\n";

        var uploaded = await RalliementApp.UploadCsvAsync(client, campaignId, csv);
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var preview = uploaded.Headers.Location!.OriginalString;
        var page = await client.GetStringAsync(preview);

        Assert.Equal(2, RalliementApp.SummaryCount(page, "Signatures to import"));
        Assert.Equal(1, RalliementApp.SummaryCount(page, "… of which without an address (cannot be de-duplicated)"));
        Assert.Equal(1, RalliementApp.SummaryCount(page, "Duplicates of existing signatures (skipped)"));
        Assert.Equal(1, RalliementApp.SummaryCount(page, "Duplicates within the file (skipped)"));
        Assert.Equal(2, RalliementApp.SummaryCount(page, "Rows with errors (skipped)"));
        Assert.Contains(@"<tr><td data-label=""Line"">6</td><td data-label=""Column"">last_name</td><td data-label=""Problem"">This field is required.</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains(@"<tr><td data-label=""Line"">7</td><td data-label=""Column"">first_name</td><td data-label=""Problem"">Starts with = ", page, StringComparison.Ordinal);
        Assert.Contains("Import 2 signatures", page, StringComparison.Ordinal);
        Assert.Equal(countBefore, await app.PublicCountAsync());

        var confirmed = await RalliementApp.PostFormAsync(client, preview, []);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("2 signatures imported.", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(countBefore + 2, await app.PublicCountAsync());
        var imported = await app.WithDbAsync(db => db.Signatures.AsNoTracking().Where(s => s.Source == SignatureSource.Import).OrderBy(s => s.Id).ToListAsync());
        Assert.Equal(["Lopes", "Paper"], imported.Select(s => s.LastName));
        Assert.All(imported, s => Assert.Equal(SignatureState.Confirmed, s.State));
        Assert.True(imported[0].AcceptsNews && imported[0].ShowPublicly);
        Assert.Equal("Université de Lyon", imported[0].Institution);
        Assert.Null(imported[1].SealedEmail);
        var audit = await app.WithDbAsync(db => db.AuditLog.SingleAsync(a => a.Action == "import.signatures"));
        Assert.Contains("imported=2", audit.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("@", audit.Details, StringComparison.Ordinal);

        // An import happens once, even if the button is pressed again.
        var again = await RalliementApp.PostFormAsync(client, preview, [], RalliementApp.ImportPath(campaignId));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("This file was already imported.", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(countBefore + 2, await app.PublicCountAsync());
    }

    [Fact]
    public async Task French_headers_semicolons_and_a_byte_order_mark_are_understood()
    {
        using var app = new RalliementApp();
        var campaignId = await app.DemoCampaignIdAsync();
        using var client = await app.SignedInAsync(OrganisationRole.Moderator);
        var csv = "\uFEFFPrénom;NOM;Courriel;Établissement;Public;Nouvelles;Langue\r\n\"Zoé\";Durand;zoe.durand@example.org;\"Lab; Paris\";oui;oui;en\r\n";

        await RalliementApp.ImportCsvAsync(client, campaignId, csv);

        var zoe = await app.WithDbAsync(db => db.Signatures.SingleAsync(s => s.LastName == "Durand"));
        Assert.Equal(("Zoé", "Lab; Paris", "en", true), (zoe.FirstName, zoe.Institution, zoe.Language, zoe.AcceptsNews));
        Assert.Equal(app.KeyOf("zoe.durand@example.org"), zoe.EmailKey);
        // She accepts news: her address is kept, sealed.
        Assert.Equal("zoe.durand@example.org", app.Addresses.Open(zoe.SealedEmail!));
    }

    [Theory]
    [InlineData("latin1", "not encoded in UTF-8")]
    [InlineData("missing", "Required columns missing from the first line: last_name")]
    [InlineData("empty", "The file is empty")]
    [InlineData("header-only", "only a header line")]
    public async Task A_file_that_cannot_be_read_is_refused_with_a_reason_and_nothing_is_kept(string kind, string reason)
    {
        using var app = new RalliementApp();
        var campaignId = await app.DemoCampaignIdAsync();
        using var client = await app.SignedInAsync(OrganisationRole.Moderator);
        var content = kind switch
        {
            "latin1" => Encoding.Latin1.GetBytes("first_name,last_name\nHélène,Dupré\n"),
            "missing" => Encoding.UTF8.GetBytes("first_name,email\nAna,ana@example.org\n"),
            "empty" => [],
            _ => Encoding.UTF8.GetBytes("first_name,last_name\n"),
        };

        var response = await RalliementApp.UploadCsvAsync(client, campaignId, content);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains(reason, page, StringComparison.Ordinal);
        Assert.Contains("Nothing was imported.", page, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.SignatureImports.CountAsync()));
    }

    [Fact]
    public async Task A_100_MB_upload_is_refused_with_413_before_it_is_read()
    {
        using var app = new RalliementApp();
        var campaignId = await app.DemoCampaignIdAsync();
        using var client = await app.SignedInAsync(OrganisationRole.Moderator);
        var huge = new byte[100 * 1024 * 1024];
        // As curl does for a large body: the server can refuse it from its headers, before it is sent.
        client.DefaultRequestHeaders.ExpectContinue = true;

        var response = await RalliementApp.UploadCsvAsync(client, campaignId, huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("(5 MB)", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.SignatureImports.CountAsync()));
    }

    [Fact]
    public async Task A_file_just_over_5_MB_is_refused_with_its_reason()
    {
        using var app = new RalliementApp();
        var campaignId = await app.DemoCampaignIdAsync();
        using var client = await app.SignedInAsync(OrganisationRole.Moderator);
        var content = Encoding.UTF8.GetBytes(Header + new string('a', 5 * 1024 * 1024 + 10 * 1024));

        var response = await RalliementApp.UploadCsvAsync(client, campaignId, content);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("larger than 5 MB", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.SignatureImports.CountAsync()));
    }

    [Fact]
    public async Task A_chunked_upload_without_a_length_is_cut_off_at_the_limit_with_413()
    {
        using var app = new RalliementApp();
        var campaignId = await app.DemoCampaignIdAsync();
        using var client = await app.SignedInAsync(OrganisationRole.Moderator);
        var page = await client.GetStringAsync(RalliementApp.ImportPath(campaignId));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(RalliementApp.AntiforgeryToken(page)), "__RequestVerificationToken" },
            // A stream of unknown length: sent chunked, so only Kestrel's limit can stop it.
            { new StreamContent(new EndlessCsv(8 * 1024 * 1024)), "file", "big.csv" },
        };
        form.Headers.ContentLength = null;

        HttpResponseMessage? response = null;
        try
        {
            response = await client.PostAsync(RalliementApp.ImportPath(campaignId), form);
        }
        catch (HttpRequestException)
        {
            // The server may close the connection while the client is still sending.
        }

        if (response is not null)
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }
        Assert.Equal(0, await app.WithDbAsync(db => db.SignatureImports.CountAsync()));
    }

    /// <summary>A stream that cannot say its length, like a pipe.</summary>
    private sealed class EndlessCsv(long length) : Stream
    {
        private long _position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            buffer.AsSpan(offset, n).Fill((byte)'a');
            _position += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public async Task A_file_of_more_than_50000_rows_is_refused_whole()
    {
        using var app = new RalliementApp();
        var campaignId = await app.DemoCampaignIdAsync();
        using var client = await app.SignedInAsync(OrganisationRole.Moderator);
        var csv = new StringBuilder("first_name,last_name\n");
        for (var i = 0; i <= 50_000; i++)
        {
            csv.Append("A,B\n");
        }

        var response = await RalliementApp.UploadCsvAsync(client, campaignId, csv.ToString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("more than 50,000 rows", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.SignatureImports.CountAsync()));
    }

    [Slow]
    [BothDatabases]
    [Fact]
    public async Task A_file_of_50000_rows_is_previewed_and_imported_in_one_go()
    {
        using var app = new RalliementApp();
        var campaignId = await app.DemoCampaignIdAsync();
        using var client = await app.SignedInAsync(OrganisationRole.Moderator);
        var csv = new StringBuilder(Header);
        for (var i = 0; i < 50_000; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"Prénom{i},Nom{i},signer{i}@example.org,Université {i % 100},oui,non\n");
        }
        var started = System.Diagnostics.Stopwatch.StartNew();

        var preview = await RalliementApp.ImportCsvAsync(client, campaignId, csv.ToString());

        Assert.Equal(50_000, await app.WithDbAsync(db => db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.SignatureCount).SingleAsync()));
        Assert.Equal(50_000, await app.WithDbAsync(db => db.Signatures.CountAsync(s => s.Source == SignatureSource.Import)));
        Console.WriteLine($"50,000 rows uploaded, previewed and imported in {started.Elapsed}");
        Assert.Contains("This file was already imported.", await client.GetStringAsync(preview), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_members_who_may_import_reach_the_import_pages()
    {
        using var app = new RalliementApp();
        var campaignId = await app.DemoCampaignIdAsync();
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        using var stranger = await app.SignedInAsync(OrganisationRole.Owner, await app.OrganisationAsync("autre-collectif"));
        using var moderator = await app.SignedInAsync(OrganisationRole.Moderator);

        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync(RalliementApp.ImportPath(campaignId))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(RalliementApp.ImportPath(campaignId))).StatusCode);
        // A campaign of another organisation, through one's own organisation's path: not found either.
        var otherCampaign = await app.WithDbAsync(async db =>
        {
            var organisation = await db.Organisations.SingleAsync(o => o.Slug == "autre-collectif");
            var campaign = new Campaign { OrganisationId = organisation.Id, Slug = "autre-campagne", DefaultLanguage = "fr", CreatedAt = DateTime.UtcNow };
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync();
            return campaign.Id;
        });
        Assert.Equal(HttpStatusCode.NotFound, (await moderator.GetAsync(RalliementApp.ImportPath(otherCampaign))).StatusCode);
        var preview = await RalliementApp.ImportCsvAsync(moderator, campaignId, Header + "Ana,Lopes,,,no,no\n");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(preview.Replace(RalliementApp.DemoOrganisation, "autre-collectif", StringComparison.Ordinal))).StatusCode);
    }

    [BothDatabases]
    [Fact]
    public async Task A_preview_not_confirmed_within_a_day_is_deleted()
    {
        using var app = new RalliementApp();
        var campaignId = await app.DemoCampaignIdAsync();
        using var client = await app.SignedInAsync(OrganisationRole.Moderator);
        var uploaded = await RalliementApp.UploadCsvAsync(client, campaignId, Header + "Ana,Lopes,ana@example.org,,no,no\n");
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);

        app.Clock.Advance(TimeSpan.FromHours(25));
        using var later = await app.SignedInAsync(OrganisationRole.Moderator);
        // The expired preview has no button any more: the token comes from the upload page.
        var confirmed = await RalliementApp.PostFormAsync(later, uploaded.Headers.Location!.OriginalString, [], RalliementApp.ImportPath(campaignId));
        Assert.Equal(HttpStatusCode.Conflict, confirmed.StatusCode);
        var purged = await app.WithAsync<Ralliement.Importing.PurgeStaleImports, int>(purge => purge.PurgeAsync(CancellationToken.None));

        Assert.Equal(1, purged);
        Assert.Equal(0, await app.WithDbAsync(db => db.Signatures.CountAsync(s => s.Source == SignatureSource.Import)));
    }
}
