using Microsoft.Extensions.Localization;
using Ralliement.Campaigns;

namespace Ralliement.Kit;

/// <summary>
/// Asks for the visitor's fediverse instance and sends them to its share page with the campaign's
/// sentence and link. The instance lives in the form and the query only: nothing stores or logs it,
/// and the page is not cached, so no copy of an answer naming it is kept.
/// </summary>
[PolicyAllows("form-action", "https:")]
public sealed class ShareModel(ReadCampaign readCampaign, IConfiguration configuration, IStringLocalizer<KitText> kitText) : PageModel
{
    public ReadCampaign.View Campaign { get; private set; } = null!;
    public string Instance { get; private set; } = "";
    public FormErrors Errors { get; private set; } = FormErrors.None;

    /// <summary>The text the instance's share page will hold: the sentence, then the link.</summary>
    public string Message { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync([FromRoute] string lang, [FromRoute] string slug, [FromQuery] string? instance, CancellationToken cancellationToken)
    {
        var campaign = await readCampaign.HandleAsync(slug, lang, cancellationToken);
        if (campaign is null)
        {
            return NotFound();
        }
        Campaign = campaign;
        var link = KitLinks.For(campaign, PublicLinks.For(Request, configuration).BaseUrl).Campaign;
        var sentence = Sharing.Message(campaign, kitText);
        Message = sentence + " " + link;
        if (instance is null)
        {
            return Page();
        }
        if (Sharing.InstanceOf(instance) is not { } host)
        {
            Instance = instance.Length > Sharing.MaxInstanceLength ? "" : instance;
            Errors = new FormErrors { { "instance", "ShareInstanceInvalid" } };
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Response.Headers.Location = Sharing.FediverseAddress(host, sentence, link);
        return StatusCode(StatusCodes.Status303SeeOther);
    }
}
