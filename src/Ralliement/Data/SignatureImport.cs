using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ralliement.Data;

/// <summary>A CSV file of signatures read and checked, waiting for the organiser to confirm its import.</summary>
public sealed class SignatureImport
{
    public int Id { get; set; }
    public int CampaignId { get; set; }
    public required string CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string FileName { get; set; }
    /// <summary>The rows as read, in JSON, so the import confirmed is exactly the preview shown.</summary>
    public required string RowsJson { get; set; }
    public int RowCount { get; set; }
    public DateTime? ImportedAt { get; set; }
}

internal sealed class SignatureImportConfiguration : IEntityTypeConfiguration<SignatureImport>
{
    public void Configure(EntityTypeBuilder<SignatureImport> i)
    {
        i.Property(x => x.FileName).HasMaxLength(260);
        i.Property(x => x.RowsJson).HasMaxLength(50_000_000);
        i.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId);
    }
}
