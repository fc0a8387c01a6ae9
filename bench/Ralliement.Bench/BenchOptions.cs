using System.Globalization;

namespace Ralliement.Bench;

/// <summary>What to run, read from the command line; defaults are paths from the repository's root.</summary>
/// <param name="MailSeconds">How long the paced signing runs with SMTP on (0 skips the mail scenarios).</param>
/// <param name="Postfix">Where Postfix's package is unpacked (run.sh does it), for smtp-sink and smtp-source.</param>
/// <param name="MailConnections">
/// The app's SMTP pool in the mail scenarios (<c>Mail:Smtp:Connections</c>); 0 keeps the app's default (4).
/// 20 by default, Postfix's own number of connections to one destination (default_destination_concurrency_limit):
/// each connection carries about one email per three round trips, so a provider 30 ms away takes about
/// 11 emails a second from each.
/// </param>
public sealed record BenchOptions(
    string App,
    string ContentRoot,
    string Scripts,
    int Seconds,
    int LargeRows,
    string? Postgres,
    string? Only,
    int MailSeconds,
    string? Postfix,
    int MailConnections)
{
    public const string Slug = "objection-ia-generative";

    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }
        string Get(string name, string fallback) => values.TryGetValue(name, out var value) ? value : fallback;
        var postgres = Get("postgres", Environment.GetEnvironmentVariable("RALLIEMENT_TEST_POSTGRES") ?? "");
        return new BenchOptions(
            Path.GetFullPath(Get("app", "src/Ralliement/bin/Release/net10.0/Ralliement.dll")),
            Path.GetFullPath(Get("content-root", "src/Ralliement")),
            Path.GetFullPath(Get("scripts", "bench/scripts")),
            int.Parse(Get("seconds", "10"), CultureInfo.InvariantCulture),
            int.Parse(Get("large", "1000000"), CultureInfo.InvariantCulture),
            postgres.Length > 0 ? postgres : null,
            values.GetValueOrDefault("only"),
            int.Parse(Get("mail-seconds", "60"), CultureInfo.InvariantCulture),
            values.TryGetValue("postfix", out var postfixRoot) ? Path.GetFullPath(postfixRoot) : null,
            int.Parse(Get("mail-connections", "20"), CultureInfo.InvariantCulture));
    }

    public IEnumerable<BenchDatabase> Databases()
    {
        if (Only is null or "sqlite")
        {
            yield return new SqliteDatabase();
        }
        if (Only is null or "postgres")
        {
            if (Postgres is null)
            {
                Console.WriteLine("postgres=skipped (no connection string: run through bench/run.sh)");
            }
            else
            {
                yield return new PostgresDatabase(Postgres);
            }
        }
    }
}
