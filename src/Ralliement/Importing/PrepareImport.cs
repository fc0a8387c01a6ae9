using System.Text.Json;
using Ralliement.Organisers;
using Ralliement.Privacy;

namespace Ralliement.Importing;

/// <summary>Step 1 of an import: reads and checks the uploaded file and keeps its rows for the preview; imports nothing.</summary>
public sealed class PrepareImport(RalliementDb db, AddressProtection addresses, TimeProvider clock)
{
    public sealed record Result(int? ImportId, ReadSignatureCsv.Refusal? Refused);

    public async Task<Result> HandleAsync(OrganisationContext organisation, ImportCampaign campaign, IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return new Result(null, new ReadSignatureCsv.Refusal("EmptyFile"));
        }
        if (file.Length > ReadSignatureCsv.MaxFileBytes)
        {
            return new Result(null, new ReadSignatureCsv.Refusal("FileTooLarge"));
        }
        using var content = new MemoryStream((int)file.Length);
        await file.CopyToAsync(content, cancellationToken);
        var read = ReadSignatureCsv.Read(content.GetBuffer().AsSpan(0, (int)content.Length), campaign.Rules);
        if (read.Refused is not null)
        {
            return new Result(null, read.Refused);
        }
        // The rows wait in the database for the preview: their addresses wait sealed and hashed, like signers'.
        foreach (var row in read.Rows.Where(r => r.Email is not null && r.EmailKey is not null))
        {
            row.Email = addresses.Seal(row.Email!);
            row.EmailKey = addresses.KeyOf(EmailAddress.CanonicalOf(row.EmailKey!));
        }
        var name = Path.GetFileName(file.FileName);
        var import = new SignatureImport
        {
            CampaignId = campaign.Id,
            CreatedById = organisation.OrganiserId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            FileName = name.Length > 260 ? name[..260] : name,
            RowsJson = JsonSerializer.Serialize(new ReadImport.CheckedFile([.. read.Rows], [.. read.Ignored])),
            RowCount = read.Rows.Count,
        };
        db.SignatureImports.Add(import);
        await db.SaveChangesAsync(cancellationToken);
        return new Result(import.Id, null);
    }
}
