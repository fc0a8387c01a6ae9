using System.Security.Cryptography;
using System.Text;
using Ralliement.Campaigns;

namespace Ralliement.Kit;

/// <summary>
/// The addresses of a campaign's display kit in one language: its page, the page a website frames,
/// the fediverse share page, and each image. Everything lives under <c>/{lang}/c/{slug}/kit</c>.
/// <para>
/// Images that do not show the count carry <c>?v=</c> and <see cref="Version"/>: a hash of what they
/// are drawn from, so a browser or a mail client may keep that address for a year, and a new label,
/// logo or colour gets a new address. Images with the count (live badge, thermometer, preview) are
/// kept 5 minutes and revalidated with their <c>ETag</c>.
/// </para>
/// </summary>
/// <param name="BaseUrl">Absolute base (<see cref="PublicLinks.BaseUrl"/>) for snippets pasted elsewhere; "" for links within the site.</param>
public sealed record KitLinks(string BaseUrl, string Language, string Slug, string Version)
{
    /// <summary>Raised when the drawings change, so addresses kept for a year move to the new ones.</summary>
    public const string DrawingRevision = "1";

    public static KitLinks For(ReadCampaign.View campaign, string baseUrl = "") =>
        new(baseUrl, campaign.Language, campaign.Slug, VersionOf(campaign));

    /// <summary>What the fixed images are drawn from, hashed: title, label, collective, colour, logo, language.</summary>
    public static string VersionOf(ReadCampaign.View campaign)
    {
        var inputs = string.Join('\n', DrawingRevision, campaign.Language, campaign.Title, campaign.ShortTitle ?? "",
            campaign.Organisation.Name, campaign.Organisation.AccentColour ?? "", campaign.LogoVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(inputs)))[..12];
    }

    /// <summary>The campaign's own page, where every "sign" link leads.</summary>
    public string Campaign => $"{BaseUrl}/{Language}/c/{Uri.EscapeDataString(Slug)}";

    public string Root => $"{Campaign}/kit";

    /// <summary>The "display your support" page.</summary>
    public string Page => Root;

    /// <summary>The card a website frames (<c>frame-ancestors *</c> on this route only).</summary>
    public string Card(bool dark = false) => $"{Root}/card" + (dark ? "?theme=dark" : "");

    /// <summary>The page that asks for a fediverse instance and sends the visitor to its share page.</summary>
    public string FediverseShare => $"{Root}/share";

    /// <param name="scale">1 or 2 for PNG; ignored for SVG.</param>
    public string Badge(bool live, string format, int scale = 1) =>
        Image((live ? "badge-count" : "badge") + Scale(format, scale) + "." + format, versioned: !live);

    /// <summary>The count in the shields.io "endpoint" schema.</summary>
    public string BadgeJson => $"{Root}/badge.json";

    /// <param name="ratio">"16x9" or "4x3".</param>
    /// <param name="dark">A light mark for dark slides.</param>
    public string Mark(string ratio, bool dark, bool qr, string format) =>
        Image($"mark-{ratio}-{(dark ? "dark" : "light")}{(qr ? "-qr" : "")}.{format}", versioned: true);

    public string Qr(string format) => Image($"qr.{format}", versioned: true);

    /// <summary>The count and progress as an image, for sites that refuse frames.</summary>
    public string Thermometer(string format) => Image($"thermometer.{format}", versioned: false);

    /// <summary>The 1200×630 link preview (Open Graph, Twitter card).</summary>
    public string Preview => Image("preview.png", versioned: false);

    private string Image(string file, bool versioned) => $"{Root}/{file}" + (versioned ? $"?v={Version}" : "");

    private static string Scale(string format, int scale) => format == "png" && scale == 2 ? "@2x" : "";
}
