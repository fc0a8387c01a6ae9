using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ralliement.Data;

/// <summary>A campaign's logo, kept apart so the campaign rows read on every page stay small.</summary>
public sealed class CampaignLogo
{
    /// <summary>A logo shown on every campaign page must stay light.</summary>
    public const int MaxBytes = 200 * 1024;

    public int CampaignId { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Content { get; set; }
    public DateTime UpdatedAt { get; set; }
}

internal sealed class CampaignLogoConfiguration : IEntityTypeConfiguration<CampaignLogo>
{
    public void Configure(EntityTypeBuilder<CampaignLogo> l)
    {
        l.HasKey(x => x.CampaignId);
        l.Property(x => x.ContentType).HasMaxLength(40);
        l.Property(x => x.Content).HasMaxLength(CampaignLogo.MaxBytes);
        l.HasOne<Campaign>().WithOne().HasForeignKey<CampaignLogo>(x => x.CampaignId);
    }
}
