using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Ralliement.Data;
using Ralliement.Privacy;
using Ralliement.Tests.Integration;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Privacy;

/// <summary>What the database holds of a signer's address, read as an attacker with a copy of it would.</summary>
[BothDatabases]
public sealed class AddressStorageTests : IDisposable
{
    private readonly RalliementApp _app = new();

    public void Dispose() => _app.Dispose();

    /// <summary>Every text value of every table, read with plain SQL whatever the provider.</summary>
    private Task<List<string>> EverythingStoredAsync() => _app.WithDbAsync(async db =>
    {
        var values = new List<string>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct())
        {
            await using var command = connection.CreateCommand();
            // Table names come from the model, never from input.
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using DbDataReader reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (!reader.IsDBNull(i) && reader.GetValue(i) is string text)
                    {
                        values.Add(text);
                    }
                }
            }
        }
        return values;
    });

    [Fact]
    public async Task No_address_is_stored_in_clear_from_signing_to_confirmation()
    {
        var pending = RalliementApp.UniqueEmail("pending");
        var confirmed = RalliementApp.UniqueEmail("confirmed");
        await _app.SignAsync(RalliementApp.Form(pending));
        await _app.SignAndConfirmAsync(RalliementApp.Form(confirmed));

        var stored = await EverythingStoredAsync();

        var local = (string a) => a[..a.IndexOf('@')];
        Assert.DoesNotContain(stored, v => v.Contains(local(pending), StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(stored, v => v.Contains(local(confirmed), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Once_confirmed_an_address_is_kept_only_as_its_hash_unless_the_signer_accepts_news()
    {
        var plain = RalliementApp.UniqueEmail("plain");
        var news = RalliementApp.UniqueEmail("news");
        var withNews = RalliementApp.Form(news);
        withNews["AcceptsNews"] = "true";

        await _app.SignAsync(RalliementApp.Form(plain));
        var whilePending = await _app.SignatureOfAsync(plain);
        await _app.ConfirmAsync(await _app.EmailToAsync(plain));
        await _app.SignAndConfirmAsync(withNews);

        Assert.Equal(plain, _app.Addresses.Open(whilePending.SealedEmail!));
        var confirmedPlain = await _app.SignatureOfAsync(plain);
        Assert.Equal((SignatureState.Confirmed, null, "example.org"), (confirmedPlain.State, confirmedPlain.SealedEmail, confirmedPlain.EmailDomain));
        Assert.Equal(_app.KeyOf(plain), confirmedPlain.EmailKey);
        var confirmedNews = await _app.SignatureOfAsync(news);
        Assert.Equal(news, _app.Addresses.Open(confirmedNews.SealedEmail!));
    }

    [Fact]
    public async Task The_same_mailbox_written_another_way_signs_once_and_hears_at_the_address_typed()
    {
        var first = $"a.na.{Guid.NewGuid():N}@gmail.com";
        var local = first[..first.IndexOf('@')];
        var again = $"{local.Replace(".", "", StringComparison.Ordinal)}+petition@googlemail.com";

        await _app.SignAndConfirmAsync(RalliementApp.Form(first));
        _app.Clock.Advance(TimeSpan.FromHours(1));
        var answer = await _app.SignAsync(RalliementApp.Form(again, firstName: "Autre"));

        Assert.Equal(System.Net.HttpStatusCode.SeeOther, answer.StatusCode);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Signatures.CountAsync(s => s.EmailKey == _app.KeyOf(first))));
        var reminder = await _app.EmailToAsync(again);
        Assert.Contains("/fr/withdraw/", reminder.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_consent_record_names_the_text_version_and_the_wording_signed()
    {
        var email = RalliementApp.UniqueEmail("consent");
        await _app.SignAsync(RalliementApp.Form(email));

        var signature = await _app.SignatureOfAsync(email);

        Assert.Equal((1, Ralliement.Signing.ConsentWording.Current), (signature.TextVersion, signature.ConsentVersion));
        Assert.NotEqual(default, signature.CreatedAt);
    }

    [Fact]
    public async Task Rotating_the_encryption_key_reseals_every_kept_address_and_the_old_key_can_then_go()
    {
        var news = RalliementApp.UniqueEmail("rotation");
        var form = RalliementApp.Form(news);
        form["AcceptsNews"] = "true";
        await _app.SignAndConfirmAsync(form);
        var pending = RalliementApp.UniqueEmail("rotation-pending");
        await _app.SignAsync(RalliementApp.Form(pending));
        var current = _app.Services.GetRequiredService<PrivacyKeys>();
        var newKey = Convert.FromBase64String(PrivacyKeys.NewKey());
        var both = new PrivacyKeys(current.AddressHashKey, new Dictionary<string, byte[]>(current.EncryptionKeys) { ["rotated"] = newKey }, "rotated");
        var onlyNew = new AddressProtection(new PrivacyKeys(current.AddressHashKey, new Dictionary<string, byte[]> { ["rotated"] = newKey }, "rotated"));

        Task<int> ResealAsync() => _app.WithDbAsync(db => new ResealAddresses(db, new AddressProtection(both), NullLogger<ResealAddresses>.Instance).RunOnceAsync(CancellationToken.None));
        Assert.True(await ResealAsync() >= 2);
        Assert.Equal(0, await ResealAsync());

        var sealedValues = await _app.WithDbAsync(db => db.Signatures.Where(s => s.SealedEmail != null).Select(s => s.SealedEmail!).ToListAsync());
        var opened = sealedValues.Select(onlyNew.Open).ToList();
        Assert.Contains(news, opened);
        Assert.Contains(pending, opened);
        var waiting = await _app.WithDbAsync(db => db.Outbox.Where(m => m.State == OutboxState.Pending).Select(m => m.To).ToListAsync());
        Assert.All(waiting, to => Assert.True(onlyNew.TryOpen(to, out _)));
    }

    [Fact]
    public async Task Rows_stored_before_addresses_were_protected_are_brought_up_to_date()
    {
        var campaignId = await _app.DemoCampaignIdAsync();
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        // As the previous version wrote them: the address and its de-duplication key in clear.
        await _app.WithDbAsync(async db =>
        {
            db.Signatures.AddRange(
                new Signature { CampaignId = campaignId, State = SignatureState.Pending, Language = "fr", FirstName = "Old", SealedEmail = "Old.Pending+x@Example.org", EmailKey = "old.pending+x@example.org", CreatedAt = now },
                new Signature { CampaignId = campaignId, State = SignatureState.Confirmed, Language = "fr", FirstName = "Old", SealedEmail = "old.confirmed@example.org", EmailKey = "old.confirmed@example.org", CreatedAt = now },
                new Signature { CampaignId = campaignId, State = SignatureState.Confirmed, Language = "fr", FirstName = "Old", AcceptsNews = true, SealedEmail = "old.news@example.org", EmailKey = "old.news@example.org", CreatedAt = now });
            return await db.SaveChangesAsync();
        });

        await _app.WithAsync<ResealAddresses, int>(reseal => reseal.RunOnceAsync(CancellationToken.None));

        // A variable, not a constant: EF Core would write a constant into the SQL it logs.
        var name = "Old";
        var rows = await _app.WithDbAsync(db => db.Signatures.Where(s => s.FirstName == name).OrderBy(s => s.Id).ToListAsync());
        Assert.Equal([_app.KeyOf("old.pending@example.org"), _app.KeyOf("old.confirmed@example.org"), _app.KeyOf("old.news@example.org")], rows.Select(r => r.EmailKey));
        Assert.Equal("Old.Pending+x@Example.org", _app.Addresses.Open(rows[0].SealedEmail!));
        Assert.Null(rows[1].SealedEmail);
        Assert.Equal("old.news@example.org", _app.Addresses.Open(rows[2].SealedEmail!));
        Assert.All(rows, r => Assert.Equal("example.org", r.EmailDomain));
    }
}
