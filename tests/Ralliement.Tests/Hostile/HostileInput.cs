using System.Globalization;
using System.Text;

namespace Ralliement.Tests.Hostile;

/// <summary>
/// What an attacker types or sends: random text and known-bad pieces, combined at random. Every piece of
/// markup carries <see cref="Marker"/>, so that a page showing it as markup can be told apart from the
/// site's own HTML (<see cref="MarkupCheck"/>).
/// </summary>
public static class HostileInput
{
    public const string Marker = "fzx";

    public static readonly string[] Markup =
    [
        $"<script>{Marker}(1)</script>", $"<img src={Marker} onerror={Marker}(2)>", $"\"><svg onload={Marker}(3)>",
        $"' onmouseover={Marker}(4) x='", $"\" onfocus={Marker}(5) autofocus x=\"", $"<{Marker}-tag {Marker}-attr=1>",
        $"javascript:{Marker}(6)", $"<a href=\"javascript:{Marker}(7)\">lien</a>", $"<iframe src=//{Marker}.example>",
        $"[clic](javascript:{Marker}(8))", $"<b {Marker}=1>gras</b>", $"</textarea><script>{Marker}(9)</script>",
        $"</title><script>{Marker}(10)</script>", $"<style>body{{background:url({Marker})}}</style>", $"{{{{{Marker}}}}}",
        $"<!--{Marker}-->", $"<math><mtext><table><mglyph><style><img src={Marker} onerror={Marker}(11)>",
    ];

    public static readonly string[] Pieces =
    [
        "'; DROP TABLE \"Signatures\";--", "' OR '1'='1", "1; SELECT pg_sleep(5)--", "\" OR 1=1 --", "%' --", "\\",
        "../../../../etc/passwd", "..\\..\\windows\\win.ini", "/./././", "%2e%2e%2f", "file:///etc/passwd",
        "\u202E", "\u202Egnp.exe", "\u200B", "\uFEFF", "\u0000", "\u0007", "\u001B[31m", "\r\n", "\r\nSet-Cookie: x=1", "\t",
        "\uD800", "\uDFFF", "💥", "e\u0301", "Ǆ", "İ", "ß", "\u0600", "𝕏",
        "2147483648", "-2147483649", "9223372036854775808", "-1", "0", "1e308", "NaN", "-0", "0x7fffffff", "99999999999999999999999999",
        "true", "false", "on", "null", "undefined", "[]", "{}", "=HYPERLINK(\"http://x\")", "+cmd", "@SUM(1)",
        // Addresses at .invalid (RFC 2606), which the search of the logs for the tests' addresses leaves
        // out: the fuzzer sends them in URLs, which the framework logs, on purpose.
        "zed@fuzz.invalid", "zed+tag@fuzz.invalid", "\"a b\"@fuzz.invalid", "a@[127.0.0.1]", "@", "@@", "a@b@c",
        "%00", "%zz", "%", "&", "=", "&=&", "?", "#", "/", "%C0%AF", "${jndi:ldap://x}", "{{7*7}}", "<%= 7*7 %>",
        "Zed", "Université", "fr", "en", "",
    ];

    public static readonly string[] Numbers =
        ["1", "2", "0", "-1", "-2147483648", "2147483647", "2147483648", "9223372036854775807", "9223372036854775808", "1.5", "1e9", "abc", "", "٣", "１"];

    /// <summary>A value: a mix of hostile pieces, markup and random characters, sometimes very long.</summary>
    public static string Value(Random random)
    {
        var text = new StringBuilder();
        var parts = random.Next(1, 4);
        for (var i = 0; i < parts; i++)
        {
            text.Append(random.Next(6) switch
            {
                0 or 1 => Pick(random, Markup),
                2 or 3 => Pick(random, Pieces),
                4 => Pick(random, Numbers),
                _ => RandomText(random, random.Next(1, 40)),
            });
        }
        if (random.Next(25) == 0)
        {
            // Overlong: past every field's limit, still under the 64 KB body limit most of the time.
            text.Append(new string(Pick(random, ['a', 'é', '<', '9']), random.Next(300, 12_000)));
        }
        return text.ToString();
    }

    /// <summary>Random code points from all planes, including controls and lone surrogates' neighbours.</summary>
    public static string RandomText(Random random, int length)
    {
        var text = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            var codePoint = random.Next(4) switch
            {
                0 => random.Next(0x20, 0x7F),
                1 => random.Next(0, 0x20),
                2 => random.Next(0xA0, 0xD800),
                _ => random.Next(0xE000, 0x10FFFF),
            };
            text.Append(char.ConvertFromUtf32(codePoint));
        }
        return text.ToString();
    }

    /// <summary>Percent-escaped as a browser would, or broken: invalid UTF-8 sequences and bad escapes.</summary>
    public static string Escape(Random random, string text) => random.Next(8) switch
    {
        0 => Percent(text) + Pick(random, InvalidUtf8Escapes),
        1 => Pick(random, InvalidUtf8Escapes) + Percent(text),
        _ => Percent(text),
    };

    /// <summary>
    /// Percent-escapes the UTF-8 of the text, as a browser does. Unlike Uri.EscapeDataString it never
    /// throws: a lone surrogate becomes U+FFFD, as the encoder makes it.
    /// </summary>
    public static string Percent(string text)
    {
        var escaped = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                escaped.Append((char)b);
            }
            else
            {
                escaped.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return escaped.ToString();
    }

    /// <summary>Percent escapes of bytes that are not UTF-8: lone continuation bytes, overlong forms, surrogates, truncations.</summary>
    public static readonly string[] InvalidUtf8Escapes = ["%FF", "%FE%FF", "%C3%28", "%C0%AF", "%E0%80%AF", "%ED%A0%80", "%F4%90%80%80", "%C3", "%E2%82", "%80", "%zz", "%"];

    /// <summary>Raw bytes that are not UTF-8, for bodies sent as they are.</summary>
    public static readonly byte[][] InvalidUtf8Bytes = [[0xFF], [0xC3, 0x28], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xE2, 0x82]];

    public static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public static string Text(long number) => number.ToString(CultureInfo.InvariantCulture);
}
