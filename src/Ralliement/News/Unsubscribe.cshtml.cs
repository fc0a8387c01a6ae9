using Ralliement.Campaigns;

namespace Ralliement.News;

/// <summary>
/// The unsubscribe link of news emails. Opening it shows a button, because mail scanners open every
/// link; pressing the button, or a mail client's one-click unsubscribe (RFC 8058: a POST with
/// <c>List-Unsubscribe=One-Click</c>, from anywhere and without a form token), stops news.
/// </summary>
[IgnoreAntiforgeryToken(Order = 1001)]
public sealed class UnsubscribeModel(UnsubscribeFromNews unsubscribe, ReadCampaign readCampaign) : PageModel
{
    public ReadCampaign.View? Campaign { get; private set; }
    public bool Done { get; private set; }
    public string? Slug { get; private set; }

    // The token and language are read from the path rather than bound: binding skips every parameter
    // when the body cannot be read (a mail client's one-click POST may carry any body), which left the
    // token null and answered 500 (found by the fuzz test).
    private string Token => RouteData.Values["token"] as string ?? "";

    private string Language => RouteData.Values["lang"] as string ?? Languages.Default;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var (lang, token) = (Language, Token);
        if (await unsubscribe.CampaignSlugAsync(token, cancellationToken) is not { } slug)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Slug = slug;
        Campaign = await readCampaign.HandleAsync(slug, lang, cancellationToken);
        return Page();
    }

    /// <summary>The same answer whether news was on, already off, or the signature withdrawn.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (lang, token) = (Language, Token);
        var slug = await unsubscribe.CampaignSlugAsync(token, cancellationToken);
        if (!await unsubscribe.HandleAsync(token, cancellationToken))
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Slug = slug;
        Campaign = slug is null ? null : await readCampaign.HandleAsync(slug, lang, cancellationToken);
        Done = true;
        return Page();
    }
}
