using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using Ralliement.Signing;

namespace Ralliement.SelfService;

/// <summary>
/// The signer's copy of their data (GDPR art. 15 and 20), in JSON: what the page shows, under stable
/// English names, with values a person can read (states and choices in the page's language, dates in
/// UTC). Internal columns (ids, the search text, the keyed hash, tokens) stay out: they say nothing
/// to the signer. The address is in it only when it is still kept, as the signer typed it.
/// </summary>
public static class SignatureDownload
{
    // Relaxed: accents and apostrophes stay readable instead of \uXXXX; the file is served as an
    // attachment, never inserted in a page. What does not apply (no hold reason, no
    // institution given) is left out rather than written as null.
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static byte[] Write(ReadSignatureRecord.Record record, string campaignAddress, IStringLocalizer<Text> sharedText, IStringLocalizer<SelfServiceText> text)
    {
        var s = record.Signature;
        var consent = s.ConsentVersion is null ? null : new
        {
            version = s.ConsentVersion,
            acceptedAt = Day(s.CreatedAt),
            wording = ConsentWording.ShowsNow(s.ConsentVersion)
                ? record.ConsentNames.Select(name => sharedText[name, record.OrganisationName].Value).ToList()
                : [text["ConsentOlder"].Value],
        };
        var held = s.State == SignatureState.Held;
        var data = new
        {
            campaign = new { title = record.CampaignTitle, address = campaignAddress },
            state = text[$"State{s.State}"].Value,
            holdReason = !held ? null
                : s.HoldReason is { } reason ? text[$"Hold{reason}"].Value
                : record.CampaignHoldsForReview ? text["HoldCampaign"].Value : null,
            signedAs = text[$"Kind{s.Kind}"].Value,
            source = text[$"Source{s.Source}"].Value,
            language = s.Language == "fr" ? "Français" : "English",
            signedAt = Day(s.CreatedAt),
            confirmedAt = Day(s.ConfirmedAt),
            lastEmailAt = Day(s.LastMailAt),
            firstName = s.FirstName,
            lastName = s.LastName,
            email = record.Email,
            emailKept = record.Email is not null ? text["EmailSealed", text[s.State == SignatureState.Pending ? "EmailSealedPending" : "EmailSealedNews"]].Value
                : s.EmailKey is not null ? text["EmailHashed"].Value : text["EmailNone"].Value,
            emailDomain = s.EmailDomain,
            verifiedMemberOf = record.VerifiedInstitution,
            organisationName = s.OrganisationName,
            organisationKind = s.OrganisationKind,
            institution = s.Institution,
            professionalStatus = s.ProfessionalStatus,
            discipline = s.Discipline,
            city = s.City,
            country = s.Country,
            otherFields = record.Fields.Select(f => new { label = f.Label, value = f.Value }),
            commitments = record.Commitments,
            moderationNote = s.ModerationNote,
            nameInPublicList = text[record.PublicListingKey, record.VerifiedInstitution ?? ""].Value,
            acceptsNews = s.AcceptsNews,
            textVersion = s.TextVersion,
            consent,
        };
        return JsonSerializer.SerializeToUtf8Bytes(data, Options);
    }

    private static string? Day(DateTime? at) => at?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
