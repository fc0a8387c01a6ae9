using Microsoft.EntityFrameworkCore.Query;

namespace Ralliement.Privacy;

/// <summary>
/// Every field of a signature that could name its signer, for the updates that erase them: a
/// withdrawal, the purge at the end of retention. One list, so a field added later is erased by both.
/// State, kind, source, dates and commitments are not personal: counts and statistics stay computable.
/// </summary>
public static class PersonalFields
{
    public static void Erase(UpdateSettersBuilder<Signature> signature) => signature
        .SetProperty(x => x.FirstName, (string?)null)
        .SetProperty(x => x.LastName, (string?)null)
        .SetProperty(x => x.SealedEmail, (string?)null)
        .SetProperty(x => x.EmailKey, (string?)null)
        .SetProperty(x => x.EmailDomain, (string?)null)
        .SetProperty(x => x.Institution, (string?)null)
        .SetProperty(x => x.ProfessionalStatus, (string?)null)
        .SetProperty(x => x.Discipline, (string?)null)
        .SetProperty(x => x.City, (string?)null)
        .SetProperty(x => x.Country, (string?)null)
        .SetProperty(x => x.OrganisationName, (string?)null)
        .SetProperty(x => x.OrganisationKind, (string?)null)
        .SetProperty(x => x.ModerationNote, (string?)null)
        .SetProperty(x => x.SearchText, (string?)null)
        .SetProperty(x => x.ShowPublicly, false)
        // The mark says where this person reads their mail: personal, though it outlives the address itself.
        .SetProperty(x => x.VerifiedInstitutionId, (int?)null)
        .SetProperty(x => x.ListedAnonymously, false)
        .SetProperty(x => x.AcceptsNews, false);
}
