using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Ralliement.AntiAbuse;
using Ralliement.Campaigns;
using Ralliement.Signing;

namespace Ralliement.SelfService;

/// <summary>
/// Where a signer types their address to receive the link to their signature. Every answer to a
/// well-formed address is the same page with the same status, signed or not: the page must not
/// tell anyone whether an address signed. No antiforgery token, as on the signing form: the page is
/// the same for every visitor, cross-site posts are refused by <see cref="WebSecurity"/>, and the
/// emailed link is what proves the signer.
/// </summary>
[IgnoreAntiforgeryToken]
[OutputCache(PolicyName = PublicPageCaching.Policy)]
// Each POST may send an email: limited per client network, like the organisers' link requests.
[EnableRateLimiting(RateLimits.LinksPolicy)]
public sealed class RequestLinkModel(
    ReadCampaign readCampaign, RequestSignatureLink requestLink, IConfiguration configuration, IOptions<SigningOptions> signingOptions) : PageModel
{
    public ReadCampaign.View Campaign { get; private set; } = null!;
    public string Email { get; private set; } = "";
    public FormErrors Errors { get; private set; } = FormErrors.None;
    public bool Sent { get; private set; }
    /// <summary>How long an address waits between two emails about one text, whatever they say.</summary>
    public int RepeatMinutes => (int)Math.Ceiling(signingOptions.Value.RepeatMailInterval.TotalMinutes);

    public async Task<IActionResult> OnGetAsync([FromRoute] string lang, [FromRoute] string slug, CancellationToken cancellationToken)
    {
        var campaign = await readCampaign.HandleAsync(slug, lang, cancellationToken);
        if (campaign is null)
        {
            return NotFound();
        }
        Campaign = campaign;
        return Page();
    }

    // Read by hand, as the signing form is: an unparsable body is a plain 400, not a silent null.
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var lang = (string)RouteData.Values["lang"]!;
        var slug = (string)RouteData.Values["slug"]!;
        var (posted, refusal) = await PostedForm.ReadAsync(Request, cancellationToken);
        if (posted is null)
        {
            return refusal!;
        }
        var campaign = await readCampaign.HandleRecentAsync(slug, lang, cancellationToken);
        if (campaign is null)
        {
            return NotFound();
        }
        Campaign = campaign;
        var typed = posted["Email"].ToString();
        if (typed.Length > EmailAddress.MaxLength * 4 || !EmailAddress.TryParse(typed, out var email))
        {
            Email = typed.Length > EmailAddress.MaxLength * 4 ? "" : typed;
            Errors = new FormErrors { { "Email", "RequestInvalidEmail" } };
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        await requestLink.HandleAsync(campaign, email!, PublicLinks.For(Request, configuration), cancellationToken);
        // The address typed is not written back: the answer is the same page for every address.
        Sent = true;
        return Page();
    }
}
