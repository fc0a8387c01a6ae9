using System.Net;
using System.Text.RegularExpressions;

namespace Ralliement.Tests.Hostile;

/// <summary>
/// What a clear refusal is, stated once for every hostile test: an HTML page in French or English, whose
/// first heading names the problem, with at least one sentence of explanation besides it. A bare status,
/// an empty body or a framework's plain-text message is not clear to a person.
/// </summary>
public static partial class ClearRefusal
{
    /// <summary>Why the response is not a clear refusal, or null when it is one (or is not a refusal).</summary>
    public static string? Problem(HttpResponseMessage response, string body, bool isHead)
    {
        var status = (int)response.StatusCode;
        if (status is < 400 or > 499 || isHead)
        {
            return null;
        }
        if (response.RequestMessage?.RequestUri?.AbsolutePath.StartsWith("/api/", StringComparison.Ordinal) == true
            && response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            // The count API answers programs: an RFC 9457 problem, whose title a developer reads.
            return body.Contains("\"title\":", StringComparison.Ordinal) ? null : $"{status} problem without a title";
        }
        if (response.Content.Headers.ContentType?.MediaType != "text/html")
        {
            return $"{status} is not an HTML page ({response.Content.Headers.ContentType?.MediaType ?? "no type"}, {body.Length} characters)";
        }
        if (!Language().IsMatch(body))
        {
            return $"{status} page has no language";
        }
        var heading = Heading().Match(body);
        if (!heading.Success || Text(heading.Groups[1].Value).Length < 3)
        {
            return $"{status} page has no heading naming the problem";
        }
        var main = MainContent().Match(body);
        var explanation = Text(main.Success ? main.Groups[1].Value : body).Replace(Text(heading.Groups[1].Value), "", StringComparison.Ordinal);
        return explanation.Length < 20 ? $"{status} page explains nothing besides its heading" : null;
    }

    /// <summary>
    /// Kestrel refuses some requests itself, before any of the app's code runs, with an empty body: a
    /// NUL byte in the path (400) and a request line over its 8 KB limit (414). No page can be shown
    /// for them; they are counted apart, never as server errors.
    /// </summary>
    public static bool RefusedByKestrel(HttpRequestMessage request, HttpResponseMessage response, string body)
    {
        if (body.Length > 0 || response.Headers.Contains("Content-Security-Policy"))
        {
            return false;
        }
        var target = request.RequestUri!.PathAndQuery;
        return response.StatusCode switch
        {
            HttpStatusCode.BadRequest => request.RequestUri.AbsolutePath.Contains("%00", StringComparison.Ordinal),
            HttpStatusCode.RequestUriTooLong => request.Method.Method.Length + target.Length + 12 > 8 * 1024,
            _ => false,
        };
    }

    private static string Text(string html) => WebUtility.HtmlDecode(Whitespace().Replace(Tags().Replace(html, " "), " ")).Trim();

    [GeneratedRegex(@"<html lang=""(fr|en)"">")]
    private static partial Regex Language();

    [GeneratedRegex(@"<h1\b[^>]*>(.*?)</h1>", RegexOptions.Singleline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"<main\b[^>]*>(.*?)</main>", RegexOptions.Singleline)]
    private static partial Regex MainContent();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
