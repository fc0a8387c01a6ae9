using System.Net.Http.Headers;
using System.Text;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Integration;

/// <summary>Random and hostile requests against the public pages: whatever comes in, no answer is a 5xx.</summary>
public sealed class HostileRequestTests(RalliementApp app) : IClassFixture<RalliementApp>
{
    private static readonly string[] Pieces =
    [
        "<script>alert(1)</script>", "'; DROP TABLE Signatures;--", "\u202E", "\0", "../../etc/passwd", "%00", "%zz",
        new string('A', 3000), "é", "💥", "\r\n", "=HYPERLINK(\"x\")", new string('9', 40), "-1", "true", "on", "", "&", "@",
        "ana@example.org", "\uFEFF", "\u0007",
    ];

    private static readonly string[] Fields =
        ["FirstName", "LastName", "Email", "Institution", "ProfessionalStatus", "Discipline", "Commitments", "ShowPublicly", "ConsentToProcessing", "AcceptsNews", "__RequestVerificationToken", "q"];

    private static readonly string[] Paths =
    [
        "/fr/c/objection-ia-generative/sign", "/en/c/objection-ia-generative/sign", "/fr/c/objection-ia-generative",
        "/fr/c/objection-ia-generative/signatories", "/fr/c/objection-ia-generative/check-your-inbox", "/en/",
        "/fr/confirm/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "/fr/withdraw/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "/fr/c/%3Cscript%3E/sign", "/error/500", "/xx/c/objection-ia-generative",
    ];

    private static readonly string?[] ContentTypes =
        ["application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=latin1", "multipart/form-data; boundary=x", "application/json", "text/plain", null];

    private static readonly HttpMethod[] Methods = [HttpMethod.Post, HttpMethod.Post, HttpMethod.Get, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Head];

    [Fact]
    public async Task A_thousand_hostile_requests_get_no_server_error()
    {
        var random = new Random(20261122);
        using var client = app.Browser();
        var failures = new List<string>();

        for (var i = 0; i < 1000; i++)
        {
            var body = string.Join('&', Enumerable.Range(0, random.Next(0, 12)).Select(_ =>
                Uri.EscapeDataString(Pick(random, Fields)) + "=" + Escape(string.Concat(Enumerable.Range(0, random.Next(0, 4)).Select(_ => Pick(random, Pieces))), random)));
            var method = Pick(random, Methods);
            var path = Pick(random, Paths) + (method == HttpMethod.Get ? "?q=" + Escape(Pick(random, Pieces), random) + "&before=" + Escape(Pick(random, Pieces), random) : "");
            var request = new HttpRequestMessage(method, path);
            if (method != HttpMethod.Get && method != HttpMethod.Head)
            {
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
                if (Pick(random, ContentTypes) is { } type)
                {
                    request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
                }
            }

            var response = await client.SendAsync(request);

            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{(int)response.StatusCode} {method} {path} {body[..Math.Min(body.Length, 200)]}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    /// <summary>Usually a correct escape; sometimes a broken one, as attackers send.</summary>
    private static string Escape(string text, Random random) =>
        random.Next(10) == 0 ? "%" + Pick(random, ["zz", "0", "C3", "ED%A0%80"]) : Uri.EscapeDataString(text);
}
