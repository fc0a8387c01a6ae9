using Microsoft.AspNetCore.OutputCaching;
using Ralliement.Organisers;

namespace Ralliement.Editing;

/// <summary>
/// Stores a campaign's logo. Only PNG, JPEG and WebP are accepted, recognised by their first bytes
/// whatever the browser claims. SVG is refused on purpose: it is a document that can carry scripts
/// and links, and served from our own origin it would need a sanitiser we would have to trust with
/// every visitor; a raster image carries nothing but pixels.
/// </summary>
public sealed class UploadCampaignLogo(RalliementDb db, Audit audit, TimeProvider clock, IOutputCacheStore publicPages)
{
    public enum Outcome { Saved, NotFound, Refused, TooLarge }

    public sealed record Result(Outcome Outcome, string? Reason = null);

    public async Task<Result> HandleAsync(OrganisationContext organisation, int campaignId, IFormFile? file, CancellationToken cancellationToken)
    {
        var campaign = await db.CampaignsOf(organisation).Select(c => new { c.Id }).FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return new Result(Outcome.NotFound);
        }
        if (file is null || file.Length == 0)
        {
            return new Result(Outcome.Refused, "LogoMissing");
        }
        if (file.Length > CampaignLogo.MaxBytes)
        {
            return new Result(Outcome.TooLarge, "LogoTooLarge");
        }
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken);
        }
        if (ContentTypeOf(content) is not { } contentType)
        {
            return new Result(Outcome.Refused, "LogoNotAnImage");
        }
        var logo = await db.CampaignLogos.FirstOrDefaultAsync(l => l.CampaignId == campaign.Id, cancellationToken);
        if (logo is null)
        {
            logo = new CampaignLogo { CampaignId = campaign.Id, ContentType = contentType, Content = content };
            db.CampaignLogos.Add(logo);
        }
        (logo.ContentType, logo.Content, logo.UpdatedAt) = (contentType, content, clock.GetUtcNow().UtcDateTime);
        audit.Record(organisation, "campaign.logo", $"campaign:{campaign.Id}", $"{contentType}, {content.Length} bytes");
        await db.SaveAndRefreshPublicPagesAsync(publicPages, cancellationToken);
        return new Result(Outcome.Saved);
    }

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public async Task<CampaignLogo?> ReadAsync(OrganisationContext organisation, int campaignId, CancellationToken cancellationToken) =>
        await db.CampaignLogos.AsNoTracking()
            .Where(l => l.CampaignId == campaignId && db.CampaignsOf(organisation).Any(c => c.Id == l.CampaignId))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The image format named by the file's signature, or null for anything else.</summary>
    public static string? ContentTypeOf(ReadOnlySpan<byte> content)
    {
        // PNG: 89 50 4E 47 0D 0A 1A 0A, then the IHDR chunk (ISO/IEC 15948, 5.2 and 11.2.2).
        if (content.Length > 24 && content[..8].SequenceEqual(PngSignature) && content[12..16].SequenceEqual("IHDR"u8))
        {
            return "image/png";
        }
        // JPEG: a start-of-image marker FF D8 followed by another marker FF xx (ITU T.81, B.1.1.3).
        if (content.Length > 4 && content[0] == 0xFF && content[1] == 0xD8 && content[2] == 0xFF)
        {
            return "image/jpeg";
        }
        // WebP: a RIFF container whose form type is WEBP (RFC 9649, 2.5).
        if (content.Length > 16 && content[..4].SequenceEqual("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }
        return null;
    }
}
