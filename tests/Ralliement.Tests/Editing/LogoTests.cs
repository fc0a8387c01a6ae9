using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Tests.Support;
using static Ralliement.Tests.Editing.EditorSteps;

namespace Ralliement.Tests.Editing;

public sealed class LogoTests
{
    [Fact]
    public async Task A_PNG_logo_is_kept_and_served_with_a_long_cache_keyed_by_its_version()
    {
        using var app = new RalliementApp();
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        using var visitor = app.Browser();
        var id = await PublishedAsync(editor, "avec-logo");

        var upload = await UploadLogoAsync(editor, id, Png);

        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var page = await visitor.GetStringAsync("/fr/c/avec-logo");
        var version = await app.WithDbAsync(db => db.CampaignLogos.Where(l => l.CampaignId == id).Select(l => l.UpdatedAt.Ticks).SingleAsync());
        // Beside the collective's name, which says what the logo would.
        Assert.Contains($"<img src=\"/c/avec-logo/logo?v={version}\" alt=\"\" class=\"brand-logo\"><span>Collectif de démonstration</span>", page, StringComparison.Ordinal);
        var logo = await visitor.GetAsync($"/c/avec-logo/logo?v={version}");
        Assert.Equal(HttpStatusCode.OK, logo.StatusCode);
        Assert.Equal("image/png", logo.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", logo.Headers.CacheControl?.ToString());
        Assert.Equal(Png, await logo.Content.ReadAsByteArrayAsync());
        Assert.True(await app.WithDbAsync(db => db.AuditLog.AnyAsync(a => a.Action == "campaign.logo")));
    }

    [Fact]
    public async Task A_file_that_only_claims_to_be_a_PNG_and_an_SVG_are_refused()
    {
        using var app = new RalliementApp();
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        var id = await CreateDraftAsync(editor, "faux-logo");

        var fake = await UploadLogoAsync(editor, id, Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"));
        var svg = await UploadLogoAsync(editor, id, Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"), "image/svg+xml", "logo.svg");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, fake.StatusCode);
        Assert.Contains("n’est pas une image PNG, JPEG ou WebP", await fake.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, svg.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.CampaignLogos.CountAsync()));
    }

    [Fact]
    public async Task A_logo_too_large_is_refused_with_413_and_other_endpoints_keep_the_64_KB_limit()
    {
        using var app = new RalliementApp();
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        var id = await CreateDraftAsync(editor, "gros-logo");
        var heavy = new byte[CampaignLogo.MaxBytes + 1];
        Png.CopyTo(heavy, 0);

        var tooLarge = await UploadLogoAsync(editor, id, heavy);
        var huge = await UploadLogoAsync(editor, id, new byte[2 * 1024 * 1024]);
        var elsewhere = await RalliementApp.PostFormAsync(editor, $"{Campaign(id)}/text/fr", new() { ["Form.Title"] = "T", ["Form.Body"] = new string('a', 100_000) });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("Le fichier dépasse 200 Ko", await tooLarge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        // Past what the upload path accepts at all, the generic page states that path's limit.
        Assert.Contains("(1 Mo)", await huge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, elsewhere.StatusCode);
        Assert.Contains("(64 Ko)", await elsewhere.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.CampaignLogos.CountAsync()));
    }
}
