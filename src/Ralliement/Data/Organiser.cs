using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ralliement.Data;

/// <summary>A person who runs campaigns; an ASP.NET Core Identity account (password, lock-out, optional TOTP).</summary>
public sealed class Organiser : IdentityUser
{
    public string? DisplayName { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<Membership> Memberships { get; } = [];
}

internal sealed class OrganiserConfiguration : IEntityTypeConfiguration<Organiser>
{
    public void Configure(EntityTypeBuilder<Organiser> o) => o.Property(x => x.DisplayName).HasMaxLength(200);
}
