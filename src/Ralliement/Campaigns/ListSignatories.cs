using Ralliement.Signing;

namespace Ralliement.Campaigns;

/// <summary>
/// A public list: confirmed people, or confirmed organisations, who chose to appear, newest first,
/// a page at a time by key (no OFFSET, so page 1,000 costs what page 1 costs). A person who chose to be
/// listed anonymously shows only as a verified member of their institution, and not at all unverified.
/// </summary>
public sealed class ListSignatories(RalliementDb db)
{
    public const int PageSize = 50;
    public const int MaxSearchLength = 100;

    public sealed record Signatory
    {
        public required long Id { get; init; }
        /// <summary>A person's name, or an organisation's (its representative's name is never shown).</summary>
        public required string Name { get; init; }
        public string? Institution { get; init; }
        public string? ProfessionalStatus { get; init; }
        public string? Discipline { get; init; }
        public required DateTime ConfirmedAt { get; init; }
        /// <summary>For an organisation, its kind's stable code (<see cref="OrganisationKinds"/>).</summary>
        public string? OrganisationKind { get; init; }
        public string? City { get; init; }
        public string? Country { get; init; }
        /// <summary>Values of the custom fields shown publicly, in the fields' order; null when none.</summary>
        public IReadOnlyList<Detail>? Details { get; init; }
        /// <summary>
        /// The institution whose email domain the signer confirmed from (<see cref="Signature.VerifiedInstitutionId"/>),
        /// by name; null when unverified. Apart from <see cref="Institution"/>, which the signer typed.
        /// </summary>
        public string? VerifiedInstitution { get; init; }
        /// <summary>Listed as an anonymous verified member of <see cref="VerifiedInstitution"/>: no name, no detail.</summary>
        public bool Anonymous { get; init; }
        /// <summary>Read from the row to find <see cref="VerifiedInstitution"/>'s name; not shown.</summary>
        internal int? VerifiedInstitutionId { get; init; }
    }

    public sealed record Detail(string Label, string Value);

    public sealed record Page(IReadOnlyList<Signatory> Signatories, long? Older, long? Newer);

    /// <param name="before">Show signatures older than this id (the next page).</param>
    /// <param name="after">Show signatures newer than this id (the previous page).</param>
    public async Task<Page> HandleAsync(ReadCampaign.View campaign, SignatoryKind kind, string? search, long? before, long? after, int pageSize, CancellationToken cancellationToken)
    {
        // Variables, not constants: EF Core writes "ShowPublicly" alone for the constant true, and
        // SQLite then cannot use the (CampaignId, State, ShowPublicly, Kind, Id) index and sorts every
        // confirmed signature for each page (55 ms a page at 100,000 signatures, growing with size).
        var shown = true;
        var confirmed = SignatureState.Confirmed;
        var campaignId = campaign.Id;
        var query = db.Signatures.AsNoTracking()
            .Where(s => s.CampaignId == campaignId && s.State == confirmed && s.ShowPublicly == shown && s.Kind == kind)
            // Checked on the rows the index gives, in order: an anonymous signature shows only once verified.
            .Where(s => !s.ListedAnonymously || s.VerifiedInstitutionId != null);
        var term = TypedText.Normalise(search);
        if (term is not null)
        {
            var folded = TypedText.SearchForm(term.Length > MaxSearchLength ? term[..MaxSearchLength] : term);
            query = query.Where(s => s.SearchText!.Contains(folded));
        }

        List<Signatory> rows;
        long? olderKey, newerKey;
        if (after is not null)
        {
            rows = await Project(query.Where(s => s.Id > after).OrderBy(s => s.Id).Take(pageSize + 1)).ToListAsync(cancellationToken);
            var hasNewer = rows.Count > pageSize;
            rows = rows.Take(pageSize).Reverse().ToList();
            (olderKey, newerKey) = (rows.Count > 0 ? rows[^1].Id : null, hasNewer && rows.Count > 0 ? rows[0].Id : null);
        }
        else
        {
            var older = before is null ? query : query.Where(s => s.Id < before);
            rows = await Project(older.OrderByDescending(s => s.Id).Take(pageSize + 1)).ToListAsync(cancellationToken);
            var hasOlder = rows.Count > pageSize;
            rows = rows.Take(pageSize).ToList();
            (olderKey, newerKey) = (hasOlder ? rows[^1].Id : null, before is not null && rows.Count > 0 ? rows[0].Id : null);
        }
        rows = [.. rows.Select(r => WithVerifiedInstitution(campaign, r))];
        return new Page(await WithPublicDetailsAsync(campaign, rows, cancellationToken), olderKey, newerKey);
    }

    /// <summary>Names the verified institution, and leaves only it for an anonymous signer.</summary>
    private static Signatory WithVerifiedInstitution(ReadCampaign.View campaign, Signatory row)
    {
        var institution = campaign.InstitutionName(row.VerifiedInstitutionId);
        return row.Anonymous
            ? new Signatory { Id = row.Id, Name = "", ConfirmedAt = row.ConfirmedAt, Anonymous = true, VerifiedInstitution = institution }
            : row with { VerifiedInstitution = institution };
    }

    /// <summary>One more query for the page, only when the campaign shows some custom fields publicly.</summary>
    private async Task<List<Signatory>> WithPublicDetailsAsync(ReadCampaign.View campaign, List<Signatory> rows, CancellationToken cancellationToken)
    {
        var shownFields = campaign.CustomFields.Where(f => f.ShownPublicly).ToList();
        if (shownFields.Count == 0 || rows.Count == 0)
        {
            return rows;
        }
        var ids = rows.Where(r => !r.Anonymous).Select(r => r.Id).ToList();
        var fieldIds = shownFields.Select(f => f.Id).ToList();
        var values = await db.SignatureFieldValues.AsNoTracking()
            .Where(v => ids.Contains(v.SignatureId) && fieldIds.Contains(v.CustomFieldId))
            .ToListAsync(cancellationToken);
        var bySignature = values.ToLookup(v => v.SignatureId);
        return rows.Select(r =>
        {
            var details = shownFields
                .Select(f => bySignature[r.Id].FirstOrDefault(v => v.CustomFieldId == f.Id) is { } v ? new Detail(f.Label, v.Value) : null)
                .OfType<Detail>()
                .ToList();
            return details.Count == 0 ? r : r with { Details = details };
        }).ToList();
    }

    private static IQueryable<Signatory> Project(IQueryable<Signature> query) => query.Select(s => new Signatory
    {
        Id = s.Id,
        Name = s.Kind == SignatoryKind.Organisation ? s.OrganisationName! : s.FirstName + " " + s.LastName,
        Institution = s.Institution,
        ProfessionalStatus = s.ProfessionalStatus,
        Discipline = s.Discipline,
        ConfirmedAt = s.ConfirmedAt!.Value,
        OrganisationKind = s.OrganisationKind,
        City = s.City,
        Country = s.Country,
        VerifiedInstitutionId = s.VerifiedInstitutionId,
        Anonymous = s.ListedAnonymously,
    });
}
