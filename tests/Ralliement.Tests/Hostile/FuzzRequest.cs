using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using static Ralliement.Tests.Hostile.HostileInput;

namespace Ralliement.Tests.Hostile;

/// <summary>What a page's forms offer: their fields (with the values the page put in them), where they post, and the antiforgery token.</summary>
public sealed partial record PageForms(IReadOnlyList<KeyValuePair<string, string>> Fields, IReadOnlyList<string> Actions, string? Token)
{
    public static readonly PageForms None = new([], [], null);

    /// <summary>The forms of a page at a path; only actions that post back to the same path are kept (the layout's logout form is fuzzed on its own).</summary>
    public static PageForms Read(string html, string path)
    {
        var fields = Field().Matches(html)
            .Select(m => KeyValuePair.Create(WebUtility.HtmlDecode(m.Groups["name"].Value), WebUtility.HtmlDecode(FieldValue().Match(m.Value).Groups["value"].Value)))
            .Where(f => f.Key != "__RequestVerificationToken")
            .ToList();
        var actions = FormAction().Matches(html)
            .Select(m => WebUtility.HtmlDecode(m.Groups["action"].Value))
            .Where(a => a.Length == 0 || a.StartsWith('?') || a.Split('?')[0] == path)
            .Select(a => a.Length == 0 ? path : a.StartsWith('?') ? path + a : a)
            .Distinct()
            .ToList();
        var token = TokenField().Match(html);
        return new(fields, actions.Count > 0 ? actions : [path], token.Success ? WebUtility.HtmlDecode(token.Groups[1].Value) : null);
    }

    [GeneratedRegex(@"<(input|textarea|select)\b[^>]*\bname=""(?<name>[^""]+)""[^>]*>")]
    private static partial Regex Field();

    [GeneratedRegex(@"\bvalue=""(?<value>[^""]*)""")]
    private static partial Regex FieldValue();

