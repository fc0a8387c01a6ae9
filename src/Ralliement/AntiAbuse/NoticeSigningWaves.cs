using System.Globalization;
using Microsoft.Extensions.Localization;
using Ralliement.Mail;
using Ralliement.Organisers;

namespace Ralliement.AntiAbuse;

/// <summary>
/// Tells a campaign's moderators that a wave started and its new signatures are being held: one
/// email each, in French and English (organisers have no language of their own), with the link to
/// the moderation queue, and one audit entry by "system". Runs apart from the signers' requests.
/// </summary>
public sealed partial class NoticeSigningWaves(
    WatchSigningWaves waves, IServiceScopeFactory scopes, Outbox outbox, IStringLocalizer<AntiAbuseText> text, ILogger<NoticeSigningWaves> logger)
    : BackgroundService
{
    /// <summary>The roles whose members moderate signatures: today owners and moderators.</summary>
    private static readonly OrganisationRole[] Moderators = Enum.GetValues<OrganisationRole>()
        .Where(role => OrganisationAccess.Grants(role, OrganisationPermission.ModerateSignatures))
        .ToArray();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var wave in waves.Started.ReadAllAsync(stoppingToken))
        {
            try
            {
                await NoticeAsync(wave, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The holds are in force whatever happens here; only the notice is lost. Caught
                // broadly: a failure escaping a background service would stop the whole host.
                LogNoticeFailed(logger, exception, wave.CampaignId);
            }
        }
    }

    private async Task NoticeAsync(WatchSigningWaves.Wave wave, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RalliementDb>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var campaign = await db.Campaigns.AsNoTracking()
            .Where(c => c.Id == wave.CampaignId)
            .Select(c => new { c.Id, c.Slug, c.OrganisationId, Organisation = c.Organisation.Slug })
            .FirstOrDefaultAsync(cancellationToken);
        if (campaign is null)
        {
            return;
        }
        var emails = await db.Memberships.AsNoTracking()
            .Where(m => m.OrganisationId == campaign.OrganisationId && Moderators.Contains(m.Role) && m.Organiser.Email != null)
            .Select(m => m.Organiser.Email!)
            .ToListAsync(cancellationToken);
        var (subject, body) = Compose(wave, campaign.Slug, campaign.Organisation);
        foreach (var email in emails)
        {
            outbox.Add(db, email, subject, body, OutboxPriority.Organiser);
        }
        db.AuditLog.Add(new AuditEntry
        {
            OrganisationId = campaign.OrganisationId,
            Actor = "system",
            Action = wave.Kind == HoldReason.DomainWave ? "campaign.domain-wave-hold" : "campaign.network-wave-hold",
            Target = $"campaign:{campaign.Id}",
            Details = $"until={wave.Until.UtcDateTime:O}" + (wave.Domain is null ? "" : $" domain={wave.Domain}"),
            At = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
        LogWaveNoticed(logger, campaign.Id, wave.Kind, emails.Count);
    }

    private (string Subject, string Body) Compose(WatchSigningWaves.Wave wave, string slug, string organisation)
    {
        var subjects = new List<string>();
        var bodies = new List<string>();
        var culture = CultureInfo.CurrentUICulture;
        try
        {
            foreach (var language in new[] { "fr", "en" })
            {
                CultureInfo.CurrentUICulture = new CultureInfo(language);
                var until = wave.Until.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
                var queue = $"{wave.BaseUrl}/{language}/organiser/{organisation}/moderation?campaign={wave.CampaignId}"
                    + (wave.Domain is null ? "" : $"&domain={Uri.EscapeDataString(wave.Domain)}");
                subjects.Add(text["WaveNoticeSubject", slug]);
                bodies.Add(string.Join("\n\n",
                    wave.Kind == HoldReason.DomainWave ? text["DomainWaveNotice", slug, wave.Domain!] : text["NetworkWaveNotice", slug],
                    text["WaveNoticeHold", until],
                    text["WaveNoticeQueue", queue]));
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
        return (string.Join(" / ", subjects), string.Join("\n\n-- \n\n", bodies));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wave on campaign {CampaignId}: new signatures held ({Kind}); {Moderators} moderators noticed.")]
    private static partial void LogWaveNoticed(ILogger logger, int campaignId, HoldReason kind, int moderators);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not notice the moderators of campaign {CampaignId} of a wave; its signatures are held all the same.")]
    private static partial void LogNoticeFailed(ILogger logger, Exception exception, int campaignId);
}
