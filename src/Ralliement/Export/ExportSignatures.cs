using System.Runtime.CompilerServices;
using Ralliement.Privacy;

namespace Ralliement.Export;

/// <summary>What an export holds: every confirmed signature, or only the signers who consented to news.</summary>
public enum ExportSet { Signatures, Contacts }

/// <summary>
/// The one row source of every export, the admin command's and the organisers' downloads: the columns
/// a campaign's export may hold, and its confirmed signatures streamed in id order, so exporting a
/// million signatures takes no more memory than exporting ten. Writers (<see cref="CsvSheet"/>, <see cref="JsonSheet"/>)
/// turn a <see cref="Sheet"/> into a file.
/// </summary>
public sealed class ExportSignatures(RalliementDb db, IServiceScopeFactory scopes, AddressProtection addresses)
{
    /// <summary>How many rows are completed with their commitments and custom fields at once, and flushed.</summary>
    public const int BatchSize = 1000;

    /// <summary>One confirmed signature; a <see cref="Column"/> picks what its file shows.</summary>
    public sealed record Row
    {
        public required long Id { get; init; }
        public required DateTime ConfirmedAt { get; init; }
        public required SignatoryKind Kind { get; init; }
        public string? FirstName { get; init; }
        public string? LastName { get; init; }
        /// <summary>The sealed address, in the contacts export only.</summary>
        public string? Email { get; init; }
        public required string Language { get; init; }
        public string? Institution { get; init; }
        public string? ProfessionalStatus { get; init; }
        public string? Discipline { get; init; }
        public string? City { get; init; }
        public string? Country { get; init; }
        public string? OrganisationName { get; init; }
        public string? OrganisationKind { get; init; }
        public required bool ShowsPublicly { get; init; }
        /// <summary>The institution whose domain the signer confirmed from (<see cref="Signature.VerifiedInstitutionId"/>); not a name, see the column.</summary>
        public int? VerifiedInstitutionId { get; init; }
        public bool ListedAnonymously { get; init; }
        public required bool AcceptsNews { get; init; }
        /// <summary>The ids of the commitments ticked.</summary>
        public IReadOnlySet<int> Commitments { get; init; } = new HashSet<int>();
        /// <summary>The custom fields' values, by field id.</summary>
        public IReadOnlyDictionary<int, string> Fields { get; init; } = new Dictionary<int, string>();
    }

    /// <summary>A column: its name in the file's header, and how a row fills it (text, a boolean, a number or an instant).</summary>
    /// <param name="Name">A stable key such as <c>first_name</c>, or for commitments and custom fields their label.</param>
    /// <param name="Labelled">Whether <paramref name="Name"/> is already a label in the export's language, rather than a key to translate.</param>
    public sealed record Column(string Name, Func<Row, object?> Value, bool Labelled = false);

    /// <summary>The columns and rows of one export of one campaign.</summary>
    public sealed record Sheet(int CampaignId, string CampaignSlug, ExportSet Set, IReadOnlyList<Column> Columns, IAsyncEnumerable<Row> Rows);

    /// <summary>The export of a campaign found by slug (the admin command), in <paramref name="language"/> or else its default language; null when none has it.</summary>
    public async Task<Sheet?> OpenAsync(string slug, ExportSet set, string? language, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().Where(c => c.Slug == slug).FirstOrDefaultAsync(cancellationToken);
        return campaign is null ? null : await OpenAsync(campaign, set, language ?? campaign.DefaultLanguage, cancellationToken);
    }

