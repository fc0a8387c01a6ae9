using System.Globalization;
using Microsoft.Extensions.Localization;
using Ralliement.Campaigns;
using Ralliement.Kit;
using Ralliement.Organisers;

namespace Ralliement.Editing;

/// <summary>
/// The display kit's settings (<see cref="EditKit"/>) and a preview of each item it offers signers,
/// drawn by the organisers' preview images, which show a draft too.
/// </summary>
[Authorize(Policy = OrganisationAccess.Policy.EditCampaigns)]
public sealed class KitModel(ReadCampaignSettings readSettings, ReadCampaign readCampaign, EditKit editKit, IStringLocalizer<KitText> kitText) : EditorPageModel(readSettings)
{
    /// <summary>What the kit says in one language when its inputs are left empty.</summary>
    public sealed record Wording(string Language, string ShortTitleFallback, string DefaultMessage);

    /// <summary>What the form shows: the saved settings, or what was typed when a post was refused.</summary>
    public EditKit.Form Kit { get; private set; } = new();

    /// <summary>One for each language the campaign is written in, its main one first.</summary>
    public IReadOnlyList<Wording> Wordings { get; private set; } = [];

    /// <summary>The campaign as its kit shows it, as saved: in the page's language, or else its main one.</summary>
    public ReadCampaign.View Shown { get; private set; } = null!;

    /// <summary>The kit's public addresses, in the language of <see cref="Shown"/>.</summary>
    public KitLinks Links { get; private set; } = null!;

    public bool Published => Campaign.Campaign.State != CampaignState.Draft;

    /// <summary>The organisers' preview of a kit image: its public address, under the campaign's address here.</summary>
    public string Preview(string publicAddress) => $"{CampaignPath}/kit{publicAddress[Links.Root.Length..]}";

    public async Task<IActionResult> OnGetAsync(string lang, int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(lang, id, cancellationToken) || !await LoadKitAsync(lang, cancellationToken))
        {
            return NotFound();
        }
        Kit = EditKit.Form.Of(Campaign.Campaign);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string lang, int id, [FromForm(Name = "Kit")] EditKit.Form form, CancellationToken cancellationToken)
    {
        Kit = form;
        var answer = await AnswerAsync(lang, id, "kit", await editKit.HandleAsync(Organisation, id, form, cancellationToken), cancellationToken);
        return answer is PageResult && !await LoadKitAsync(lang, cancellationToken) ? NotFound() : answer;
    }

    private async Task<bool> LoadKitAsync(string lang, CancellationToken cancellationToken)
    {
        var texts = Campaign.Campaign.Texts
            .OrderBy(t => t.Language == Campaign.Campaign.DefaultLanguage ? 0 : 1).ThenBy(t => t.Language, StringComparer.Ordinal)
            .ToList();
        if (texts.Count == 0 || await readCampaign.HandleAsync(Campaign.Campaign.Slug, lang, cancellationToken, includeDraft: true) is not { } view)
        {
            return false;
        }
        Shown = view;
        Links = KitLinks.For(view);
        Wordings = [.. texts.Select(t =>
        {
            var shortTitle = KitWording.Shorten(t.Title, CampaignLimits.ShortTitle);
            return new Wording(t.Language, shortTitle, DefaultMessageIn(t.Language, t.ShortTitle is { Length: > 0 } set ? set : shortTitle));
        })];
        return true;
    }

    /// <summary>The kit's own sentence in <paramref name="language"/>, whatever the page's language.</summary>
    private string DefaultMessageIn(string language, string shortTitle)
    {
        var page = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
            return kitText["DefaultMessage", shortTitle];
        }
        finally
        {
            CultureInfo.CurrentUICulture = page;
        }
    }
}
