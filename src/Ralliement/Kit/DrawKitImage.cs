using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Extensions.Localization;
using Ralliement.Campaigns;
using Ralliement.Organisers;

namespace Ralliement.Kit;

/// <summary>
/// Draws one image of a campaign's kit, or takes it from <see cref="KitImageCache"/> when nothing it
/// shows has changed. The count comes from the campaign read a moment ago, never from counting rows.
/// </summary>
public sealed class DrawKitImage(ReadCampaign readCampaign, RalliementDb db, KitImageCache cache, TimeProvider clock,
    IStringLocalizer<KitText> kitText, IStringLocalizer<Text> sharedText)
{
    /// <summary>The link preview is drawn again at most this often, whatever the count does.</summary>
    public static readonly TimeSpan PreviewFreshness = TimeSpan.FromMinutes(1);

    /// <param name="Immutable">A fixed image asked for with its current version: it may be kept a year.</param>
    public sealed record Result(KitImage Image, bool Immutable);

    /// <summary>An image of a public campaign; null for a file, a campaign or a language the kit does not have.</summary>
    public async Task<Result?> HandleAsync(string language, string slug, string fileName, string? version, string baseUrl, CancellationToken cancellationToken)
    {
        if (!Languages.IsSupported(language) || KitFile.Parse(fileName) is not { } file
            || await readCampaign.HandleRecentAsync(slug, language, cancellationToken) is not { } campaign)
        {
            return null;
        }
        var image = await DrawAsync(campaign, language, fileName, file, baseUrl, cancellationToken);
        return new Result(image, !file.ShowsCount && version == KitLinks.VersionOf(campaign));
    }

    /// <summary>An image of one of the organisation's campaigns, drafts included, for its editors' previews.</summary>
    public async Task<KitImage?> HandlePreviewAsync(OrganisationContext organisation, int campaignId, string language, string fileName, string baseUrl, CancellationToken cancellationToken)
    {
        if (!Languages.IsSupported(language) || KitFile.Parse(fileName) is not { } file)
        {
            return null;
        }
        var slug = await db.CampaignsOf(organisation).Where(c => c.Id == campaignId).Select(c => c.Slug).FirstOrDefaultAsync(cancellationToken);
        if (slug is null || await readCampaign.HandleAsync(slug, language, cancellationToken, includeDraft: true) is not { } campaign)
        {
            return null;
        }
        return await DrawAsync(campaign, language, fileName, file, baseUrl, cancellationToken);
    }

    private async Task<KitImage> DrawAsync(ReadCampaign.View campaign, string language, string fileName, KitFile file, string baseUrl, CancellationToken cancellationToken)
    {
        var liveCount = file.Kind is KitFile.Kinds.BadgeCount or KitFile.Kinds.BadgeJson ? campaign.KitShowsLiveCount : file.ShowsCount;
        var inputs = string.Join('\n', KitLinks.VersionOf(campaign), baseUrl, liveCount,
            liveCount ? string.Join(' ', campaign.SignatureCount, campaign.Goal, campaign.NextGoal) : "");
        var cached = cache.Get(campaign.Id, fileName, language);
        if (cached is not null && (cached.Inputs == inputs
            || (file.Kind == KitFile.Kinds.Preview && clock.GetElapsedTime(cached.DrawnAt) < PreviewFreshness)))
        {
            return cached.Image;
        }
        var logo = file.NeedsLogo && campaign.LogoVersion is not null
            ? await db.CampaignLogos.AsNoTracking().Where(l => l.CampaignId == campaign.Id)
                .Select(l => new KitLogo(l.ContentType, l.Content)).FirstOrDefaultAsync(cancellationToken)
            : null;
        var words = KitWords.For(campaign, language, baseUrl, kitText, sharedText);
        var content = Draw(file, words, liveCount, GoalProgress.Of(campaign), logo);
        var now = clock.GetUtcNow();
        var image = new KitImage(content, file.ContentType, $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..32]}\"",
            new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero));
        cache.Set(campaign.Id, fileName, language, inputs, image);
        return image;
    }

    public static byte[] Draw(KitFile file, KitWords words, bool liveCount, GoalProgress progress, KitLogo? logo)
    {
        var message = liveCount ? words.BadgeCount : words.Signed;
        if (file.Kind == KitFile.Kinds.BadgeJson)
        {
            // The shields.io "endpoint" schema; shields takes a colour as hex without its "#".
            return JsonSerializer.SerializeToUtf8Bytes(new { schemaVersion = 1, label = words.ShortTitle, message, color = words.Accent.TrimStart('#') }, Json);
        }
        var svg = file.Kind switch
        {
            KitFile.Kinds.Badge or KitFile.Kinds.BadgeCount => Badge.Draw(words.ShortTitle, message, words.Accent),
            KitFile.Kinds.Qr => QrCode.Draw(words.CampaignAddress, $"QR code — {words.CampaignAddressShown}"),
            KitFile.Kinds.Mark => SlideMark.Draw(file.Ratio, file.Dark, file.WithQr, words, logo),
            KitFile.Kinds.Thermometer => Thermometer.Draw(words, progress),
            _ => PreviewImage.Draw(words, logo),
        };
        return file.Format == "svg"
            ? System.Text.Encoding.UTF8.GetBytes(svg.ToString())
            : svg.ToPng(file.Scale);
    }

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };
}
