using System.Globalization;
using Microsoft.Extensions.Localization;
using Ralliement.Campaigns;

namespace Ralliement.Kit;

/// <summary>Everything a kit image writes, in the language of its address, worked out once from the campaign.</summary>
public sealed record KitWords
{
    /// <summary>The badge's colour and the count's when the collective sets none readable under white text.</summary>
    public const string DefaultAccent = "#7a1f2b";

    public required string Title { get; init; }
    public required string ShortTitle { get; init; }
    public required string Signed { get; init; }
    public required string Collective { get; init; }
    public required string Accent { get; init; }
    public required string CampaignAddress { get; init; }

    /// <summary>The address without its scheme, as a slide prints it.</summary>
    public required string CampaignAddressShown { get; init; }

    /// <summary>The count written for the language: "1 234" with a narrow no-break space in French.</summary>
    public required string Count { get; init; }

    /// <summary>"confirmed signatures", after <see cref="Count"/>.</summary>
    public required string CountWords { get; init; }

    /// <summary>"1 234 signatures", the live badge's message.</summary>
    public required string BadgeCount { get; init; }

    /// <summary>Where the count stands against the goal, as the campaign page says it; null without a goal.</summary>
    public string? Goal { get; init; }

    public static KitWords For(ReadCampaign.View campaign, string language, string baseUrl, IStringLocalizer<KitText> kitText, IStringLocalizer<Text> sharedText)
    {
        var address = new KitLinks(baseUrl, campaign.Language, campaign.Slug, "").Campaign;
        var count = campaign.SignatureCount;
        var progress = GoalProgress.Of(campaign);
        string Signatures(int n) => $"{Number(n, language)}\u00a0{sharedText[Languages.SignaturesKey(n)]}";
        var goal = progress.Target is int target
            ? sharedText[progress.TowardsNextGoal ? "NextGoalShare" : "GoalShare", progress.Percent, Signatures(target)].Value
            : progress.Reached is int reached ? sharedText["GoalReached", Signatures(reached)].Value : null;
        return new KitWords
        {
            Title = campaign.Title,
            ShortTitle = KitWording.ShortTitle(campaign),
            Signed = kitText["Signed"],
            Collective = campaign.Organisation.Name,
            Accent = AccentColour.ForPublicPages(campaign.Organisation.AccentColour) ?? DefaultAccent,
            CampaignAddress = address,
            CampaignAddressShown = address.Contains("://", StringComparison.Ordinal) ? address[(address.IndexOf("://", StringComparison.Ordinal) + 3)..] : address,
            Count = Number(count, language),
            CountWords = sharedText[Languages.SignaturesKey(count)],
            BadgeCount = kitText[Languages.CountKey("BadgeCount", count), Number(count, language)],
            Goal = goal,
        };
    }

    /// <summary>Thousands grouped as the language writes them: "1 234" (U+202F) in French, "1,234" in English.</summary>
    public static string Number(int value, string language) =>
        value.ToString("N0", CultureInfo.InvariantCulture).Replace(",", language == "fr" ? "\u202f" : ",", StringComparison.Ordinal);
}
