using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Ralliement.Tests.Support;
using static Ralliement.Tests.Hostile.HostileInput;

namespace Ralliement.Tests.Hostile;

/// <summary>Who sends a fuzzed request: a visitor, the organisation's owner, or an owner who may sign out.</summary>
public enum Sender { Visitor, Owner, OwnerSigningOut }

/// <summary>
/// The endpoints the fuzzer drives, read from the app's own routes, and how to fill their route values:
/// usually with values that exist (the demo organisation and campaign), sometimes with hostile ones. A
/// route the app maps but this table lacks, or a route parameter without a generator, fails the fuzz
/// test, so that an endpoint added later is fuzzed as soon as it has a line here.
/// </summary>
public sealed class FuzzedEndpoints(Dictionary<string, Func<Random, string>> validValues)
{
    /// <summary>Every route pattern the app maps, and who the fuzzer sends to it.</summary>
    public static readonly Dictionary<string, Sender> Senders = new()
    {
        [""] = Sender.Visitor,
        ["error/{code:int}"] = Sender.Visitor,
        ["api/campaigns/{slug}/count"] = Sender.Visitor,
        ["api/v1/openapi.json"] = Sender.Visitor,
        ["api/v1/organisations"] = Sender.Visitor,
        ["api/v1/organisations/{org}"] = Sender.Visitor,
        ["api/v1/campaigns"] = Sender.Visitor,
        ["api/v1/campaigns/{slug}"] = Sender.Visitor,
        ["api/v1/campaigns/{slug}/count"] = Sender.Visitor,
        ["api/v1/campaigns/{slug}/versions"] = Sender.Visitor,
        ["api/v1/campaigns/{slug}/versions/{lang:lang}/{number:int}"] = Sender.Visitor,
        ["api/v1/campaigns/{slug}/signatories"] = Sender.Visitor,
        ["api/v1/campaigns/{slug}/stats"] = Sender.Visitor,
        ["healthz"] = Sender.Visitor,
        ["readyz"] = Sender.Visitor,
        ["api/proof-of-work"] = Sender.Visitor,
        ["c/{slug}/logo"] = Sender.Visitor,
        ["{lang:lang}"] = Sender.Visitor,
        ["{lang:lang}/c/{slug}"] = Sender.Visitor,
        ["{lang:lang}/c/{slug}/sign"] = Sender.Visitor,
        ["{lang:lang}/c/{slug}/check-your-inbox"] = Sender.Visitor,
        ["{lang:lang}/c/{slug}/signatories"] = Sender.Visitor,
        ["{lang:lang}/c/{slug}/privacy"] = Sender.Visitor,
        ["{lang:lang}/c/{slug}/legal"] = Sender.Visitor,
        ["{lang:lang}/c/{slug}/versions"] = Sender.Visitor,
        ["{lang:lang}/c/{slug}/versions/{version:int}"] = Sender.Visitor,
        ["{lang:lang}/c/{slug}/news"] = Sender.Visitor,
        ["{lang:lang}/c/{slug}/feed.atom"] = Sender.Visitor,
        ["{lang:lang}/o/{org}/feed.atom"] = Sender.Visitor,
        ["{lang:lang}/c/{slug}/my-signature"] = Sender.Visitor,
        ["{lang:lang}/c/{slug}/kit"] = Sender.Visitor,
        ["{lang:lang}/c/{slug}/kit/share"] = Sender.Visitor,
        [@"{lang:lang}/c/{slug}/kit/{file:regex(\.(svg|png|json)$)}"] = Sender.Visitor,
        ["{lang:lang}/c/{slug}/kit/card"] = Sender.Visitor,
        ["{lang:lang}/c/{slug}/stats"] = Sender.Visitor,
        ["{lang:lang}/c/{slug}/stats.json"] = Sender.Visitor,
        ["{lang:lang}/c/{slug}/stats.csv"] = Sender.Visitor,
        ["{lang:lang}/api"] = Sender.Visitor,
        ["{lang:lang}/my-signature/{token}"] = Sender.Visitor,
        ["{lang:lang}/o/{org}/privacy"] = Sender.Visitor,
        ["{lang:lang}/o/{org}/legal"] = Sender.Visitor,
        ["{lang:lang}/confirm/{token}"] = Sender.Visitor,
        ["{lang:lang}/withdraw/{token}"] = Sender.Visitor,
        ["{lang:lang}/unsubscribe/{token}"] = Sender.Visitor,
        ["{lang:lang}/organiser/login"] = Sender.Visitor,
        ["{lang:lang}/organiser/login/two-factor"] = Sender.Visitor,
        ["{lang:lang}/organiser/login/recovery"] = Sender.Visitor,
        ["{lang:lang}/organiser/forgot-password"] = Sender.Visitor,
        ["{lang:lang}/organiser/set-up"] = Sender.Visitor,
        ["{lang:lang}/organiser/invitation/{token}"] = Sender.Visitor,
        ["{lang:lang}/organiser/logout"] = Sender.OwnerSigningOut,
        ["{lang:lang}/organiser"] = Sender.Owner,
        ["{lang:lang}/organiser/account"] = Sender.Owner,
        ["{lang:lang}/organiser/account/two-factor"] = Sender.Owner,
        ["{lang:lang}/organiser/first-steps"] = Sender.Owner,
        ["{lang:lang}/organiser/new-organisation"] = Sender.Owner,
        ["{lang:lang}/organiser/{org}"] = Sender.Owner,
        ["{lang:lang}/organiser/{org}/members"] = Sender.Owner,
        ["{lang:lang}/organiser/{org}/settings"] = Sender.Owner,
        ["{lang:lang}/organiser/{org}/delete"] = Sender.Owner,
        ["{lang:lang}/organiser/{org}/audit"] = Sender.Owner,
        ["{lang:lang}/organiser/{org}/campaigns/new"] = Sender.Owner,
        ["{lang:lang}/organiser/{org}/campaigns/{id:int}"] = Sender.Owner,
        ["{lang:lang}/organiser/{org}/campaigns/{id:int}/edit"] = Sender.Owner,
        ["{lang:lang}/organiser/{org}/campaigns/{id:int}/commitments"] = Sender.Owner,
        ["{lang:lang}/organiser/{org}/campaigns/{id:int}/fields"] = Sender.Owner,
        ["{lang:lang}/organiser/{org}/campaigns/{id:int}/affiliations"] = Sender.Owner,
        ["{lang:lang}/organiser/{org}/campaigns/{id:int}/text/{language:lang}"] = Sender.Owner,
        ["{lang:lang}/organiser/{org}/campaigns/{id:int}/state"] = Sender.Owner,
        ["{lang:lang}/organiser/{org}/campaigns/{id:int}/logo"] = Sender.Owner,
        ["{lang:lang}/organiser/{org}/campaigns/{id:int}/kit"] = Sender.Owner,
        [@"{lang:lang}/organiser/{org}/campaigns/{id:int}/kit/{file:regex(\.(svg|png|json)$)}"] = Sender.Owner,
        ["{lang:lang}/organiser/{org}/campaigns/{id:int}/stats"] = Sender.Owner,
        ["{lang:lang}/organiser/{org}/campaigns/{id:int}/news"] = Sender.Owner,
        ["{lang:lang}/organiser/{org}/campaigns/{id:int}/news/{newsId:int}"] = Sender.Owner,
        ["{lang:lang}/organiser/{org}/moderation"] = Sender.Owner,
        ["{lang:lang}/organiser/{org}/moderation/wave"] = Sender.Owner,
        ["{lang:lang}/organiser/{org}/moderation/{id:long}"] = Sender.Owner,
        ["{lang:lang}/organiser/{org}/campaigns/{id:int}/import"] = Sender.Owner,
        ["{lang:lang}/organiser/{org}/campaigns/{id:int}/import/{importId:int}"] = Sender.Owner,
        ["{lang:lang}/organiser/{org}/campaigns/{id:int}/export"] = Sender.Owner,
        ["{lang:lang}/organiser/{org}/campaigns/{id:int}/export.csv"] = Sender.Owner,
        ["{lang:lang}/organiser/{org}/campaigns/{id:int}/export.json"] = Sender.Owner,
    };

