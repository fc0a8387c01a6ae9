namespace Ralliement.Shared;

/// <summary>
/// Absolute links put in emails. The base comes from the <c>PublicBaseUrl</c> setting; without it,
/// from the request, which the <c>AllowedHosts</c> setting must then restrict, or a forged Host
/// header could send a signer's link to someone else's site.
/// </summary>
public sealed record PublicLinks(string BaseUrl)
{
    public static PublicLinks For(HttpRequest request, IConfiguration configuration) =>
        new((configuration["PublicBaseUrl"] is { Length: > 0 } configured
            ? configured
            : $"{request.Scheme}://{request.Host}{request.PathBase}").TrimEnd('/'));

    public string Campaign(string language, string slug) => $"{BaseUrl}/{language}/c/{Uri.EscapeDataString(slug)}";

    public string Confirm(string language, string token) => $"{BaseUrl}/{language}/confirm/{token}";

    public string Withdraw(string language, string token) => $"{BaseUrl}/{language}/withdraw/{token}";

    /// <summary>Where a signer types their address to receive a <see cref="MySignature"/> link.</summary>
    public string MySignatureRequest(string language, string slug) => $"{Campaign(language, slug)}/my-signature";

    public string MySignature(string language, string token) => $"{BaseUrl}/{language}/my-signature/{token}";

    public string Unsubscribe(string language, string token) => $"{BaseUrl}/{language}/unsubscribe/{token}";
}
