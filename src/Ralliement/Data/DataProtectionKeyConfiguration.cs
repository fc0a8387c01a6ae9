using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ralliement.Data;

/// <summary>A key is an XML document of about a kilobyte: its column takes far more than the model's default 4,000 characters.</summary>
public sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> key)
    {
        key.Property(k => k.Xml).HasMaxLength(100_000);
        key.Property(k => k.FriendlyName).HasMaxLength(200);
    }
}
