using Ralliement.Campaigns;

namespace Ralliement.Demo;

/// <summary>
/// On an empty database, creates a demo organisation and an open sample manifesto in French and
/// English, so that the first <c>dotnet run</c> shows something to sign. Turned off with <c>Demo:Seed=false</c>.
/// </summary>
public static class DemoCampaign
{
    public const string Slug = "objection-ia-generative";

    public static async Task SeedDemoAsync(this IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var configuration = scope.ServiceProvider.GetRequiredService<IConfiguration>();
        if (!configuration.GetValue("Demo:Seed", true))
        {
            return;
        }
        var db = scope.ServiceProvider.GetRequiredService<RalliementDb>();
        if (await db.Organisations.AnyAsync())
        {
            return;
        }
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var organisation = new Organisation
        {
            Slug = "collectif-demo",
            Name = "Collectif de démonstration",
            ContactEmail = "contact@example.org",
            RetentionMonths = 12,
        };
        var campaign = new Campaign
        {
            Organisation = organisation,
            Slug = Slug,
            Kind = CampaignKind.Manifesto,
            State = CampaignState.Open,
            DefaultLanguage = "fr",
            Goal = 1000,
            CreatedAt = now,
        };
        foreach (var language in new[] { "fr", "en" })
        {
            campaign.Texts.Add(Text(language));
        }
        var labels = new[] { "fr", "en" }.ToDictionary(l => l, l => Lines(Read($"commitments.{l}.txt")));
        for (var i = 0; i < labels["fr"].Count; i++)
        {
            var commitment = new Commitment { Position = i + 1 };
            commitment.Labels.AddRange(labels.Select(l => new CommitmentLabel { Language = l.Key, Text = l.Value[i] }));
            campaign.Commitments.Add(commitment);
        }
        db.Campaigns.Add(campaign);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            // Another node sharing the database seeded it first: one demo is enough.
        }
    }

    /// <summary>The manifesto files hold the title on their first line, the summary on the third, then the body.</summary>
    private static CampaignText Text(string language)
    {
        var lines = Read($"manifesto.{language}.md").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var body = string.Join('\n', lines.Skip(4)).Trim();
        return new CampaignText
        {
            Language = language,
            Title = lines[0].TrimStart('#', ' ').Trim(),
            Summary = lines[2].Trim(),
            BodyMarkdown = body,
            BodyHtml = CampaignMarkdown.ToSafeHtml(body),
        };
    }

    private static List<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static string Read(string name)
    {
        using var stream = typeof(DemoCampaign).Assembly.GetManifestResourceStream($"Ralliement.Demo.{name}")
            ?? throw new InvalidOperationException($"The demo resource {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
