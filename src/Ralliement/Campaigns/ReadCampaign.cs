namespace Ralliement.Campaigns;

/// <summary>Loads what every public page of a campaign shows, in the language asked for.</summary>
public sealed class ReadCampaign(RalliementDb db, TimeProvider clock, RecentReads<(string Slug, string Language), ReadCampaign.View> recent)
{
    /// <summary>A published campaign as its public pages and the signing form see it, in one language.</summary>
    public sealed record View
    {
        public required int Id { get; init; }
        public required string Slug { get; init; }
        public required CampaignKind Kind { get; init; }
        public required CampaignState State { get; init; }
        public required OrganisationView Organisation { get; init; }
        /// <summary>Ticks of the logo's last upload, which version its address; null without a logo.</summary>
        public long? LogoVersion { get; init; }

        // The text, in the language asked for or else the campaign's default one.
        public required string Language { get; init; }
        public required string Title { get; init; }
        public required string Summary { get; init; }
        public required string BodyHtml { get; init; }
        public int TextVersion { get; init; } = 1;
        public Amendment? Amended { get; init; }

        // The display kit, in the language shown: null when the organisers set none (see Kit.KitLinks).
        public string? ShortTitle { get; init; }
        public string? KitMessage { get; init; }
        public bool KitShowsLiveCount { get; init; }

        // The count.
        public int? Goal { get; init; }
        public int? NextGoal { get; init; }
        public required int SignatureCount { get; init; }
        public required int OrganisationCount { get; init; }

        // When it takes signatures, and what happens to them.
        public DateTime? PublishedAt { get; init; }
        public DateTime? ClosedAt { get; init; }
        public DateTime? ArchivedAt { get; init; }
        public DateTime? OpensAt { get; init; }
        public DateTime? ClosesAt { get; init; }
        public required bool AcceptsSignatures { get; init; }
        public bool HoldsSignaturesForReview { get; init; }
        public UnprovenSignatureRule UnprovenSignatures { get; init; } = UnprovenSignatureRule.HoldDuringWaves;
        public DateTime? PersonalDataPurgedAt { get; init; }

        // The signing form.
        public required FieldRule Institution { get; init; }
        public required FieldRule ProfessionalStatus { get; init; }
        public required FieldRule Discipline { get; init; }
        public required FieldRule City { get; init; }
        public required FieldRule Country { get; init; }
        public bool AcceptsOrganisations { get; init; }
        public required IReadOnlyList<CommitmentView> Commitments { get; init; }
        public required IReadOnlyList<CustomFieldView> CustomFields { get; init; }
        /// <summary>The institutions whose members the campaign recognises by their email domain, by name; usually none.</summary>
        public IReadOnlyList<InstitutionView> Institutions { get; init; } = [];

        public bool DeclaresInstitutions => Institutions.Count > 0;

        /// <summary>The name of a verified institution, or null for one removed meanwhile.</summary>
        public string? InstitutionName(int? id) => id is null ? null : Institutions.FirstOrDefault(i => i.Id == id)?.Name;

        /// <summary>Confirmed signatures of people, the rest of <see cref="SignatureCount"/> being organisations.</summary>
        public int PersonCount => Math.Max(0, SignatureCount - OrganisationCount);

        /// <summary>The rule of <see cref="Campaign.AcceptsSignaturesAt"/>, for a view read a moment ago.</summary>
        public bool AcceptsSignaturesAt(DateTime now) =>
            State == CampaignState.Open && (OpensAt is null || OpensAt <= now) && (ClosesAt is null || now < ClosesAt);
    }

    /// <param name="AccentColour">As stored: pages check it again (<see cref="Shared.AccentColour.ForPublicPages"/>).</param>
    /// <param name="TimeZone">IANA, in which public pages write the campaign's dates.</param>
    public sealed record OrganisationView(string Name, string? ContactEmail, string? PostalAddress, int RetentionMonths, string? DataController = null, string? LegalNotice = null, string Slug = "",
        string? AccentColour = null, string TimeZone = Data.Organisation.DefaultTimeZone);

    public sealed record CommitmentView(int Id, string Label);

    /// <summary>An institution a campaign recognises by its email domains (<see cref="Data.AffiliationInstitution"/>).</summary>
    public sealed record InstitutionView(int Id, string Name);

    /// <summary>A field the campaign adds to the form, labelled in the page's language.</summary>
    public sealed record CustomFieldView(int Id, string Label, FieldRule Rule, bool ShownPublicly)
    {
        /// <summary>The name of its input in the signing form.</summary>
        public string InputName => FormName(Id);

        public static string FormName(int id) => "Custom" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The last change to the published text in the language shown, said on the page.</summary>
    public sealed record Amendment(DateTime At, string Note, int Version);

    /// <summary>
    /// The campaign as read a moment ago (<c>Caching:PublicPages</c>), for the signing form's posts:
    /// at a peak they would otherwise each read the same rows. Whether it accepts signatures is
    /// worked out again now, so a closing date is kept to the second.
    /// </summary>
    public async Task<View?> HandleRecentAsync(string slug, string language, CancellationToken cancellationToken)
    {
        var view = await recent.GetAsync((slug, language), () => HandleAsync(slug, language, cancellationToken));
        return view is null ? null : view with { AcceptsSignatures = view.AcceptsSignaturesAt(clock.GetUtcNow().UtcDateTime) };
    }

