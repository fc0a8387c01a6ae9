using System.Globalization;
using Ralliement.Organisers;

namespace Ralliement.Moderation;

/// <summary>
/// Rejects a wave of signatures at once: those of one campaign from one email domain and/or signed
/// within a time window, whether pending, held or already confirmed. The moderator sees how many
/// match before rejecting them.
/// </summary>
public sealed class MarkSpamWave(RalliementDb db, ModerateSignatures moderate)
{
    /// <summary>The form. Times are UTC.</summary>
    public sealed class Criteria
    {
        public int? Campaign { get; set; }
        public string? Domain { get; set; }
        public DateTime? From { get; set; }
        public DateTime? To { get; set; }

        public string? DomainKey => Shared.EmailAddress.DomainKeyOf(Domain);

        /// <summary>What is wrong, as keys of <see cref="ModerationText"/>; empty when the criteria can be used.</summary>
        public FormErrors Errors()
        {
            var errors = new FormErrors();
            if (Campaign is null)
            {
                errors.Add("campaign", "WaveCampaignRequired");
            }
            if (DomainKey is null && From is null && To is null)
            {
                errors.Add("domain", "WaveCriterionRequired");
            }
            if (From is { } from && To is { } to && to <= from)
            {
                errors.Add("to", "WaveWindowOrder");
            }
            return errors;
        }

        /// <summary>For the audit log: the criteria, no personal data.</summary>
        public override string ToString() => string.Join("; ", new[]
        {
            DomainKey is null ? null : $"domain={DomainKey}",
            From is null ? null : $"from={From.Value.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture)}",
            To is null ? null : $"to={To.Value.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture)}",
        }.Where(p => p is not null));
    }

    /// <summary>How many signatures the wave would reject now; null when the campaign is not the organisation's.</summary>
    public async Task<int?> PreviewAsync(OrganisationContext organisation, Criteria criteria, CancellationToken cancellationToken) =>
        await db.CampaignsOf(organisation).AnyAsync(c => c.Id == criteria.Campaign, cancellationToken)
            ? await Matching(organisation, criteria).CountAsync(cancellationToken)
            : null;

    /// <returns>How many signatures were rejected; null when the campaign is not the organisation's.</returns>
    public async Task<int?> RejectAsync(OrganisationContext organisation, Criteria criteria, string? note, CancellationToken cancellationToken)
    {
        if (!await db.CampaignsOf(organisation).AnyAsync(c => c.Id == criteria.Campaign, cancellationToken))
        {
            return null;
        }
        var ids = await Matching(organisation, criteria).Select(s => s.Id).ToListAsync(cancellationToken);
        return await moderate.HandleAsync(organisation, ModerationAction.Reject, ids, note, "signature.reject-wave", criteria.ToString(), cancellationToken);
    }

    private IQueryable<Signature> Matching(OrganisationContext organisation, Criteria criteria)
    {
        var query = db.Signatures.AsNoTracking().Where(s => s.CampaignId == criteria.Campaign && s.Campaign.OrganisationId == organisation.Id
            && (s.State == SignatureState.Pending || s.State == SignatureState.Held || s.State == SignatureState.Confirmed));
        if (criteria.DomainKey is { } domain)
        {
            query = query.Where(s => s.EmailDomain == domain);
        }
        if (criteria.From is { } from)
        {
            var start = DateTime.SpecifyKind(from, DateTimeKind.Utc);
            query = query.Where(s => s.CreatedAt >= start);
        }
        if (criteria.To is { } to)
        {
            var end = DateTime.SpecifyKind(to, DateTimeKind.Utc);
            query = query.Where(s => s.CreatedAt < end);
        }
        return query;
    }
}
