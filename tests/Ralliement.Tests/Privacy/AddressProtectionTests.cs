using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Ralliement.Admin;
using Ralliement.Privacy;
using Ralliement.Shared;

namespace Ralliement.Tests.Privacy;

public sealed class AddressProtectionTests
{
    private static PrivacyKeys Keys(string current, params string[] names) =>
        new(Key("hash"), names.ToDictionary(n => n, Key), current);

    private static byte[] Key(string name) => Convert.FromBase64String(Support.TestDatabase.TestKey(name));

    [Theory]
    [InlineData("ana+petition@example.org", "ana@example.org")]
    [InlineData("Ana.Lopes+x+y@Example.org", "ana.lopes@example.org")]
    [InlineData("a.na.lopes@gmail.com", "analopes@gmail.com")]
    [InlineData("A.Na+news@googlemail.com", "ana@gmail.com")]
    [InlineData("+ana@example.org", "+ana@example.org")]
    public void The_canonical_form_drops_plus_tags_and_only_the_dots_gmail_ignores(string input, string canonical)
    {
        Assert.Equal(canonical, EmailAddress.Parse(input).Canonical);
    }

    [Theory]
    [InlineData(" @Bücher.Example ", "xn--bcher-kva.example")]
    [InlineData("univ-test.example.", "univ-test.example")]
    [InlineData("   ", null)]
    public void A_domain_typed_by_a_moderator_takes_the_stored_form(string typed, string? stored)
    {
        Assert.Equal(stored, EmailAddress.DomainKeyOf(typed));
    }

    [Fact]
    public void Dots_count_where_the_provider_does_not_ignore_them()
    {
        Assert.NotEqual(EmailAddress.Parse("a.na@example.org").Canonical, EmailAddress.Parse("ana@example.org").Canonical);
        Assert.NotEqual(EmailAddress.Parse("a.na@outlook.com").Canonical, EmailAddress.Parse("ana@outlook.com").Canonical);
    }

    [Fact]
    public void A_sealed_address_opens_only_with_its_key_and_never_shows_in_clear()
    {
        var protection = new AddressProtection(Keys("k1", "k1"));

        var first = protection.Seal("josé@exemple.fr");
        var second = protection.Seal("josé@exemple.fr");

        Assert.NotEqual(first, second);
        Assert.DoesNotContain("exemple", first, StringComparison.Ordinal);
        Assert.StartsWith("v1.k1.", first, StringComparison.Ordinal);
        Assert.Equal("josé@exemple.fr", protection.Open(first));
        var tampered = first[..^3] + (first[^3] == 'A' ? 'B' : 'A') + first[^2..];
        Assert.False(protection.TryOpen(tampered, out _));
        Assert.False(new AddressProtection(new PrivacyKeys(Key("hash"), new Dictionary<string, byte[]> { ["k1"] = Key("other") }, "k1")).TryOpen(first, out _));
    }

    [Fact]
    public void After_a_new_key_becomes_current_old_addresses_still_open_and_new_ones_use_it()
    {
        var before = new AddressProtection(Keys("k1", "k1"));
        var sealedBefore = before.Seal("ana@example.org");

        var after = new AddressProtection(Keys("k2", "k1", "k2"));

        Assert.Equal("ana@example.org", after.Open(sealedBefore));
        Assert.StartsWith("v1.k2.", after.Seal("ana@example.org"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_keyed_hash_is_one_per_mailbox_and_depends_on_the_key()
    {
        var protection = new AddressProtection(Keys("k1", "k1"));
        var other = new AddressProtection(new PrivacyKeys(Key("another hash"), new Dictionary<string, byte[]> { ["k1"] = Key("k1") }, "k1"));

        var key = protection.Key(EmailAddress.Parse("Ana.Lopes+petition@gmail.com"));

        Assert.Equal(key, protection.Key(EmailAddress.Parse("analopes@googlemail.com")));
        Assert.NotEqual(key, protection.Key(EmailAddress.Parse("ana.lopes@example.org")));
        Assert.NotEqual(key, other.Key(EmailAddress.Parse("analopes@gmail.com")));
        Assert.Equal(43, key.Length);
        Assert.DoesNotContain("@", key, StringComparison.Ordinal);
    }

    [Fact]
    public void Postgres_without_configured_keys_refuses_to_start_with_a_clear_message()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Database:Provider", "Postgres")]).Build();

        var refused = Assert.Throws<InvalidOperationException>(() => PrivacyKeys.Load(configuration, null!));

        Assert.Contains("Privacy:AddressHashKey", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Privacy:AddressHashKey", "not base 64!")]
    [InlineData("Privacy:CurrentEncryptionKey", "missing")]
    [InlineData("Privacy:EncryptionKeys:k1", "c2hvcnQ=")]
    public void Wrong_keys_stop_the_start_up_with_what_is_wrong(string setting, string value)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Privacy:AddressHashKey"] = Support.TestDatabase.TestKey("hash"),
            ["Privacy:EncryptionKeys:k1"] = Support.TestDatabase.TestKey("k1"),
            ["Privacy:CurrentEncryptionKey"] = "k1",
        };
        settings[setting] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var refused = Assert.Throws<InvalidOperationException>(() => PrivacyKeys.Load(configuration, null!));

        Assert.Contains("Privacy", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_keys_command_prints_a_usable_configuration()
    {
        using var output = new MemoryStream();
        var exit = await AdminCommands.RunAsync(["keys", "new"], () => output, TextWriter.Null);

        Assert.Equal(0, exit);
        using var json = new MemoryStream(output.ToArray());
        var configuration = new ConfigurationBuilder().AddJsonStream(json).Build();
        var protection = new AddressProtection(PrivacyKeys.Load(configuration, null!));
        Assert.Equal("ana@example.org", protection.Open(protection.Seal("ana@example.org")));
        Assert.NotNull(JsonDocument.Parse(output.ToArray()).RootElement.GetProperty("Privacy").GetProperty("AddressHashKey").GetString());
    }
}
