using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ralliement.Data;

/// <summary>One action of an organiser: who, what, when. Append-only; owners read it.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public int OrganisationId { get; set; }
    public string? OrganiserId { get; set; }
    /// <summary>The actor's email at the time, so the log stays readable after an account is deleted.</summary>
    public required string Actor { get; set; }
    /// <summary>A stable name such as <c>campaign.publish</c> or <c>signature.reject</c>.</summary>
    public required string Action { get; set; }
    /// <summary>What was acted on, e.g. <c>campaign:12</c> or <c>signature:4031</c>.</summary>
    public required string Target { get; set; }
    public string? Details { get; set; }
    public DateTime At { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> a)
    {
        a.Property(x => x.Actor).HasMaxLength(SignerLimits.Email);
        a.Property(x => x.Action).HasMaxLength(60);
        a.Property(x => x.Target).HasMaxLength(100);
        a.Property(x => x.Details).HasMaxLength(2000);
        a.HasIndex(x => new { x.OrganisationId, x.Id });
        a.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId);
    }
}