    /// <summary>The route patterns the app maps, as written in their pages and endpoints.</summary>
    public static IReadOnlyList<RoutePattern> Mapped(RalliementApp app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern)
            .DistinctBy(Raw)
            .OrderBy(Raw, StringComparer.Ordinal)
            .ToList();

    public static string Raw(RoutePattern pattern) => pattern.RawText?.Trim('/') ?? "";

    /// <summary>What keeps a mapped route from being fuzzed: not in the table, or a parameter without a generator.</summary>
    public IEnumerable<string> Gaps(IEnumerable<RoutePattern> mapped)
    {
        foreach (var pattern in mapped)
        {
            if (!Senders.ContainsKey(Raw(pattern)))
            {
                yield return $"{Raw(pattern)}: no line in {nameof(FuzzedEndpoints)}.{nameof(Senders)}";
            }
            foreach (var parameter in pattern.Parameters.Where(p => !validValues.ContainsKey(p.Name)))
            {
                yield return $"{Raw(pattern)}: no generator for the route value {{{parameter.Name}}}";
            }
        }
    }

    /// <summary>A path for the pattern: every value valid, or (sometimes) one of them hostile.</summary>
    public string Path(RoutePattern pattern, Random random, bool allValid = false)
    {
        var hostile = !allValid && pattern.Parameters.Count > 0 && random.Next(6) == 0 ? random.Next(pattern.Parameters.Count) : -1;
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter when hostile >= 0 && pattern.Parameters[hostile].Name == parameter.Name => HostileRouteValue(random),
            RoutePatternParameterPart parameter => Percent(validValues[parameter.Name](random)),
            RoutePatternSeparatorPart separator => separator.Content,
            _ => throw new InvalidOperationException($"Unknown route part in {Raw(pattern)}"),
        })));
        return "/" + string.Join('/', segments);
    }

    private static string HostileRouteValue(Random random) => random.Next(4) switch
    {
        0 => Pick(random, Numbers),
        1 => Pick(random, ["..", "%2e%2e", "..%2F..%2Fetc%2Fpasswd", "%252e%252e", "%00", "de", "FR", "fr-FR", "%3Cscript%3E", "collectif-demo%00", "autre-collectif"]),
        _ => Escape(random, Value(random) is var value && value.Length > 200 ? value[..200] : value),
    };
}