    /// <summary>The campaign, or null when there is none by that slug or it is still a draft.</summary>
    /// <param name="includeDraft">For organisers' previews only: a draft is never public.</param>
    public async Task<View?> HandleAsync(string slug, string language, CancellationToken cancellationToken, bool includeDraft = false)
    {
        var campaign = await db.Campaigns.AsNoTracking()
            .Where(c => c.Slug == slug && (includeDraft || c.State != CampaignState.Draft))
            .Include(c => c.Organisation)
            .Include(c => c.Texts)
            .Include(c => c.Commitments).ThenInclude(c => c.Labels)
            .Include(c => c.CustomFields).ThenInclude(f => f.Labels)
            .AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken);
        if (campaign is null)
        {
            return null;
        }
        var text = campaign.Texts.FirstOrDefault(t => t.Language == language)
            ?? campaign.Texts.FirstOrDefault(t => t.Language == campaign.DefaultLanguage)
            ?? campaign.Texts.First();
        var commitments = campaign.Commitments
            .OrderBy(c => c.Position)
            .Select(c => new CommitmentView(c.Id, Label(c, language, campaign.DefaultLanguage)))
            .ToList();
        var customFields = campaign.CustomFields
            .Where(f => f.Rule != FieldRule.Hidden && f.Labels.Count > 0)
            .OrderBy(f => f.Position).ThenBy(f => f.Id)
            .Select(f => new CustomFieldView(f.Id, FieldLabel(f, language, campaign.DefaultLanguage), f.Rule, f.ShownPublicly))
            .ToList();
        var organisationCount = await CountOrganisationsAsync(campaign.Id, cancellationToken);
        // One small query on the (CampaignId, Name) index; no row for most campaigns.
        var institutions = await db.AffiliationInstitutions.AsNoTracking().Where(i => i.CampaignId == campaign.Id)
            .OrderBy(i => i.Name).Select(i => new InstitutionView(i.Id, i.Name)).ToListAsync(cancellationToken);
        var organisation = campaign.Organisation;
        // Uploaded logos are rare and small; its date versions its address so browsers may keep it.
        var logoUpdatedAt = await db.CampaignLogos.Where(l => l.CampaignId == campaign.Id)
            .Select(l => (DateTime?)l.UpdatedAt).FirstOrDefaultAsync(cancellationToken);
        return new View
        {
            Id = campaign.Id,
            Slug = campaign.Slug,
            Kind = campaign.Kind,
            State = campaign.State,
            Organisation = new OrganisationView(organisation.Name, organisation.ContactEmail, organisation.PostalAddress, organisation.RetentionMonths, organisation.DataController, organisation.LegalNotice, organisation.Slug,
                organisation.AccentColour, organisation.TimeZone),
            LogoVersion = logoUpdatedAt?.Ticks,
            Language = text.Language,
            Title = text.Title,
            Summary = text.Summary,
            BodyHtml = text.BodyHtml,
            TextVersion = text.Version,
            Amended = text.AmendedAt is DateTime amendedAt ? new Amendment(amendedAt, text.AmendmentNote ?? "", text.Version) : null,
            ShortTitle = text.ShortTitle,
            KitMessage = text.KitMessage,
            KitShowsLiveCount = campaign.KitShowsLiveCount,
            Goal = campaign.Goal,
            NextGoal = campaign.NextGoal,
            SignatureCount = campaign.SignatureCount,
            OrganisationCount = organisationCount,
            PublishedAt = campaign.PublishedAt,
            ClosedAt = campaign.ClosedAt,
            ArchivedAt = campaign.ArchivedAt,
            OpensAt = campaign.OpensAt,
            ClosesAt = campaign.ClosesAt,
            AcceptsSignatures = campaign.AcceptsSignaturesAt(clock.GetUtcNow().UtcDateTime),
            HoldsSignaturesForReview = campaign.HoldsSignaturesForReview,
            UnprovenSignatures = organisation.UnprovenSignatures,
            PersonalDataPurgedAt = campaign.PersonalDataPurgedAt,
            Institution = campaign.Institution,
            ProfessionalStatus = campaign.ProfessionalStatus,
            Discipline = campaign.Discipline,
            City = campaign.City,
            Country = campaign.Country,
            AcceptsOrganisations = campaign.AcceptsOrganisations,
            Commitments = commitments,
            CustomFields = customFields,
            Institutions = institutions,
        };
    }

    /// <summary>
    /// Confirmed organisations, counted on the public-list index (CampaignId, State, ShowPublicly, Kind, Id):
    /// one seek for each value of ShowPublicly, so it costs what the organisations cost, not the people.
    /// </summary>
    private async Task<int> CountOrganisationsAsync(int campaignId, CancellationToken cancellationToken)
    {
        var organisation = SignatoryKind.Organisation;
        var confirmed = SignatureState.Confirmed;
        var count = 0;
        foreach (var shown in (bool[])[true, false])
        {
            count += await db.Signatures
                .CountAsync(s => s.CampaignId == campaignId && s.State == confirmed && s.ShowPublicly == shown && s.Kind == organisation, cancellationToken);
        }
        return count;
    }

    private static string FieldLabel(CustomField field, string language, string fallback) =>
        (field.Labels.FirstOrDefault(l => l.Language == language)
            ?? field.Labels.FirstOrDefault(l => l.Language == fallback)
            ?? field.Labels.First()).Text;

    private static string Label(Commitment commitment, string language, string fallback) =>
        (commitment.Labels.FirstOrDefault(l => l.Language == language)
            ?? commitment.Labels.FirstOrDefault(l => l.Language == fallback)
            ?? commitment.Labels.First()).Text;
}
