using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Ralliement.Organisers;

namespace Ralliement.Importing;

/// <summary>
/// Step 2 of an import: every row the plan keeps becomes a confirmed signature, in one transaction with
/// the campaign's count, the import's "done" mark and the audit entry. Either all of it happens or
/// nothing does, and an import happens once.
/// </summary>
public sealed class ConfirmImport(RalliementDb db, Audit audit, TimeProvider clock, IOutputCacheStore publicPages)
{
    public enum Outcome { Imported, NotFound, AlreadyImported, Expired, Conflict }

    public sealed record Result(Outcome Outcome, ImportPlan? Plan = null);

    public async Task<Result> HandleAsync(OrganisationContext organisation, int campaignId, int importId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var import = await db.SignatureImports.AsNoTracking()
            .FirstOrDefaultAsync(i => i.Id == importId && i.CampaignId == campaignId, cancellationToken);
        if (import is null)
        {
            return new Result(Outcome.NotFound);
        }
        if (import.ImportedAt is not null)
        {
            return new Result(Outcome.AlreadyImported);
        }
        if (import.CreatedAt < now - ReadImport.Lifetime)
        {
            return new Result(Outcome.Expired);
        }
        var rows = ReadImport.RowsOf(import);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Taken first and conditionally: of two confirmations at once, one sees 0 rows and stops.
        var taken = await db.SignatureImports
            .Where(i => i.Id == importId && i.ImportedAt == null)
            .ExecuteUpdateAsync(i => i.SetProperty(x => x.ImportedAt, now).SetProperty(x => x.RowsJson, "[]"), cancellationToken);
        if (taken == 0)
        {
            return new Result(Outcome.AlreadyImported);
        }
        var plan = await ImportPlan.MakeAsync(db, campaignId, rows, cancellationToken);
        // A field removed from the campaign since the preview takes its values with it.
        var fields = (await db.CustomFields.Where(f => f.CampaignId == campaignId).Select(f => f.Id).ToListAsync(cancellationToken)).ToHashSet();
        db.Signatures.AddRange(plan.ToImport.Select(row => NewSignature(campaignId, row, fields, now)));
        audit.Record(organisation, "import.signatures", $"campaign:{campaignId}", string.Create(CultureInfo.InvariantCulture,
            $"import:{importId} imported={plan.ToImport.Count} without_email={plan.WithoutEmail} invalid={plan.Invalid} duplicates_existing={plan.DuplicatesOfExisting} duplicates_in_file={plan.DuplicatesInFile}"));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A signer confirmed with one of the file's addresses since the plan was made; the
            // transaction is rolled back whole and a fresh preview will count them as duplicates.
            return new Result(Outcome.Conflict);
        }
        var count = plan.ToImport.Count;
        await db.Campaigns.Where(c => c.Id == campaignId)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.SignatureCount, x => x.SignatureCount + count), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (count > 0)
        {
            await publicPages.EvictByTagAsync(PublicPageCaching.Tag, CancellationToken.None);
        }
        return new Result(Outcome.Imported, plan);
    }

    private static Signature NewSignature(int campaignId, ImportedRow row, HashSet<int> fields, DateTime now)
    {
        var signature = NewSignature(campaignId, row, now);
        signature.FieldValues.AddRange(row.Fields.Where(v => fields.Contains(v.Key))
            .Select(v => new SignatureFieldValue { CustomFieldId = v.Key, Value = v.Value }));
        return signature;
    }

    private static Signature NewSignature(int campaignId, ImportedRow row, DateTime now) => new()
    {
        CampaignId = campaignId,
        State = SignatureState.Confirmed,
        Source = SignatureSource.Import,
        Kind = SignatoryKind.Person,
        Language = row.Language!,
        FirstName = row.FirstName,
        LastName = row.LastName,
        // Confirmed from the start: the address stays (sealed) only for a signer who accepts news.
        SealedEmail = row.AcceptsNews ? row.Email : null,
        EmailKey = row.EmailKey,
        EmailDomain = row.EmailDomain,
        Institution = row.Institution,
        ProfessionalStatus = row.ProfessionalStatus,
        Discipline = row.Discipline,
        City = row.City,
        Country = row.Country,
        SearchText = TypedText.SearchForm($"{row.FirstName} {row.LastName} {row.Institution}"),
        ShowPublicly = row.ShowPublicly,
        AcceptsNews = row.AcceptsNews,
        CreatedAt = now,
        ConfirmedAt = now,
    };
}
