using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Ralliement.Data;
using Ralliement.News;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Hostile;

/// <summary>
/// The secrets in links cannot be guessed: measured on the links the site really sends (confirmation,
/// withdrawal, invitation) and on unsubscribe tokens, then, as a complement, the code that receives a
/// token is read to check that it looks the token up by its hash rather than comparing it as text.
/// </summary>
public sealed partial class TokenTests(RalliementApp app) : IClassFixture<RalliementApp>
{
    /// <summary>At least 128 bits: 22 base64url characters. Ralliement's own tokens carry 256 (43 characters).</summary>
    private const int MinimumCharacters = 22;

    [Fact]
    public async Task Links_sent_to_signers_and_invitees_carry_at_least_128_random_bits()
    {
        var tokens = new List<string>();
        for (var i = 0; i < 16; i++)
        {
            var email = RalliementApp.UniqueEmail("token");
            await app.SignAsync(RalliementApp.Form(email));
            var mail = await app.EmailToAsync(email);
            // One secret per signature opens both of its links (confirm and withdraw).
            tokens.AddRange(new[] { RalliementApp.LinkIn(mail, "confirm"), RalliementApp.LinkIn(mail, "withdraw") }.Select(l => l.Split('/')[^1]).Distinct());
        }
        using var owner = await app.SignedInAsync(OrganisationRole.Owner);
        var members = $"/fr/organiser/{RalliementApp.DemoOrganisation}/members";
        for (var i = 0; i < 8; i++)
        {
            var email = RalliementApp.UniqueEmail("invitee");
            var invited = await RalliementApp.PostFormAsync(owner, members + "?handler=invite", new() { ["Email"] = email, ["Role"] = "Editor" }, members);
            Assert.True((int)invited.StatusCode < 400, $"Inviting answered {(int)invited.StatusCode}");
            tokens.Add(InvitationToken().Match((await app.EmailToAsync(email)).TextBody ?? "").Groups[1].Value);
        }

        Assert.All(tokens, t => Assert.Matches($"^[A-Za-z0-9_-]{{{MinimumCharacters},}}$", t));
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
        // Drawn uniformly from 64 symbols, about 1,000 characters use nearly all of them (a counter, a
        // hex string or a timestamp would not): the chance that more than two are missing is below 1 in 10^10.
        Assert.True(tokens.SelectMany(t => t).Distinct().Count() >= 62, $"Only {tokens.SelectMany(t => t).Distinct().Count()} symbols used");
    }

    [Fact]
    public void Unsubscribe_tokens_are_authenticated_and_cannot_be_forged_or_altered()
    {
        var tokens = app.Services.GetRequiredService<UnsubscribeTokens>();
        var issued = Enumerable.Range(1, 50).Select(id => tokens.For(id)).Append(tokens.For(1)).ToList();

        Assert.All(issued, t => Assert.True(WebEncoders.Base64UrlDecode(t).Length >= 16 + 32, "shorter than a data protection payload"));
        Assert.Equal(issued.Count, issued.Distinct().Count());
        Assert.Equal(1, tokens.SignatureOf(issued[0]));
        foreach (var token in issued.Take(10))
        {
            var altered = token[..^3] + (token[^3] == 'A' ? 'B' : 'A') + token[^2..];
            Assert.Null(tokens.SignatureOf(altered));
        }
        Assert.Null(tokens.SignatureOf(new string('A', issued[0].Length)));
    }

    [Fact]
    public async Task An_altered_link_opens_nothing()
    {
        var email = RalliementApp.UniqueEmail("altered");
        await app.SignAsync(RalliementApp.Form(email));
        var link = RalliementApp.LinkIn(await app.EmailToAsync(email), "confirm");
        var altered = link[..^1] + (link[^1] == 'A' ? 'B' : 'A');
        using var client = app.Browser();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(altered)).StatusCode);
    }

    /// <summary>
    /// Reading the code, as a complement: every page that receives a token from a link looks it up by its
    /// SHA-256 (SecretTokens.HashOf, then an indexed equality in the database, which an attacker cannot
    /// steer byte by byte) or opens it with Data Protection's authenticated encryption; none compares
    /// the token itself as text, whose time would depend on the first differing character.
    /// </summary>
    [Theory]
    [InlineData("Confirmation/ConfirmSignature.cs", "SecretTokens.HashOf(token)")]
    [InlineData("Confirmation/WithdrawSignature.cs", "SecretTokens.HashOf(token)")]
    [InlineData("Organisations/AcceptInvitation.cs", "SecretTokens.HashOf(token)")]
    [InlineData("News/UnsubscribeTokens.cs", "_protector.Unprotect(")]
    public void Tokens_are_looked_up_by_hash_never_compared_as_text(string file, string lookup)
    {
        var source = File.ReadAllText(Path.Combine(RalliementProcess.ContentRoot, file));
        Assert.Contains(lookup, source, StringComparison.Ordinal);
        Assert.DoesNotMatch(TextComparison(), source);
    }

    [GeneratedRegex(@"/organiser/invitation/([A-Za-z0-9_-]+)")]
    private static partial Regex InvitationToken();

    [GeneratedRegex(@"\b[Tt]oken\s*[!=]=\s*[a-zA-Z""]|[Tt]oken\.Equals\(|string\.Equals\([^)]*[Tt]oken", RegexOptions.None)]
    private static partial Regex TextComparison();
}
