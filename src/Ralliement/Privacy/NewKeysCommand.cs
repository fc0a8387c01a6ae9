using Ralliement.Admin;

namespace Ralliement.Privacy;

/// <summary><c>Ralliement keys new</c>: a new set of privacy keys, for a new site's configuration.</summary>
public static class NewKeysCommand
{
    public const string Usage = """
        Usage: Ralliement keys new
          Prints a new set of privacy keys (Privacy:AddressHashKey, Privacy:EncryptionKeys) as JSON
          configuration. The address hash key is for a new site only: it can never change.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, Func<Stream> standardOutput, TextWriter errors)
    {
        if (args.Count != 2 || args[1] != "new")
        {
            await errors.WriteLineAsync(AdminCommands.Usage);
            return 2;
        }
        await using var keys = new StreamWriter(standardOutput());
        await keys.WriteLineAsync(PrivacyKeys.NewSetJson());
        return 0;
    }
}
