using System.Security.Cryptography;
using System.Text.Json;

namespace Ralliement.Privacy;

/// <summary>
/// The secrets that protect signers' addresses, from configuration (<c>Privacy:AddressHashKey</c>,
/// <c>Privacy:EncryptionKeys:{name}</c>, <c>Privacy:CurrentEncryptionKey</c>), each 32 random bytes in
/// base 64. They are kept apart from the database on purpose: a stolen copy of the database alone
/// gives neither the addresses nor a way to test guesses against their hashes.
/// </summary>
public sealed class PrivacyKeys
{
    public const int KeyBytes = 32;

    public PrivacyKeys(byte[] addressHashKey, IReadOnlyDictionary<string, byte[]> encryptionKeys, string current)
    {
        if (addressHashKey.Length != KeyBytes || encryptionKeys.Values.Any(k => k.Length != KeyBytes))
        {
            throw new InvalidOperationException($"Privacy keys must be {KeyBytes} bytes, written in base 64.");
        }
        if (!encryptionKeys.ContainsKey(current))
        {
            throw new InvalidOperationException($"Privacy:CurrentEncryptionKey \"{current}\" is not one of Privacy:EncryptionKeys.");
        }
        if (encryptionKeys.Keys.Any(name => name.Length is 0 or > 40 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            throw new InvalidOperationException("Names of Privacy:EncryptionKeys are 1 to 40 letters, digits, '-' or '_'.");
        }
        AddressHashKey = addressHashKey;
        EncryptionKeys = encryptionKeys;
        Current = current;
    }

    /// <summary>Never rotated: addresses kept only as a hash cannot be hashed again with another key.</summary>
    public byte[] AddressHashKey { get; }

    /// <summary>Every key that may have sealed an address; old ones stay until nothing is sealed with them.</summary>
    public IReadOnlyDictionary<string, byte[]> EncryptionKeys { get; }

    /// <summary>The key new addresses are sealed with; <see cref="ResealAddresses"/> moves older ones to it.</summary>
    public string Current { get; }

    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>
    /// The configured keys; with none configured, keys generated once into the data folder, which is
    /// what the embedded SQLite default needs. Several nodes on one PostgreSQL must share the same
    /// keys, so there the configuration is required.
    /// </summary>
    public static PrivacyKeys Load(IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection("Privacy");
        if (section["AddressHashKey"] is { Length: > 0 })
        {
            return FromSection(section);
        }
        if (configuration.ChosenDatabase() == DatabaseProvider.Postgres)
        {
            throw new InvalidOperationException(
                "With PostgreSQL, give Privacy:AddressHashKey, Privacy:EncryptionKeys and Privacy:CurrentEncryptionKey in the configuration, "
                + "the same on every node (`dotnet run --project src/Ralliement -- keys new` writes a set).");
        }
        return LoadOrCreateFile(Path.Combine(configuration.DataDirectory(environment), "keys", "privacy-keys.json"));
    }

    /// <summary>A fresh set, as configuration (JSON) or as the generated file.</summary>
    public static string NewSetJson()
    {
        var name = $"k{DateTime.UtcNow:yyyyMMdd}";
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["Privacy"] = new Dictionary<string, object>
            {
                ["AddressHashKey"] = NewKey(),
                ["EncryptionKeys"] = new Dictionary<string, string> { [name] = NewKey() },
                ["CurrentEncryptionKey"] = name,
            },
        }, Indented);
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static PrivacyKeys LoadOrCreateFile(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + ".new";
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                // Readable by this account only.
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using (var file = new FileStream(temporary, options))
            using (var writer = new StreamWriter(file))
            {
                writer.Write(NewSetJson());
            }
            // Two processes starting at once on a new folder: the first file in place wins, both use it.
            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary);
            }
        }
        var configuration = new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).Build();
        return FromSection(configuration.GetSection("Privacy"));
    }

    private static PrivacyKeys FromSection(IConfigurationSection section)
    {
        var keys = section.GetSection("EncryptionKeys").GetChildren()
            .ToDictionary(k => k.Key, k => Decode(k.Value, $"Privacy:EncryptionKeys:{k.Key}"), StringComparer.Ordinal);
        var current = section["CurrentEncryptionKey"] is { Length: > 0 } name ? name : keys.Keys.Order(StringComparer.Ordinal).LastOrDefault() ?? "";
        return new PrivacyKeys(Decode(section["AddressHashKey"], "Privacy:AddressHashKey"), keys, current);
    }

    private static byte[] Decode(string? value, string name)
    {
        try
        {
            return Convert.FromBase64String(value ?? "");
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{name} is not base 64.");
        }
    }
}