    /// <summary>
    /// The export of a campaign already checked to belong to the organiser's organisation. Headers of
    /// commitments and custom fields are their labels in <paramref name="language"/>.
    /// </summary>
    public async Task<Sheet> OpenAsync(Campaign campaign, ExportSet set, string language, CancellationToken cancellationToken)
    {
        var commitments = await db.Commitments.AsNoTracking().Where(c => c.CampaignId == campaign.Id).OrderBy(c => c.Position)
            .Select(c => new { c.Id, Labels = c.Labels.Select(l => new { l.Language, l.Text }).ToList() })
            .ToListAsync(cancellationToken);
        var fields = await db.CustomFields.AsNoTracking().Where(f => f.CampaignId == campaign.Id && f.Rule != FieldRule.Hidden).OrderBy(f => f.Position)
            .Select(f => new { f.Id, Labels = f.Labels.Select(l => new { l.Language, l.Text }).ToList() })
            .ToListAsync(cancellationToken);
        string LabelOf(IEnumerable<(string Language, string Text)> labels, string fallback) =>
            labels.Where(l => l.Language == language).Select(l => l.Text).FirstOrDefault()
                ?? labels.Where(l => l.Language == campaign.DefaultLanguage).Select(l => l.Text).FirstOrDefault()
                ?? labels.Select(l => l.Text).FirstOrDefault() ?? fallback;

        var columns = new List<Column>();
        if (set == ExportSet.Contacts)
        {
            // The one export with addresses: these signers asked to hear from the campaign, and
            // writing to them in their language is all this file is for.
            columns.Add(new("first_name", r => r.FirstName));
            columns.Add(new("last_name", r => r.LastName));
            columns.Add(new("email", r => r.Email is { } sealedEmail ? addresses.Open(sealedEmail) : null));
            columns.Add(new("language", r => r.Language));
            return new Sheet(campaign.Id, campaign.Slug, set, columns, RowsAsync(campaign.Id, set, [], [], cancellationToken));
        }
        // The signatures export holds what the campaign collects and nothing more: no email address,
        // since signing is not consenting to be contacted (GDPR art. 5(1)(b) and (c)); the contacts
        // export carries the addresses of those who did consent.
        columns.Add(new("id", r => r.Id));
        columns.Add(new("confirmed_at", r => r.ConfirmedAt));
        if (campaign.AcceptsOrganisations)
        {
            columns.Add(new("kind", r => r.Kind == SignatoryKind.Organisation ? "organisation" : "person"));
            columns.Add(new("organisation_name", r => r.OrganisationName));
            columns.Add(new("organisation_kind", r => r.OrganisationKind));
        }
        columns.Add(new("first_name", r => r.FirstName));
        columns.Add(new("last_name", r => r.LastName));
        AddIfCollected(columns, campaign.Institution, "institution", r => r.Institution);
        AddIfCollected(columns, campaign.ProfessionalStatus, "professional_status", r => r.ProfessionalStatus);
        AddIfCollected(columns, campaign.Discipline, "discipline", r => r.Discipline);
        AddIfCollected(columns, campaign.City, "city", r => r.City);
        AddIfCollected(columns, campaign.Country, "country", r => r.Country);
        var institutions = await db.AffiliationInstitutions.AsNoTracking().Where(i => i.CampaignId == campaign.Id)
            .ToDictionaryAsync(i => i.Id, i => i.Name, cancellationToken);
        if (institutions.Count > 0)
        {
            // Apart from the institution the signer typed: this one their address proved, at confirmation.
            columns.Add(new("verified_institution", r => r.VerifiedInstitutionId is int verified ? institutions.GetValueOrDefault(verified) : null));
        }
        foreach (var commitment in commitments)
        {
            var id = commitment.Id;
            columns.Add(new(LabelOf(commitment.Labels.Select(l => (l.Language, l.Text)), $"commitment_{id}"), r => r.Commitments.Contains(id), Labelled: true));
        }
        foreach (var field in fields)
        {
            var id = field.Id;
            columns.Add(new(LabelOf(field.Labels.Select(l => (l.Language, l.Text)), $"field_{id}"), r => r.Fields.GetValueOrDefault(id), Labelled: true));
        }
        columns.Add(new("shows_publicly", r => r.ShowsPublicly));
        if (institutions.Count > 0)
        {
            columns.Add(new("listed_anonymously", r => r.ListedAnonymously));
        }
        columns.Add(new("accepts_news", r => r.AcceptsNews));
        var rows = RowsAsync(campaign.Id, set, commitments.Select(c => c.Id).ToList(), fields.Select(f => f.Id).ToList(), cancellationToken);
        return new Sheet(campaign.Id, campaign.Slug, set, columns, rows);
    }

    /// <summary>How many rows an export of the campaign holds now.</summary>
    public Task<int> CountAsync(int campaignId, ExportSet set, CancellationToken cancellationToken) =>
        Selected(campaignId, set).CountAsync(cancellationToken);

