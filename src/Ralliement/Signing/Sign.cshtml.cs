using Microsoft.AspNetCore.OutputCaching;
using Ralliement.AntiAbuse;
using Ralliement.Campaigns;

namespace Ralliement.Signing;

/// <summary>
/// The signing form on its own page, and where it is posted. No antiforgery token: the page must
/// stay the same for every visitor, so cross-site posts are refused by <see cref="WebSecurity"/>,
/// and the emailed link is what proves the signer.
/// </summary>
[IgnoreAntiforgeryToken]
[OutputCache(PolicyName = PublicPageCaching.Policy)]
public sealed class SignModel(ReadCampaign readCampaign, SignCampaign signCampaign, IConfiguration configuration) : PageModel
{
    /// <summary>A full queue empties in well under a second; a few seconds spreads the retries out.</summary>
    private const string RetryAfterSeconds = "5";

    public SignFormView Form { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromRoute] string lang, [FromRoute] string slug, CancellationToken cancellationToken)
    {
        var campaign = await readCampaign.HandleAsync(slug, lang, cancellationToken);
        if (campaign is null)
        {
            return NotFound();
        }
        Form = new SignFormView(campaign, new SignerDetails.Form(), FormErrors.None);
        return Page();
    }

    // The form is read by hand rather than model-bound: when a body cannot be parsed as a form,
    // binding silently leaves every parameter null, where this says 400 plainly.
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var lang = (string)RouteData.Values["lang"]!;
        var slug = (string)RouteData.Values["slug"]!;
        var (posted, refusal) = await PostedForm.ReadAsync(Request, cancellationToken);
        if (posted is null)
        {
            return refusal!;
        }
        var input = SignerDetails.Form.Read(posted);
        var campaign = await readCampaign.HandleRecentAsync(slug, lang, cancellationToken);
        if (campaign is null)
        {
            return NotFound();
        }
        var result = await signCampaign.HandleAsync(
            new SignCampaign.Request(campaign, input, ClientNetwork.Of(HttpContext), PublicLinks.For(Request, configuration)), cancellationToken);
        if (result.Outcome == SignCampaign.Outcome.Accepted)
        {
            // 303: the browser fetches the next page with GET, so reloading it never posts the form again.
            Response.Headers.Location = $"/{lang}/c/{Uri.EscapeDataString(slug)}/check-your-inbox";
            return StatusCode(StatusCodes.Status303SeeOther);
        }
        Form = new SignFormView(campaign, input, result.Errors);
        switch (result.Outcome)
        {
            case SignCampaign.Outcome.TooMany:
                Response.Headers.RetryAfter = RateLimits.RetryAfterSeconds(result.RetryAfter ?? TimeSpan.FromMinutes(1));
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                break;
            case SignCampaign.Outcome.Busy:
                // Answered at once, with what was typed kept, rather than left to time out at the peak.
                Response.Headers.RetryAfter = RetryAfterSeconds;
                Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                break;
            default:
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                break;
        }
        return Page();
    }
}
