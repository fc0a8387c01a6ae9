using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ralliement.Data;

/// <summary>
/// A proof-of-work solution already used by a signature, under its challenge's random part, so each
/// is spent once across every node; forgotten once the challenge has expired and could not be sent again.
/// </summary>
public sealed class SpentProof
{
    public Guid Id { get; set; }
    public DateTime ExpiresAt { get; set; }
}

internal sealed class SpentProofConfiguration : IEntityTypeConfiguration<SpentProof>
{
    // The purge deletes by expiry.
    public void Configure(EntityTypeBuilder<SpentProof> p) => p.HasIndex(x => x.ExpiresAt);
}