    private static void AddIfCollected(List<Column> columns, FieldRule rule, string name, Func<Row, object?> value)
    {
        if (rule != FieldRule.Hidden)
        {
            columns.Add(new(name, value));
        }
    }

    private IQueryable<Signature> Selected(int campaignId, ExportSet set)
    {
        var query = db.Signatures.AsNoTracking().Where(s => s.CampaignId == campaignId && s.State == SignatureState.Confirmed);
        return set == ExportSet.Contacts ? query.Where(s => s.AcceptsNews && s.SealedEmail != null) : query;
    }

    private async IAsyncEnumerable<Row> RowsAsync(int campaignId, ExportSet set, List<int> commitmentIds, List<int> fieldIds,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var withEmail = set == ExportSet.Contacts;
        // One no-tracking query streamed by the provider, in id order: SQLite sorts the campaign's
        // rows once. Keyset batches would sort the rest of the campaign again for every batch.
        var rows = Selected(campaignId, set).OrderBy(s => s.Id)
            .Select(s => new Row
            {
                Id = s.Id,
                ConfirmedAt = s.ConfirmedAt ?? s.CreatedAt,
                Kind = s.Kind,
                FirstName = s.FirstName,
                LastName = s.LastName,
                Email = withEmail ? s.SealedEmail : null,
                Language = s.Language,
                Institution = s.Institution,
                ProfessionalStatus = s.ProfessionalStatus,
                Discipline = s.Discipline,
                City = s.City,
                Country = s.Country,
                OrganisationName = s.OrganisationName,
                OrganisationKind = s.OrganisationKind,
                ShowsPublicly = s.ShowPublicly,
                VerifiedInstitutionId = s.VerifiedInstitutionId,
                ListedAnonymously = s.ListedAnonymously,
                AcceptsNews = s.AcceptsNews,
            })
            .AsAsyncEnumerable();
        if (commitmentIds.Count == 0 && fieldIds.Count == 0)
        {
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                yield return row;
            }
            yield break;
        }
        // Commitments and custom fields live in their own tables; a joined query would repeat each
        // signature once per ticked commitment and field. They are read for each batch of rows,
        // through a second context, since the first one's connection is busy streaming.
        await using var scope = scopes.CreateAsyncScope();
        var details = scope.ServiceProvider.GetRequiredService<RalliementDb>();
        var batch = new List<Row>(BatchSize);
        long after = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            batch.Add(row);
            if (batch.Count == BatchSize)
            {
                foreach (var complete in await WithDetailsAsync(details, batch, after, commitmentIds, fieldIds, cancellationToken))
                {
                    yield return complete;
                }
                after = batch[^1].Id;
                batch.Clear();
            }
        }
        foreach (var complete in await WithDetailsAsync(details, batch, after, commitmentIds, fieldIds, cancellationToken))
        {
            yield return complete;
        }
    }

    private static async Task<IEnumerable<Row>> WithDetailsAsync(RalliementDb details, List<Row> batch, long after, List<int> commitmentIds, List<int> fieldIds,
        CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return [];
        }
        var last = batch[^1].Id;
        // The id range of the batch, narrowed to this campaign's commitments and fields: no list of
        // a thousand ids sent to the database.
        var ticked = new List<SignatureCommitment>();
        if (commitmentIds.Count > 0)
        {
            ticked = await details.Set<SignatureCommitment>().AsNoTracking()
                .Where(c => c.SignatureId > after && c.SignatureId <= last && commitmentIds.Contains(c.CommitmentId))
                .ToListAsync(cancellationToken);
        }
        var values = new List<SignatureFieldValue>();
        if (fieldIds.Count > 0)
        {
            values = await details.SignatureFieldValues.AsNoTracking()
                .Where(v => v.SignatureId > after && v.SignatureId <= last && fieldIds.Contains(v.CustomFieldId))
                .ToListAsync(cancellationToken);
        }
        var tickedBy = ticked.ToLookup(c => c.SignatureId, c => c.CommitmentId);
        var valuesBy = values.ToLookup(v => v.SignatureId);
        return batch.Select(row => row with
        {
            Commitments = tickedBy[row.Id].ToHashSet(),
            Fields = valuesBy[row.Id].ToDictionary(v => v.CustomFieldId, v => v.Value),
        });
    }
}
