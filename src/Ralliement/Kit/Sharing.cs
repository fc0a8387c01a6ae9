using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Ralliement.Campaigns;

namespace Ralliement.Kit;

/// <summary>
/// Sharing a campaign without a tracker: the sentence and the link, by email (<c>mailto:</c>) or on the
/// fediverse. The fediverse has no address that works for every server, so the visitor names their
/// own instance and is sent to its <c>/share?text=</c> page, which Mastodon and the servers that copy
/// it understand (mastodon/mastodon#442). No parameter is added to the campaign's link.
/// </summary>
public static partial class Sharing
{
    /// <summary>Longer than any host name (253), with room for a scheme and a user.</summary>
    public const int MaxInstanceLength = 320;

    /// <summary>The organisers' sentence in the page's language, else the default one naming the short title.</summary>
    public static string Message(ReadCampaign.View campaign, IStringLocalizer<KitText> text) =>
        campaign.KitMessage is { Length: > 0 } message ? message : text["DefaultMessage", KitWording.ShortTitle(campaign)];

    /// <param name="link">The campaign's absolute address.</param>
    public static string Mailto(ReadCampaign.View campaign, IStringLocalizer<KitText> text, string link) =>
        "mailto:?subject=" + Uri.EscapeDataString(text["MailSubject", KitWording.ShortTitle(campaign)])
        + "&body=" + Uri.EscapeDataString(Message(campaign, text) + "\r\n" + link);

    /// <summary>The instance's share page, with the sentence and the link as the post's text.</summary>
    public static string FediverseAddress(string instance, string message, string link) =>
        $"https://{instance}/share?text=" + Uri.EscapeDataString(message + " " + link);

    /// <summary>
    /// The host of a fediverse instance as people write it: <c>mastodon.social</c>,
    /// <c>https://mastodon.social/</c> (or a profile's address on it), <c>@user@mastodon.social</c>;
    /// null for anything else, including addresses and local names that are not a public host.
    /// </summary>
    public static string? InstanceOf(string? typed)
    {
        var text = typed?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxInstanceLength)
        {
            return null;
        }
        string host;
        if (text.StartsWith('@'))
        {
            var parts = text.Split('@');
            if (parts.Length != 3 || parts[1].Length == 0)
            {
                return null;
            }
            host = parts[2];
        }
        else if (text.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
                || uri.UserInfo.Length > 0 || !uri.IsDefaultPort || uri.Query.Length > 0 || uri.Fragment.Length > 0
                || !(uri.AbsolutePath == "/" || ProfilePath().IsMatch(uri.AbsolutePath)))
            {
                return null;
            }
            host = uri.IdnHost;
        }
        else
        {
            host = text.TrimEnd('/');
        }
        return HostName(host);
    }

    /// <summary>A public DNS name in ASCII and lower case (international names in their xn-- form), else null.</summary>
    private static string? HostName(string host)
    {
        host = host.TrimEnd('.');
        if (host.Length == 0 || IPAddress.TryParse(host, out _))
        {
            return null;
        }
        try
        {
            host = new IdnMapping().GetAscii(host).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }
        return host.Length <= 253 && DnsName().IsMatch(host) ? host : null;
    }

    /// <summary>At least two labels of letters, digits and inner hyphens, the last starting with a letter (xn-- included).</summary>
    [GeneratedRegex("^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$")]
    private static partial Regex DnsName();

    /// <summary>A profile's address, as copied from a browser: /@user.</summary>
    [GeneratedRegex("^/@[A-Za-z0-9_.-]+/?$")]
    private static partial Regex ProfilePath();
}
