using System.Net;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Hostile;

/// <summary>
/// One fuzzing worker's browsers: a visitor, a signed-in owner, and an owner whose requests go to the
/// logout page (signed in again after being signed out). It remembers each page's forms and token, read
/// once with the browser that posts to it, as a person's browser would have them.
/// </summary>
public sealed class FuzzSender : IAsyncDisposable
{
    private readonly RalliementApp _app;
    private readonly Dictionary<(Sender, string), PageForms> _forms = [];
    private readonly HttpClient _visitor;
    private HttpClient _owner = null!;
    private HttpClient _leaver = null!;
    private string _leaverEmail = "";

    private FuzzSender(RalliementApp app)
    {
        _app = app;
        _visitor = app.Browser();
    }

    public static async Task<FuzzSender> StartAsync(RalliementApp app)
    {
        var sender = new FuzzSender(app);
        sender._owner = await app.SignedInAsync(OrganisationRole.Owner);
        sender._leaverEmail = await app.OrganiserAccountAsync(OrganisationRole.Owner);
        sender._leaver = await sender.LogInAsync(sender._leaverEmail);
        return sender;
    }

    /// <summary>The browser for the request; a public page is also visited by the signed-in owner now and then.</summary>
    public Task<HttpClient> ClientAsync(Sender who, Random random) => Task.FromResult(who switch
    {
        Sender.Owner => _owner,
        Sender.OwnerSigningOut => _leaver,
        _ => random.Next(5) == 0 ? _owner : _visitor,
    });

    /// <summary>The forms of the page at the valid path, read with this browser; for a hostile path, they post to it instead.</summary>
    public async Task<PageForms> FormsAsync(HttpClient client, Sender who, string validPath, string path)
    {
        var key = (client == _owner ? Sender.Owner : who, validPath);
        if (!_forms.TryGetValue(key, out var forms))
        {
            using var response = await client.GetAsync(validPath);
            var html = await response.Content.ReadAsStringAsync();
            forms = response.StatusCode == HttpStatusCode.OK && response.Content.Headers.ContentType?.MediaType == "text/html"
                ? PageForms.Read(html, validPath)
                : new PageForms([], [validPath], null);
            _forms[key] = forms;
        }
        return path == validPath ? forms : forms with { Actions = [path] };
    }

    /// <summary>After a request to the logout page: a new session if that one was closed, so the next request is signed in again.</summary>
    public async Task SignBackInIfOutAsync()
    {
        using var response = await _leaver.GetAsync($"/fr/organiser/{RalliementApp.DemoOrganisation}");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            _leaver.Dispose();
            _leaver = await LogInAsync(_leaverEmail);
            Forget(Sender.OwnerSigningOut);
        }
    }

    /// <summary>
    /// The owner may have lost its role or session to a fuzzed form (members, account pages): then
    /// another owner takes over, so that organiser pages keep being reached signed in.
    /// </summary>
    public async Task KeepOwnerAsync()
    {
        using var response = await _owner.GetAsync($"/fr/organiser/{RalliementApp.DemoOrganisation}/settings");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            _owner.Dispose();
            _owner = await _app.SignedInAsync(OrganisationRole.Owner);
            Forget(Sender.Owner);
        }
    }

    private void Forget(Sender who)
    {
        foreach (var key in _forms.Keys.Where(k => k.Item1 == who).ToList())
        {
            _forms.Remove(key);
        }
    }

    private async Task<HttpClient> LogInAsync(string email)
    {
        var client = _app.Browser();
        var response = await RalliementApp.LogInAsync(client, email, RalliementApp.TestPassword);
        return response.StatusCode == HttpStatusCode.Redirect ? client : throw new InvalidOperationException($"Signing in again answered {(int)response.StatusCode}.");
    }

    public ValueTask DisposeAsync()
    {
        _visitor.Dispose();
        _owner.Dispose();
        _leaver.Dispose();
        return ValueTask.CompletedTask;
    }
}
