using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;

namespace Ralliement.Shared;

/// <summary>
/// The languages of the interface. The language is the first segment of every page's path
/// (<c>/fr/…</c>, <c>/en/…</c>), so a page's URL names its content and can be cached as is.
/// </summary>
public static class Languages
{
    public const string Default = "fr";
    public static readonly IReadOnlyList<string> Supported = ["fr", "en"];

    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName is var l && Supported.Contains(l) ? l : Default;

    public static bool IsSupported(string? language) => language is not null && Supported.Contains(language);

    /// <summary>The language a request asks for: the first segment of its path, or of the path that failed when an error page is shown.</summary>
    public static string Of(HttpContext context)
    {
        var path = context.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? context.Features.Get<IExceptionHandlerPathFeature>()?.Path
            ?? context.Request.Path.Value
            ?? "";
        var segment = path.TrimStart('/').Split('/', 2)[0];
        return IsSupported(segment) ? segment : Default;
    }

    /// <summary>The resource key for "N signatures": French puts 0 in the singular, English does not.</summary>
    public static string SignaturesKey(int count) => CountKey("Signature", count);

    /// <summary><paramref name="stem"/> + <c>Singular</c> or <c>Plural</c> for <paramref name="count"/> in the current language (French: 0 and 1 singular).</summary>
    public static string CountKey(string stem, long count) =>
        stem + (count == 1 || (count == 0 && Current == "fr") ? "Singular" : "Plural");

    /// <summary>The same path in another language.</summary>
    public static string Switch(string path, string language)
    {
        var rest = path.TrimStart('/').Split('/', 2);
        return IsSupported(rest[0]) ? $"/{language}/{(rest.Length > 1 ? rest[1] : "")}" : $"/{language}/";
    }
}

/// <summary>Matches only the languages Ralliement is written in, so <c>/de/…</c> is a 404.</summary>
public sealed class LanguageRouteConstraint : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && Languages.IsSupported(value as string);
}
