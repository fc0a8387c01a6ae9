using Microsoft.AspNetCore.Mvc.RazorPages;
using Ralliement.Data;
using Ralliement.Organisers;
using Ralliement.Signing;

namespace Ralliement.News;

/// <summary>What the two news pages share: the organisation, the campaign, the form and its errors.</summary>
public abstract class NewsPageModel(RalliementDb db) : OrganisationPageModel
{
    protected RalliementDb Db { get; } = db;

    public NewsCampaign Campaign { get; private set; } = null!;
    public NewsForm Form { get; protected set; } = new();
    public IReadOnlyList<FieldError> Errors { get; protected set; } = [];

    public string CampaignPath => $"/{Ralliement.Shared.Languages.Current}/organiser/{Organisation.Slug}/campaigns/{Campaign.Id}";

    protected async Task<bool> LoadCampaignAsync(string lang, int id, CancellationToken cancellationToken)
    {
        Campaign = (await NewsCampaign.FindAsync(Db, Organisation, id, lang, cancellationToken))!;
        return Campaign is not null;
    }

    /// <summary>Reads <c>Subject[fr]</c>, <c>Body[en]</c>… from the posted form.</summary>
    protected NewsForm ReadForm()
    {
        var form = new NewsForm();
        foreach (var language in Ralliement.Shared.Languages.Supported)
        {
            form.Subject[language] = Request.Form[$"Subject[{language}]"].FirstOrDefault();
            form.Body[language] = Request.Form[$"Body[{language}]"].FirstOrDefault();
        }
        return form;
    }
}
