using System.CommandLine;
using Ralliement.Privacy;

namespace Ralliement.Admin;

/// <summary><c>Ralliement keys new</c>: a new set of privacy keys, for a new site's configuration.</summary>
internal static class NewKeysCommand
{
    public static Command Create(AdminConsole console)
    {
        var generate = new Command("new", """
            Prints a new set of privacy keys (Privacy:AddressHashKey, Privacy:EncryptionKeys) as JSON
            configuration. The address hash key is for a new site only: it can never change.
            """);
        generate.SetAction(async (_, _) =>
        {
            await using var keys = new StreamWriter(console.OpenOutput());
            await keys.WriteLineAsync(PrivacyKeys.NewSetJson());
            return AdminCommandLine.Done;
        });
        return new Command("keys", "Prints new privacy keys for a new site.") { generate };
    }
}
