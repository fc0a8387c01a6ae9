using Microsoft.EntityFrameworkCore;

namespace Ralliement.Data;

public partial class RalliementDb
{
    /// <summary>The organisers' area: members, invitations, audit log, text versions, custom fields, logos, news, imports.</summary>
    private static void OnOrganisersCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Organiser>(o => o.Property(x => x.DisplayName).HasMaxLength(200));

        modelBuilder.Entity<Membership>(m =>
        {
            m.HasKey(x => new { x.OrganisationId, x.OrganiserId });
            m.Property(x => x.Role).HasConversion<string>().HasMaxLength(20);
            m.HasOne(x => x.Organisation).WithMany(x => x.Members).HasForeignKey(x => x.OrganisationId);
            m.HasOne(x => x.Organiser).WithMany(x => x.Memberships).HasForeignKey(x => x.OrganiserId);
            m.HasIndex(x => x.OrganiserId);
        });

        modelBuilder.Entity<Invitation>(i =>
        {
            i.Property(x => x.Email).HasMaxLength(SignerLimits.Email);
            i.Property(x => x.Role).HasConversion<string>().HasMaxLength(20);
            i.Property(x => x.TokenHash).HasMaxLength(32);
            i.HasIndex(x => x.TokenHash).IsUnique();
            i.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId);
        });

        modelBuilder.Entity<AuditEntry>(a =>
        {
            a.Property(x => x.Actor).HasMaxLength(SignerLimits.Email);
            a.Property(x => x.Action).HasMaxLength(60);
            a.Property(x => x.Target).HasMaxLength(100);
            a.Property(x => x.Details).HasMaxLength(2000);
            a.HasIndex(x => new { x.OrganisationId, x.Id });
            a.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId);
        });

        modelBuilder.Entity<CampaignTextVersion>(v =>
        {
            v.Property(x => x.Language).HasMaxLength(8);
            v.Property(x => x.Title).HasMaxLength(300);
            v.Property(x => x.Summary).HasMaxLength(1000);
            v.Property(x => x.BodyMarkdown).HasMaxLength(200_000);
            v.Property(x => x.BodyHtml).HasMaxLength(400_000);
            v.HasIndex(x => new { x.CampaignId, x.Language, x.Version }).IsUnique();
            v.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId);
        });

        modelBuilder.Entity<CustomField>(f =>
        {
            f.Property(x => x.Rule).HasConversion<string>().HasMaxLength(20);
            f.HasMany(x => x.Labels).WithOne().HasForeignKey(x => x.CustomFieldId);
        });

        modelBuilder.Entity<CustomFieldLabel>(l =>
        {
            l.HasKey(x => new { x.CustomFieldId, x.Language });
            l.Property(x => x.Language).HasMaxLength(8);
            l.Property(x => x.Text).HasMaxLength(200);
        });

        modelBuilder.Entity<SignatureFieldValue>(v =>
        {
            v.HasKey(x => new { x.SignatureId, x.CustomFieldId });
            v.Property(x => x.Value).HasMaxLength(SignerLimits.Institution);
            v.HasOne<CustomField>().WithMany().HasForeignKey(x => x.CustomFieldId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<CampaignLogo>(l =>
        {
            l.HasKey(x => x.CampaignId);
            l.Property(x => x.ContentType).HasMaxLength(40);
            l.Property(x => x.Content).HasMaxLength(CampaignLogo.MaxBytes);
            l.HasOne<Campaign>().WithOne().HasForeignKey<CampaignLogo>(x => x.CampaignId);
        });

        modelBuilder.Entity<NewsPost>(n =>
        {
            n.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
            n.HasMany(x => x.Texts).WithOne().HasForeignKey(x => x.NewsPostId);
            n.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId);
            n.HasIndex(x => x.State);
        });

        modelBuilder.Entity<NewsText>(t =>
        {
            t.HasKey(x => new { x.NewsPostId, x.Language });
            t.Property(x => x.Language).HasMaxLength(8);
            t.Property(x => x.Subject).HasMaxLength(300);
            t.Property(x => x.BodyMarkdown).HasMaxLength(100_000);
        });

        modelBuilder.Entity<SignatureImport>(i =>
        {
            i.Property(x => x.FileName).HasMaxLength(260);
            i.Property(x => x.RowsJson).HasMaxLength(50_000_000);
            i.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId);
        });
    }
}