    [GeneratedRegex(@"<form\b(?=[^>]*\bmethod=""post"")[^>]*?(?:\baction=""(?<action>[^""]*)"")?[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex FormAction();

    [GeneratedRegex(@"name=""__RequestVerificationToken"" type=""hidden"" value=""([^""]+)""")]
    private static partial Regex TokenField();
}

/// <summary>One generated request, described well enough to be replayed by hand from a failure report.</summary>
public static class FuzzRequest
{
    private static readonly string[] ExtraNames = ["q", "before", "after", "set", "page", "handler", "returnUrl", "email", "Email", "token", "id", "lang", "culture", "Code", "Password", "Name", "Slug", "__proto__", "a[b]", "a[", "a]b[", "[", "x.y", ""];

    private static readonly string[] OtherMethods = ["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "CONNECT-ISH", "get"];

    private static readonly string[] WrongTypes = ["application/json", "text/plain", "application/xml", "text/html", "multipart/form-data; boundary=broken", "application/x-www-form-urlencoded; charset=iso-8859-1", "application/octet-stream", "image/png"];

    /// <summary>Builds the request and a one-line description of it for failure reports.</summary>
    public static (HttpRequestMessage Request, string Description) Build(Random random, string path, PageForms forms, string? foreignToken, int number)
    {
        var roll = random.Next(100);
        var method = roll switch
        {
            < 33 => "GET",
            < 87 => "POST",
            < 91 => "HEAD",
            _ => Pick(random, OtherMethods),
        };
        var target = method == "POST" ? Pick(random, forms.Actions) : path;
        if (method != "POST" || random.Next(5) == 0)
        {
            var query = string.Join('&', Enumerable.Range(0, random.Next(0, 4)).Select(_ => Escape(random, FieldName(random, forms)) + "=" + Escape(random, Value(random))));
            target += (target.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;
        }
        var request = new HttpRequestMessage(new HttpMethod(method), target);
        var description = new StringBuilder($"#{number} {method} {target}");
        if (method is "POST" or "PUT" or "PATCH" or "DELETE")
        {
            var fields = Fields(random, forms, number);
            AddToken(random, fields, forms.Token, foreignToken, description);
            request.Content = Body(random, fields, description);
        }
        AddHeaders(random, request, description);
        return (request, description.ToString());
    }

    private static string FieldName(Random random, PageForms forms) =>
        forms.Fields.Count > 0 && random.Next(3) > 0 ? Pick(random, forms.Fields).Key : Pick(random, ExtraNames);

    /// <summary>
    /// Either plausible fields with one or two hostile values (so that some get past validation and are
    /// stored), or hostile values everywhere, with extra fields the page does not have.
    /// </summary>
    private static List<KeyValuePair<string, string>> Fields(Random random, PageForms forms, int number)
    {
        var fields = new List<KeyValuePair<string, string>>();
        if (random.Next(10) < 4)
        {
            foreach (var (name, value) in forms.Fields)
            {
                fields.Add(KeyValuePair.Create(name, name switch
                {
                    _ when name.Contains("Email", StringComparison.OrdinalIgnoreCase) => $"fuzz.{number}@example.org",
                    _ when name.Contains("Consent", StringComparison.OrdinalIgnoreCase) || name is "ShowPublicly" or "AcceptsNews" => "true",
                    _ => value.Length > 0 ? value : "Fuzz",
                }));
            }
            for (var i = random.Next(1, 3); i > 0 && fields.Count > 0; i--)
            {
                var index = random.Next(fields.Count);
                if (!fields[index].Key.Contains("Email", StringComparison.OrdinalIgnoreCase))
                {
                    fields[index] = KeyValuePair.Create(fields[index].Key, Pick(random, Markup));
                }
            }
            return fields;
        }
        foreach (var (name, value) in forms.Fields.Where(_ => random.Next(3) > 0))
        {
            fields.Add(KeyValuePair.Create(name, random.Next(4) == 0 ? value : Value(random)));
        }
        for (var i = random.Next(0, 4); i > 0; i--)
        {
            fields.Add(KeyValuePair.Create(random.Next(3) == 0 ? RandomText(random, random.Next(1, 20)) : Pick(random, ExtraNames), Value(random)));
        }
        return fields;
    }

    private static void AddToken(Random random, List<KeyValuePair<string, string>> fields, string? token, string? foreignToken, StringBuilder description)
    {
        var roll = random.Next(20);
        var (sent, kind) = roll switch
        {
            < 14 when token is not null => (token, "own token"),
            < 16 when foreignToken is not null => (foreignToken, "another visitor's token"),
            < 18 => (Value(random), "garbage token"),
            _ => (null, "no token"),
        };
        if (sent is not null)
        {
            fields.Add(KeyValuePair.Create("__RequestVerificationToken", sent));
        }
        description.Append(" [").Append(kind).Append(']');
    }

    private static HttpContent Body(Random random, List<KeyValuePair<string, string>> fields, StringBuilder description)
    {
        var roll = random.Next(100);
        HttpContent content;
        string type;
        string shown;
        if (roll < 55)
        {
            shown = string.Join('&', fields.Select(f => Escape(random, f.Key) + "=" + Escape(random, f.Value)));
            content = new ByteArrayContent(Encoding.ASCII.GetBytes(shown));
            type = "application/x-www-form-urlencoded";
        }
        else if (roll < 67)
        {
            // Raw bytes that are not UTF-8 in the middle of an otherwise readable form.
            var bytes = new List<byte>();
            foreach (var (name, value) in fields)
            {
                bytes.AddRange(Encoding.ASCII.GetBytes(Percent(name) + "="));
                bytes.AddRange(Encoding.UTF8.GetBytes(value.Replace("&", "", StringComparison.Ordinal).Replace("=", "", StringComparison.Ordinal)));
                bytes.AddRange(Pick(random, InvalidUtf8Bytes));
                bytes.Add((byte)'&');
            }
            content = new ByteArrayContent([.. bytes]);
            type = "application/x-www-form-urlencoded";
            shown = Convert.ToHexString([.. bytes.Take(300)]);
        }
        else if (roll < 82)
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (name, value) in fields)
            {
                multipart.Add(new StringContent(value), HeaderSafe(name));
            }
            if (random.Next(2) == 0)
            {
                var file = new byte[random.Next(0, 4000)];
                random.NextBytes(file);
                multipart.Add(new ByteArrayContent(file), Pick(random, ["Logo", "File", "Upload", "x"]), Pick(random, ["logo.png", "../../etc/passwd", "a.csv", "<script>.svg", "\u202Egpj.exe"]));
            }
            description.Append(" multipart");
            return multipart;
        }
        else
        {
            type = Pick(random, WrongTypes);
            shown = type.StartsWith("application/json", StringComparison.Ordinal)
                ? System.Text.Json.JsonSerializer.Serialize(fields.GroupBy(f => f.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal))
                : string.Join('&', fields.Select(f => f.Key + "=" + f.Value));
            content = new ByteArrayContent(Encoding.UTF8.GetBytes(shown));
        }
        content.Headers.ContentType = MediaTypeHeaderValue.TryParse(type, out var parsed) ? parsed : null;
        description.Append(' ').Append(type).Append(' ').Append(shown.Length > 300 ? shown[..300] + "…" : shown);
        return content;
    }

    /// <summary>A part's name as HttpClient lets it be written: no quotes, no line breaks.</summary>
    private static string HeaderSafe(string name)
    {
        var safe = new string([.. name.Select(c => c < 0x20 || c == '"' || c == '\\' || c > 0x7E ? '_' : c)]);
        return safe.Length > 0 ? safe : "x";
    }

    private static void AddHeaders(Random random, HttpRequestMessage request, StringBuilder description)
    {
        switch (random.Next(12))
        {
            case 0:
                request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "cross-site");
                description.Append(" Sec-Fetch-Site: cross-site");
                break;
            case 1:
                request.Headers.TryAddWithoutValidation("Origin", "https://attacker.example");
                description.Append(" Origin: https://attacker.example");
                break;
            case 2:
                request.Headers.TryAddWithoutValidation("Accept-Language", Pick(random, ["xx-YY", "*;q=abc", "fr;q=2,en;q=-1", new string('a', 2000), "ar-SA-u-nu-arab"]));
                break;
            case 3:
                request.Headers.TryAddWithoutValidation("Accept", Pick(random, ["application/json", "*/*;q=0", "text/html;level=99999999999"]));
                break;
            default:
                break;
        }
    }
}
