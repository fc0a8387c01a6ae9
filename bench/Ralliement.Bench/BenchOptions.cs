using System.Globalization;

namespace Ralliement.Bench;

/// <summary>What to run, read from the command line; defaults are paths from the repository's root.</summary>
public sealed record BenchOptions
{
    /// <summary>The application's built assembly.</summary>
    public required string App { get; init; }
    public required string ContentRoot { get; init; }
    /// <summary>The folder of the wrk scripts.</summary>
    public required string Scripts { get; init; }
    /// <summary>How many seconds each load run lasts.</summary>
    public required int Seconds { get; init; }
    /// <summary>How many signatures the large-campaign scenario loads (0 skips it).</summary>
    public required int LargeRows { get; init; }
    /// <summary>The PostgreSQL connection string; null runs SQLite alone.</summary>
    public string? Postgres { get; init; }
    /// <summary><c>sqlite</c> or <c>postgres</c> to run one database only.</summary>
    public string? Only { get; init; }
    /// <summary>How long the paced signing runs with SMTP on (0 skips the mail scenarios).</summary>
    public required int MailSeconds { get; init; }
    /// <summary>Where Postfix's package is unpacked (run.sh does it), for smtp-sink and smtp-source.</summary>
    public string? Postfix { get; init; }
    /// <summary>
    /// The app's SMTP pool in the mail scenarios (<c>Mail:Smtp:Connections</c>); 0 keeps the app's default (4).
    /// 20 by default, Postfix's own number of connections to one destination (default_destination_concurrency_limit):
    /// each connection carries about one email per three round trips, so a provider 30 ms away takes about
    /// 11 emails a second from each.
    /// </summary>
    public required int MailConnections { get; init; }

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
        return new BenchOptions
        {
            App = Path.GetFullPath(Get("app", "src/Ralliement/bin/Release/net10.0/Ralliement.dll")),
            ContentRoot = Path.GetFullPath(Get("content-root", "src/Ralliement")),
            Scripts = Path.GetFullPath(Get("scripts", "bench/scripts")),
            Seconds = int.Parse(Get("seconds", "10"), CultureInfo.InvariantCulture),
            LargeRows = int.Parse(Get("large", "1000000"), CultureInfo.InvariantCulture),
            Postgres = postgres.Length > 0 ? postgres : null,
            Only = values.GetValueOrDefault("only"),
            MailSeconds = int.Parse(Get("mail-seconds", "60"), CultureInfo.InvariantCulture),
            Postfix = values.TryGetValue("postfix", out var postfixRoot) ? Path.GetFullPath(postfixRoot) : null,
            MailConnections = int.Parse(Get("mail-connections", "20"), CultureInfo.InvariantCulture),
        };
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
