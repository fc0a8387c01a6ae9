using System.Globalization;
using System.Text;

namespace Ralliement.Shared;

/// <summary>
/// An email address as a signer types it, checked and normalised. Hand-written rather than taken
/// from <c>System.Net.Mail.MailAddress</c> or MimeKit because both accept display names, comments,
/// quoted local parts and dotless domains, which are never what someone means in a signing form,
/// and neither gives the de-duplication key. Follows RFC 5321 (lengths, dot-atom) with RFC 6531
/// (UTF-8 local parts) and IDNA for internationalised domains (<see cref="IdnMapping"/>).
/// </summary>
public sealed record EmailAddress
{
    public const int MaxLength = 254;
    private const int MaxLocalPartLength = 64;
    private const string AtomSymbols = "!#$%&'*+-/=?^_`{|}~";
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    /// <summary>Providers known to deliver to one mailbox whatever dots its local part has.</summary>
    private static readonly Dictionary<string, string> DotlessProviders = new(StringComparer.Ordinal)
    {
        ["gmail.com"] = "gmail.com",
        ["googlemail.com"] = "gmail.com",
    };

    private EmailAddress(string address, string key)
    {
        Address = address;
        Key = key;
        Canonical = CanonicalOf(key);
    }

    /// <summary>The address to write to: trimmed, Unicode NFC, domain in lower case (Unicode form kept).</summary>
    public string Address { get; }

    /// <summary>The form that identifies one mailbox for de-duplication: case-insensitive, ASCII domain.</summary>
    public string Key { get; }

    /// <summary>
    /// One form for every way of writing one mailbox: the key without a plus-tag (<c>ana+news@</c> is
    /// <c>ana@</c>), and without dots where the provider ignores them (<c>a.na@gmail.com</c>). Only
    /// rules that hold for everyone are applied, so two real signers never share a form.
    /// </summary>
    public string Canonical { get; }

    /// <summary>The domain in ASCII (IDNA), as in <see cref="Key"/>.</summary>
    public string Domain => Key[(Key.LastIndexOf('@') + 1)..];

    /// <summary>
    /// A domain typed by a moderator (<c>@Bücher.example</c>) in the form stored in
    /// <see cref="Data.Signature.EmailDomain"/> (<c>xn--bcher-kva.example</c>), or null when it is none.
    /// </summary>
    public static string? DomainKeyOf(string? typed)
    {
        var domain = typed?.Trim().TrimStart('@').TrimEnd('.').ToLowerInvariant();
        if (string.IsNullOrEmpty(domain) || domain.Length > 255)
        {
            return null;
        }
        try
        {
            return Idn.GetAscii(domain);
        }
        catch (ArgumentException)
        {
            // Not a domain name at all: it matches nothing, as any unknown domain would.
            return domain;
        }
    }

    /// <summary>The canonical form of a de-duplication key (<see cref="Key"/>).</summary>
    public static string CanonicalOf(string key)
    {
        var at = key.LastIndexOf('@');
        var local = key[..at];
        var domain = key[(at + 1)..];
        var plus = local.IndexOf('+', StringComparison.Ordinal);
        if (plus > 0)
        {
            local = local[..plus];
        }
        if (DotlessProviders.TryGetValue(domain, out var provider))
        {
            local = local.Replace(".", "", StringComparison.Ordinal);
            domain = provider;
        }
        return $"{local}@{domain}";
    }

    /// <summary>For addresses known to be valid; throws <see cref="FormatException"/> otherwise.</summary>
    public static EmailAddress Parse(string input) =>
        TryParse(input, out var address) ? address! : throw new FormatException("Not an email address a signer could use.");

    public static bool TryParse(string? input, out EmailAddress? address)
    {
        address = null;
        if (string.IsNullOrWhiteSpace(input) || !TypedText.IsWellFormed(input))
        {
            return false;
        }
        var text = input.Trim().Normalize(NormalizationForm.FormC);
        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1)
        {
            return false;
        }
        var local = text[..at];
        var domain = text[(at + 1)..].TrimEnd('.').ToLowerInvariant();
        if (Encoding.UTF8.GetByteCount(local) > MaxLocalPartLength || !IsDotAtom(local))
        {
            return false;
        }
        string asciiDomain;
        try
        {
            asciiDomain = Idn.GetAscii(domain);
        }
        catch (ArgumentException)
        {
            return false;
        }
        var labels = asciiDomain.Split('.');
        if (labels.Length < 2 || labels[^1].All(char.IsAsciiDigit) || labels.Any(l => l.Length is 0 or > 63))
        {
            return false;
        }
        var normalised = $"{local}@{domain}";
        if (Encoding.UTF8.GetByteCount($"{local}@{asciiDomain}") > MaxLength)
        {
            return false;
        }
        // Local parts are case-sensitive in theory (RFC 5321 §2.4) and never in practice; treating them
        // as case-insensitive is what stops the same person from signing twice as Ana@ and ana@.
        address = new EmailAddress(normalised, $"{local.ToLowerInvariant()}@{asciiDomain}");
        return true;
    }

    private static bool IsDotAtom(string local)
    {
        if (local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }
        foreach (var rune in local.EnumerateRunes())
        {
            var ok = rune.IsAscii
                ? char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value == '.' || AtomSymbols.Contains((char)rune.Value)
                : Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    public override string ToString() => Address;
}
