namespace Ralliement.Bench;

/// <summary>
/// Signature POSTs through sign.lua, each with its own proof of work from a pool solved against the
/// app that takes them (a pool is only good for the app process that issued its challenges).
/// </summary>
public sealed class SigningLoad(BenchOptions options, string name, Report report)
{
    /// <summary>Time for answers still on their way after the scripts' deadline (see common.lua).</summary>
    public const int DrainSeconds = 4;

    private string _proofs = "";
    private int _solved;
    private long _proofsUsed;

    /// <summary>Solves a new pool; the scenarios that follow take their proofs from it, in order.</summary>
    public async Task SolveAsync(AppProcess app, int count, string file)
    {
        Report.Progress($"{name}: solving {count:N0} proofs of work");
        await ProofPool.WriteAsync(app.Address, BenchOptions.Slug, count, file);
        (_proofs, _solved, _proofsUsed) = (file, count, 0);
    }

    /// <summary>The rate is what the script counted over its own active time.</summary>
    /// <param name="budget">At most this many POSTs in all (0: as many as the time allows).</param>
    /// <param name="domain">Every address at this domain (null: one of a thousand, as at a viral peak).</param>
    public async Task<WrkResult> SignAsync(string url, string prefix, int seconds, double rate, int connections, int budget = 0, string? domain = null)
    {
        var result = await Wrk.RunAsync(url, connections, seconds, Path.Combine(options.Scripts, "sign.lua"),
            [prefix, $"{seconds}", $"{rate}", $"{Wrk.Threads}", _proofs, $"{_proofsUsed}", $"{budget}", domain ?? ""], DrainSeconds);
        // Each thread took every Threads-th line from the offset, and threads send a little unevenly:
        // the next scenario starts safely after them all.
        _proofsUsed += result.Count("sent") * 11 / 10 + Wrk.Threads;
        report.Line($"{name}_{prefix}_proofs_reused", Math.Max(0, _proofsUsed - _solved));
        return WithScriptRate(result);
    }

    public static WrkResult WithScriptRate(WrkResult result)
    {
        var answered = result.Count("ok") + result.Count("client_errors") + result.Count("server_errors");
        var seconds = result.Counts.GetValueOrDefault("seconds");
        return result with { RequestsPerSecond = seconds > 0 ? answered / seconds : 0 };
    }
}
