using System.Text.Json;
using Microsoft.Extensions.Localization;
using Ralliement.Signing;

namespace Ralliement.SelfService;

/// <summary>
/// The signer's copy of their data (GDPR art. 15 and 20): every stored field with a stable English
/// name, in JSON. The address is in it only when it is still kept, as the signer typed it.
/// </summary>
public static class SignatureDownload
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static byte[] Write(ReadSignatureRecord.Record record, IStringLocalizer<Text> sharedText)
    {
        var s = record.Signature;
        var consent = s.ConsentVersion is null ? null : new
        {
            version = s.ConsentVersion,
            acceptedAt = s.CreatedAt,
            wording = s.ConsentVersion == ConsentWording.Current
                ? ConsentWording.ResourceNames.ToDictionary(name => name, name => sharedText[name].Value)
                : null,
        };
        var data = new
        {
            campaign = new { slug = record.CampaignSlug, title = record.CampaignTitle },
            state = s.State.ToString(),
            kind = s.Kind.ToString(),
            source = s.Source.ToString(),
            language = s.Language,
            createdAt = s.CreatedAt,
            confirmedAt = s.ConfirmedAt,
            lastEmailAt = s.LastMailAt,
            holdReason = s.HoldReason?.ToString(),
            email = record.Email,
            emailStored = s.SealedEmail is not null ? "encrypted" : s.EmailKey is not null ? "keyed hash only" : "no",
            emailDomain = s.EmailDomain,
            firstName = s.FirstName,
            lastName = s.LastName,
            institution = s.Institution,
            professionalStatus = s.ProfessionalStatus,
            discipline = s.Discipline,
            city = s.City,
            country = s.Country,
            organisationName = s.OrganisationName,
            organisationKind = s.OrganisationKind,
            searchText = s.SearchText,
            moderationNote = s.ModerationNote,
            commitments = record.Commitments,
            fields = record.Fields.Select(f => new { label = f.Label, value = f.Value }),
            showPublicly = s.ShowPublicly,
            acceptsNews = s.AcceptsNews,
            textVersion = s.TextVersion,
            consent,
        };
        return JsonSerializer.SerializeToUtf8Bytes(data, Options);
    }
}
