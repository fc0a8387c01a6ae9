using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ralliement.Data;

public enum NewsState { Draft, Sending, Sent }

/// <summary>
/// A message to the signers who consented to news, in their language. Sending walks them in
/// signature order and records how far it got in the same transaction as the emails it queues,
/// so it resumes where it stopped.
/// </summary>
public sealed class NewsPost
{
    public int Id { get; set; }
    public int CampaignId { get; set; }
    public NewsState State { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedById { get; set; }
    public DateTime? SendingStartedAt { get; set; }
    public DateTime? SentAt { get; set; }
    /// <summary>The last signature id an email was queued for.</summary>
    public long LastSignatureId { get; set; }
    public int RecipientCount { get; set; }
    /// <summary>Whether, once sent, it is also published on the campaign's public news page and feeds.</summary>
    public bool PublishedInFeed { get; set; }
    public List<NewsText> Texts { get; } = [];
}

public sealed class NewsText
{
    public int NewsPostId { get; set; }
    public required string Language { get; set; }
    public required string Subject { get; set; }
    public required string BodyMarkdown { get; set; }
}


internal sealed class NewsPostConfiguration : IEntityTypeConfiguration<NewsPost>
{
    public void Configure(EntityTypeBuilder<NewsPost> n)
    {
        n.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        n.HasMany(x => x.Texts).WithOne().HasForeignKey(x => x.NewsPostId);
        n.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId);
        n.HasIndex(x => x.State);
    }
}

internal sealed class NewsTextConfiguration : IEntityTypeConfiguration<NewsText>
{
    public void Configure(EntityTypeBuilder<NewsText> t)
    {
        t.HasKey(x => new { x.NewsPostId, x.Language });
        t.Property(x => x.Language).HasMaxLength(8);
        t.Property(x => x.Subject).HasMaxLength(300);
        t.Property(x => x.BodyMarkdown).HasMaxLength(100_000);
    }
}
