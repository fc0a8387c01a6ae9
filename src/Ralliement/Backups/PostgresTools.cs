using System.ComponentModel;
using System.Diagnostics;
using Npgsql;

namespace Ralliement.Backups;

/// <summary>
/// Runs PostgreSQL's own <c>pg_dump</c> and <c>pg_restore</c> on the configured database: host, port,
/// user and database as arguments, the password only in the child's environment (<c>PGPASSWORD</c>),
/// never on a command line that <c>ps</c> shows, never in a message. <c>Backups:PostgresTools</c>
/// names the folder holding them (Debian: <c>/usr/lib/postgresql/17/bin</c>), else they are found on the PATH.
/// </summary>
internal static class PostgresTools
{
    public sealed record Result(bool Found, int ExitCode, string Errors);

    public static string PathOf(string tool, IConfiguration configuration) =>
        configuration["Backups:PostgresTools"] is { Length: > 0 } folder ? Path.Combine(folder, tool) : tool;

    public static async Task<Result> RunAsync(string tool, IConfiguration configuration, string connectionString, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(PathOf(tool, configuration))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (connection.Host is { Length: > 0 } host)
        {
            start.ArgumentList.Add($"--host={host}");
        }
        start.ArgumentList.Add($"--port={connection.Port}");
        if (connection.Username is { Length: > 0 } user)
        {
            start.ArgumentList.Add($"--username={user}");
        }
        // Never ask for a password on a terminal: it comes from the configuration or not at all.
        start.ArgumentList.Add("--no-password");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment.Remove("PGPASSWORD");
        if (connection.Password is { Length: > 0 } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }
        start.Environment["PGSSLMODE"] = connection.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception();
        }
        catch (Win32Exception)
        {
            return new Result(false, -1, "");
        }
        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            await output;
            var text = await errors;
            if (connection.Password is { Length: > 0 } secret)
            {
                text = text.Replace(secret, "***", StringComparison.Ordinal);
            }
            return new Result(true, process.ExitCode, text.Trim());
        }
    }

    /// <summary>The database to name to the tools: <c>--dbname</c> takes a plain name.</summary>
    public static string DatabaseOf(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString).Database ?? "";
}
