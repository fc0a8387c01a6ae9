using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.ScaleOut;

/// <summary>The keys of cookies, antiforgery and one-time links are in the database, and a site that kept them in files keeps them.</summary>
[BothDatabases]
public sealed class SharedKeysTests
{
    [Fact]
    public async Task What_a_key_of_the_former_keys_folder_protected_still_opens_once_the_keys_live_in_the_database()
    {
        using var app = new RalliementApp();
        // As a site before this version: its keys as files in DataDirectory/keys.
        var folder = new DirectoryInfo(Path.Combine(app.DataDirectory, "keys"));
        var former = DataProtectionProvider.Create(folder, options => options.SetApplicationName("Ralliement"));
        var sealedLink = former.CreateProtector("one-time link").Protect("organiser 42");
        var files = folder.GetFiles("key-*.xml").Select(file => Path.GetFileNameWithoutExtension(file.Name)).ToList();

        var opened = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("one-time link").Unprotect(sealedLink);

        Assert.Equal("organiser 42", opened);
        var held = await app.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync());
        Assert.NotEmpty(files);
        Assert.Subset(files.ToHashSet(), held.OfType<string>().ToHashSet());
    }

    [Fact]
    public async Task A_new_site_keeps_its_keys_in_the_database_and_writes_no_key_file()
    {
        using var app = new RalliementApp();
        var protectedText = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("x");

        Assert.Equal("x", app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText));
        Assert.NotEmpty(await app.WithDbAsync(db => db.DataProtectionKeys.ToListAsync()));
        var folder = Path.Combine(app.DataDirectory, "keys");
        Assert.Empty(Directory.Exists(folder) ? Directory.GetFiles(folder, "key-*.xml") : []);
    }
}
