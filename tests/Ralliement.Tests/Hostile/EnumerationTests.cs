using System.Net;
using System.Text.RegularExpressions;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Hostile;

/// <summary>
/// Forms that take an email address answer the same, status and page, whatever the address: unknown,
/// an organiser's, a confirmed signer's, a pending one's, a withdrawn one's. Only the typed address
/// (echoed back in the form) and the antiforgery token differ, and both are removed before comparing.
/// A new such form (the signer's self-service page, for instance) is one line in <see cref="Forms"/>.
/// </summary>
public sealed partial class EnumerationTests(EnumerationTests.Addresses addresses) : IClassFixture<EnumerationTests.Addresses>
{
    /// <summary>A form taking an address: where it posts, the page holding its token (null: it takes none), and its other fields.</summary>
    public sealed record AddressForm(string Path, string? TokenPage, Dictionary<string, string> Fields, string EmailField = "Email");

    private static readonly Dictionary<string, AddressForm> Forms = new()
    {
        ["sign"] = new($"/fr/c/{RalliementApp.Slug}/sign", null, RalliementApp.Form("")),
        ["login"] = new("/fr/organiser/login", "/fr/organiser/login", new() { ["Password"] = "pas le bon mot de passe" }),
        ["forgot-password"] = new("/fr/organiser/forgot-password", "/fr/organiser/forgot-password", []),
        ["my-signature"] = new($"/fr/c/{RalliementApp.Slug}/my-signature", null, []),
    };

    public static TheoryData<string> FormNames() => new(Forms.Keys);

    [Theory]
    [MemberData(nameof(FormNames))]
    public async Task The_answer_is_the_same_whatever_the_address(string name)
    {
        var form = Forms[name];
        var answers = new List<(string Kind, string Answer)>();
        foreach (var (kind, address) in await addresses.AllAsync())
        {
            answers.Add((kind, await AnswerAsync(form, address)));
        }

        var first = answers[0];
        foreach (var other in answers.Skip(1))
        {
            Assert.True(first.Answer == other.Answer, $"{name}: the answer for {other.Kind} differs from the one for {first.Kind}:\n--- {first.Kind}\n{first.Answer}\n--- {other.Kind}\n{other.Answer}");
        }
    }

    /// <summary>Status, where it sends, and the page, with the typed address and the token taken out.</summary>
    private async Task<string> AnswerAsync(AddressForm form, string address)
    {
        using var client = addresses.App.Browser();
        var fields = new Dictionary<string, string>(form.Fields) { [form.EmailField] = address };
        var response = form.TokenPage is null
            ? await client.PostAsync(form.Path, new FormUrlEncodedContent(fields))
            : await RalliementApp.PostFormAsync(client, form.Path, fields, form.TokenPage);
        var page = await response.Content.ReadAsStringAsync();
        page = Token().Replace(page, "").Replace(address, "ADDRESS", StringComparison.OrdinalIgnoreCase)
            .Replace(WebUtility.HtmlEncode(address), "ADDRESS", StringComparison.OrdinalIgnoreCase);
        return $"{(int)response.StatusCode} {response.Headers.Location}\n{page}";
    }

    [GeneratedRegex(@"name=""__RequestVerificationToken"" type=""hidden"" value=""[^""]+""")]
    private static partial Regex Token();

    /// <summary>One app, and an address in each state a form could give away.</summary>
    public sealed class Addresses : IAsyncLifetime
    {
        public RalliementApp App { get; } = new();
        private readonly Dictionary<string, string> _byKind = [];

        public async Task InitializeAsync()
        {
            _byKind["an unknown address"] = RalliementApp.UniqueEmail("nobody");
            _byKind["an organiser's address"] = await App.OrganiserAccountAsync(OrganisationRole.Owner);

            var confirmed = RalliementApp.UniqueEmail("confirmed");
            await App.SignAsync(RalliementApp.Form(confirmed));
            await App.ConfirmAsync(await App.EmailToAsync(confirmed));
            _byKind["a confirmed signer's address"] = confirmed;

            var pending = RalliementApp.UniqueEmail("pending");
            await App.SignAsync(RalliementApp.Form(pending));
            await App.EmailToAsync(pending);
            _byKind["a pending signer's address"] = pending;

            var withdrawn = RalliementApp.UniqueEmail("withdrawn");
            await App.SignAsync(RalliementApp.Form(withdrawn));
            var email = await App.EmailToAsync(withdrawn);
            await App.ConfirmAsync(email);
            await App.WithdrawAsync(email);
            _byKind["a withdrawn signer's address"] = withdrawn;
        }

        /// <summary>Each address, made fresh for the unknown one so that no earlier post made it known.</summary>
        public Task<IReadOnlyList<(string Kind, string Address)>> AllAsync()
        {
            _byKind["an unknown address"] = RalliementApp.UniqueEmail("nobody");
            return Task.FromResult<IReadOnlyList<(string, string)>>([.. _byKind.Select(p => (p.Key, p.Value))]);
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }
}
