using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Localization;
using Ralliement.Campaigns;

namespace Ralliement.Kit;

/// <summary>
/// "Display your support": a campaign's badges, email signature, slide marks, QR code, website card
/// and ways to share, each with a preview, a snippet to copy and a download. The same page for every
/// visitor, so it is cached like the campaign page. Its one form, the email signature's name and
/// role, changes nothing and keeps nothing: the answer is that signature, never cached, and the
/// name and role are neither stored nor logged. No antiforgery token, as on the signing form (the
/// cached page cannot carry one); <see cref="WebSecurity"/> still refuses cross-site posts.
/// </summary>
[IgnoreAntiforgeryToken]
[PolicyAllows("frame-src", "'self'")]
[OutputCache(PolicyName = PublicPageCaching.Policy)]
public sealed class KitModel(ReadCampaign readCampaign, IConfiguration configuration, IStringLocalizer<KitText> kitText) : PageModel
{
    public ReadCampaign.View Campaign { get; private set; } = null!;

    /// <summary>Addresses within the site, for the previews.</summary>
    public KitLinks Local { get; private set; } = null!;

    /// <summary>Absolute addresses, for what is pasted elsewhere.</summary>
    public KitLinks Absolute { get; private set; } = null!;

    public string Name { get; private set; } = "";
    public string Role { get; private set; } = "";
    public FormErrors Errors { get; private set; } = FormErrors.None;
    public EmailSignature.Parts Signature { get; private set; } = null!;
    public EmailSignature.Block SignatureBlock { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromRoute] string lang, [FromRoute] string slug, CancellationToken cancellationToken)
    {
        var campaign = await readCampaign.HandleAsync(slug, lang, cancellationToken);
        if (campaign is null)
        {
            return NotFound();
        }
        Show(campaign, null, null);
        return Page();
    }

    // Read by hand, as the signing form is: an unparsable body is a plain 400, not a silent null.
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // The answer holds what the visitor typed: no browser or proxy keeps it.
        Response.Headers.CacheControl = "no-store";
        var (posted, refusal) = await PostedForm.ReadAsync(Request, cancellationToken);
        if (posted is null)
        {
            return refusal!;
        }
        var campaign = await readCampaign.HandleRecentAsync((string)RouteData.Values["slug"]!, (string)RouteData.Values["lang"]!, cancellationToken);
        if (campaign is null)
        {
            return NotFound();
        }
        var typedName = posted["Name"].ToString();
        var typedRole = posted["Role"].ToString();
        Errors = EmailSignature.Check(typedName, typedRole, out var name, out var role);
        if (Errors.Any)
        {
            Keep(typedName, typedRole);
            Show(campaign, null, null);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        Name = name ?? "";
        Role = role ?? "";
        Show(campaign, name, role);
        if (!EmailSignature.Fits(SignatureBlock))
        {
            Errors = new FormErrors { { "", "SignatureTooLarge" } };
            Show(campaign, null, null);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        return Page();
    }

    /// <summary>What was typed goes back in the form, even refused; a body far past any limit is not worth writing back.</summary>
    private void Keep(string typedName, string typedRole)
    {
        Name = typedName.Length > EmailSignature.MaxNameLength * 4 ? "" : typedName;
        Role = typedRole.Length > EmailSignature.MaxRoleLength * 4 ? "" : typedRole;
    }

    private void Show(ReadCampaign.View campaign, string? name, string? role)
    {
        Campaign = campaign;
        Local = KitLinks.For(campaign);
        Absolute = KitLinks.For(campaign, PublicLinks.For(Request, configuration).BaseUrl);
        var signed = kitText["Signed"].Value;
        var shortTitle = KitWording.ShortTitle(campaign);
        Signature = EmailSignature.PartsOf(campaign, Absolute, name, role, Badge.Width(shortTitle, signed), kitText["BadgeAlt", shortTitle, signed]);
        SignatureBlock = EmailSignature.Render(Signature, kitText["SignatureLine"]);
    }
}
