using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Ralliement.ProofOfWork;

namespace Ralliement.Tests.Support;

/// <summary>What the signing form's script does, done in C#: ask for a challenge, find a nonce.</summary>
public partial class RalliementApp
{
    /// <summary>A challenge for the campaign and its solution, as the two hidden fields of the form; none for an unknown campaign.</summary>
    public async Task<Dictionary<string, string>> ProofAsync(string slug = Slug)
    {
        using var client = Browser();
        using var response = await client.GetAsync($"/api/proof-of-work?campaign={Uri.EscapeDataString(slug)}");
        if (!response.IsSuccessStatusCode)
        {
            return [];
        }
        var issued = (await response.Content.ReadFromJsonAsync<IssueChallenge.Response>())!;
        return new() { ["ProofChallenge"] = issued.Challenge, ["ProofNonce"] = Solve(issued.Challenge, issued.Difficulty) };
    }

    /// <summary>The rule stated on <see cref="Challenge"/>, written again here rather than called, so a change to it shows.</summary>
    public static string Solve(string challenge, int difficulty)
    {
        for (long nonce = 0; ; nonce++)
        {
            var text = challenge + nonce.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var hash = SHA256.HashData(Encoding.ASCII.GetBytes(text));
            if (Challenge.LeadingZeroBits(hash) >= difficulty)
            {
                return nonce.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>The form with a valid proof added, as a browser with JavaScript sends it, unless the test gave one.</summary>
    private async Task<IEnumerable<KeyValuePair<string, string>>> WithProofAsync(IEnumerable<KeyValuePair<string, string>> fields, string slug)
    {
        var list = fields.ToList();
        return list.Any(f => f.Key == "ProofChallenge") ? list : [.. list, .. await ProofAsync(slug)];
    }
}
