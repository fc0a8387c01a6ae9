using Microsoft.AspNetCore.OutputCaching;
using Ralliement.Organisers;

namespace Ralliement.Editing;

/// <summary>
/// The display kit's settings: in each language the campaign is written in, the badge label (short
/// title) and the sentence put in shared posts and emails; and whether badges may show the live count.
/// An input left empty stores nothing, so the kit falls back to its own wording (<see cref="Kit.KitWording"/>).
/// </summary>
public sealed class EditKit(RalliementDb db, Audit audit, IOutputCacheStore publicPages)
{
    /// <summary>The form, its texts by language: <c>Kit.ShortTitle[fr]</c>, <c>Kit.Message[en]</c>.</summary>
    public sealed class Form
    {
        public Dictionary<string, string?> ShortTitle { get; set; } = [];
        public Dictionary<string, string?> Message { get; set; } = [];
        public bool ShowsLiveCount { get; set; }

        public string? ShortTitleIn(string language) => ShortTitle.GetValueOrDefault(language);

        public string? MessageIn(string language) => Message.GetValueOrDefault(language);

        public static Form Of(Campaign campaign) => new()
        {
            ShortTitle = campaign.Texts.ToDictionary(t => t.Language, t => t.ShortTitle),
            Message = campaign.Texts.ToDictionary(t => t.Language, t => t.KitMessage),
            ShowsLiveCount = campaign.KitShowsLiveCount,
        };
    }

    public async Task<EditResult> HandleAsync(OrganisationContext organisation, int campaignId, Form form, CancellationToken cancellationToken)
    {
        var campaign = await db.CampaignsOf(organisation).Include(c => c.Texts)
            .FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return EditResult.NotFound;
        }
        var errors = new FormErrors();
        var typed = campaign.Texts.OrderBy(t => t.Language == campaign.DefaultLanguage ? 0 : 1).ThenBy(t => t.Language, StringComparer.Ordinal).Select(text => (
            Text: text,
            ShortTitle: Check(form.ShortTitleIn(text.Language), "ShortTitle", text.Language, CampaignLimits.ShortTitle, errors),
            // A sentence is one line, whatever the text area it was typed in wrapped it into.
            Message: Check(OneLine(form.MessageIn(text.Language)), "Message", text.Language, CampaignLimits.KitMessage, errors)))
            .ToList();
        if (errors.Any)
        {
            return EditResult.Refused(errors);
        }

        var changed = new List<string>();
        foreach (var (text, shortTitle, message) in typed)
        {
            (text.ShortTitle, text.KitMessage) = (shortTitle, message);
            changed.AddRange(db.Entry(text).Properties.Where(p => p.IsModified).Select(p => $"{p.Metadata.Name} {text.Language}"));
        }
        campaign.KitShowsLiveCount = form.ShowsLiveCount;
        if (db.Entry(campaign).Property(c => c.KitShowsLiveCount).IsModified)
        {
            changed.Add(nameof(Campaign.KitShowsLiveCount));
        }
        if (changed.Count == 0)
        {
            return EditResult.Did();
        }
        audit.Record(organisation, "campaign.kit", $"campaign:{campaign.Id}", string.Join(", ", changed));
        await db.SaveAndRefreshPublicPagesAsync(publicPages, cancellationToken);
        return EditResult.Did("Kit");
    }

    /// <returns>The text trimmed, or null when empty.</returns>
    /// <remarks>A refusal is said under the field <c>{what}_{language}</c> by the key <c>Kit{what}…_{language}</c>, which names the language.</remarks>
    private static string? Check(string? input, string what, string language, int maxLength, FormErrors errors)
    {
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (text.Any(char.IsControl))
        {
            errors.Add($"{what}_{language}", $"Kit{what}Control_{language}");
        }
        else if (text.Length > maxLength)
        {
            errors.Add($"{what}_{language}", $"Kit{what}TooLong_{language}", maxLength, text.Length);
        }
        return text;
    }

    private static string? OneLine(string? input) =>
        input is null ? null : string.Join(' ', input.Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
