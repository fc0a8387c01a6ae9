using Microsoft.AspNetCore.OutputCaching;

namespace Ralliement.Api;

/// <summary>The API's reference page, written from its OpenAPI document.</summary>
[OutputCache(PolicyName = PublicPageCaching.Policy)]
public sealed class ReferenceModel(ApiReference reference, IConfiguration configuration) : PageModel
{
    public ApiReference.Document Reference { get; private set; } = null!;

    /// <summary>This site's address, which the examples call.</summary>
    public string Origin { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Reference = await reference.HandleAsync(cancellationToken);
        Origin = PublicLinks.For(Request, configuration).BaseUrl;
    }

    /// <summary>An operation's path with the example's values: the example campaign, French, version 1.</summary>
    public string Example(string path) => path
        .Replace("{slug}", Uri.EscapeDataString(Reference.ExampleSlug ?? "slug"), StringComparison.Ordinal)
        .Replace("{org}", Uri.EscapeDataString(Reference.ExampleOrganisation ?? "org"), StringComparison.Ordinal)
        .Replace("{lang}", "fr", StringComparison.Ordinal)
        .Replace("{number}", "1", StringComparison.Ordinal);
}
