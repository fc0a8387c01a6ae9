using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;

namespace Ralliement.Shared;

/// <summary>
/// The keys that protect cookies, antiforgery tokens and organisers' one-time links live in the
/// database, so every node reads the same ones: a form served by one node and posted to another
/// behind a proxy is accepted, and a link printed by an admin command opens on any node. They were
/// files in <c>DataDirectory/keys</c> before; those are copied in once, so no session, open form or
/// invitation link of a site that upgrades stops working.
/// </summary>
public static class DataProtectionKeys
{
    public static void AddDataProtectionKeys(this WebApplicationBuilder builder) =>
        builder.Services.AddDataProtection()
            .SetApplicationName("Ralliement")
            .PersistKeysToDbContext<RalliementDb>();

    /// <summary>Copies the key files of the former keys folder into the database, those it does not hold yet.</summary>
    public static async Task ImportKeyFilesAsync(this IServiceProvider services)
    {
        var folder = Path.Combine(services.GetRequiredService<IConfiguration>().DataDirectory(services.GetRequiredService<IHostEnvironment>()), "keys");
        if (!Directory.Exists(folder))
        {
            return;
        }
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RalliementDb>();
        var held = (await db.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync()).ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(folder, "key-*.xml"))
        {
            // The file system repository names each file after its key, as the database one names its rows.
            var name = Path.GetFileNameWithoutExtension(file);
            if (!held.Contains(name))
            {
                db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = name, Xml = await File.ReadAllTextAsync(file) });
            }
        }
        await db.SaveChangesAsync();
    }
}
