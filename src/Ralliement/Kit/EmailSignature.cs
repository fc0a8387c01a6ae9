using System.Text;
using Ralliement.Campaigns;

namespace Ralliement.Kit;

/// <summary>
/// The block a signer pastes under their emails: the hosted badge linked to the campaign, their name
/// and role if they give them, and the campaign's short title as a link; and the same as plain text.
/// Mail clients are strict: Outlook lays HTML out with Word (tables, no SVG), Gmail and Outlook drop
/// <c>data:</c> images, and every client keeps only inline styles. So one small table, inline styles,
/// and a PNG at an absolute address. Kept under <see cref="MaxBytes"/>, far below Gmail's 10,000
/// characters, so it never pushes a short email into a client's "message clipped". The name and the
/// role are only put in the answer: nothing keeps them.
/// </summary>
public static class EmailSignature
{
    public const int MaxBytes = 1500;
    public const int MaxNameLength = 60;
    public const int MaxRoleLength = 80;

    // Ink and link colours readable on the white of most mail clients; the kit page's preview uses
    // the same link colour (site.css, .default-links) when the collective has none of its own.
    private const string Ink = "#333333";
    private const string DefaultLink = "#1a5fb4";


    /// <param name="Html">The block's source, in UTF-8 at most <see cref="MaxBytes"/> bytes for the inputs a page accepts.</param>
    /// <param name="Text">The plain-text signature, for clients that send text only.</param>
    public sealed record Block(string Html, string Text);

    /// <summary>What the block is made of, for a page to show it as it will look, from the same parts.</summary>
    /// <param name="BadgeUrl">The 1× PNG, absolute.</param>
    /// <param name="Link">The campaign's address, absolute.</param>
    /// <param name="LinkColour">The collective's colour if readable on white, else a plain blue.</param>
    public sealed record Parts(string? Name, string? Role, string ShortTitle, string Link, string BadgeUrl, int BadgeWidth, int BadgeHeight, string BadgeAlt, string LinkColour);

    /// <param name="links">With an absolute base: the block is pasted far from this site.</param>
    /// <param name="badgeWidth">The 1× badge's width in pixels, so clients reserve its place before it loads.</param>
    /// <param name="badgeAlt">What the badge says, for those who do not load images.</param>
    public static Parts PartsOf(ReadCampaign.View campaign, KitLinks links, string? name, string? role, int badgeWidth, string badgeAlt) => new(
        name, role, KitWording.ShortTitle(campaign), links.Campaign, links.Badge(live: false, "png"), badgeWidth, 20, badgeAlt,
        AccentColour.ForPublicPages(campaign.Organisation.AccentColour) ?? DefaultLink);

    /// <param name="line">The plain-text line, "I signed “{0}”: {1}" in the signer's language.</param>
    public static Block Render(Parts parts, string line)
    {
        var html = new StringBuilder();
        html.Append($"<table cellpadding=\"0\" cellspacing=\"0\" border=\"0\" role=\"presentation\" style=\"border-collapse:collapse;font-family:Arial,Helvetica,sans-serif;font-size:13px;line-height:1.4;color:{Ink};\">");
        if (parts.Name is not null || parts.Role is not null)
        {
            html.Append("<tr><td style=\"padding:0 0 6px;\">");
            if (parts.Name is not null)
            {
                html.Append($"<strong>{Encode(parts.Name)}</strong>");
            }
            if (parts.Name is not null && parts.Role is not null)
            {
                html.Append("<br>");
            }
            if (parts.Role is not null)
            {
                html.Append(Encode(parts.Role));
            }
            html.Append("</td></tr>");
        }
        var link = Encode(parts.Link);
        html.Append($"<tr><td style=\"padding:0 0 4px;\"><a href=\"{link}\"><img src=\"{Encode(parts.BadgeUrl)}\" width=\"{parts.BadgeWidth}\" height=\"{parts.BadgeHeight}\" alt=\"{Encode(parts.BadgeAlt)}\" style=\"display:block;border:0;\"></a></td></tr>");
        html.Append($"<tr><td><a href=\"{link}\" style=\"color:{parts.LinkColour};\">{Encode(parts.ShortTitle)}</a></td></tr>");
        html.Append("</table>");

        var text = new StringBuilder();
        if (parts.Name is not null || parts.Role is not null)
        {
            text.AppendLine(string.Join(" · ", new[] { parts.Name, parts.Role }.OfType<string>()));
        }
        text.Append(string.Format(System.Globalization.CultureInfo.InvariantCulture, line, parts.ShortTitle, parts.Link));
        return new Block(html.ToString(), text.ToString());
    }

    /// <summary>
    /// Text put in HTML that a visitor pastes elsewhere, in a quoted attribute or an element: only the
    /// five characters that matter there are escaped, so an accented name or a narrow no-break space
    /// stays as short and as readable as it was typed.
    /// </summary>
    public static string Encode(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal);

    public static bool Fits(Block block) => Encoding.UTF8.GetByteCount(block.Html) <= MaxBytes;

    /// <summary>
    /// The name and role as typed, cleaned, or what is wrong with them (keys of <see cref="KitText"/>).
    /// Both are optional; a block that would pass <see cref="MaxBytes"/> (a name made of
    /// characters HTML must escape) is refused rather than cut.
    /// </summary>
    public static FormErrors Check(string typedName, string typedRole, out string? name, out string? role)
    {
        var errors = new FormErrors();
        name = Clean(typedName, MaxNameLength, "Name", errors);
        role = Clean(typedRole, MaxRoleLength, "Role", errors);
        return errors;
    }

    private static string? Clean(string typed, int maxLength, string field, FormErrors errors)
    {
        var text = TypedText.Normalise(typed);
        if (text is null)
        {
            return null;
        }
        if (text.Length > maxLength)
        {
            errors.Add(field, "SignatureTooLong", maxLength);
        }
        else if (TypedText.HasForbiddenCharacters(text))
        {
            errors.Add(field, "SignatureForbiddenCharacters");
        }
        return text;
    }
}
