using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Ralliement.Bench;

/// <summary>
/// Proofs of work for the signing scenarios, as a browser would bring them: a challenge from the
/// app's endpoint and a nonce found by the published rule (SHA-256 of challenge + nonce with
/// <see cref="Difficulty"/> leading zero bits). Solved before the load, so wrk measures the server,
/// whose cost does not depend on the difficulty (one HMAC, one hash, one set lookup). Each is used
/// once; the scripts take them in order from a file, one line "challenge nonce" each.
/// </summary>
public static class ProofPool
{
    /// <summary>Low, so solving 100,000 takes seconds; the app is started with the same.</summary>
    public const int Difficulty = 4;

    public static async Task<int> WriteAsync(string appAddress, string slug, int count, string file)
    {
        using var client = new HttpClient { BaseAddress = new Uri(appAddress) };
        var lines = new string[count];
        var next = -1;
        // A few requests at once: the challenges cost the app a keyed hash each, and the idle app is quick.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                using var answer = await client.GetAsync($"/api/proof-of-work?campaign={Uri.EscapeDataString(slug)}");
                answer.EnsureSuccessStatusCode();
                using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
                var challenge = json.RootElement.GetProperty("challenge").GetString()!;
                lines[i] = $"{challenge} {Solve(challenge, json.RootElement.GetProperty("difficulty").GetInt32())}";
            }
        }));
        await File.WriteAllLinesAsync(file, lines);
        return count;
    }

    private static long Solve(string challenge, int difficulty)
    {
        for (long nonce = 0; ; nonce++)
        {
            var hash = SHA256.HashData(Encoding.ASCII.GetBytes(challenge + nonce.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if (LeadingZeroBits(hash) >= difficulty)
            {
                return nonce;
            }
        }
    }

    private static int LeadingZeroBits(byte[] hash)
    {
        var bits = 0;
        foreach (var b in hash)
        {
            if (b == 0)
            {
                bits += 8;
                continue;
            }
            return bits + System.Numerics.BitOperations.LeadingZeroCount((uint)b) - 24;
        }
        return bits;
    }
}
