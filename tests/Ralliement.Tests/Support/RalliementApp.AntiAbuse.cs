namespace Ralliement.Tests.Support;

public partial class RalliementApp
{
    /// <summary>
    /// Trusts the test client as a reverse proxy, so that a test chooses the client's address with
    /// X-Forwarded-For, as the proxy in front of a real site would write it.
    /// </summary>
    public RalliementApp BehindProxy()
    {
        Settings["ReverseProxy:KnownProxies:0"] = "127.0.0.1";
        Settings["ReverseProxy:KnownProxies:1"] = "::1";
        return this;
    }

    /// <summary>Signs the demo campaign from a client address, through the trusted proxy.</summary>
    public async Task<HttpResponseMessage> SignFromAsync(string clientAddress, Dictionary<string, string> form, string language = "fr")
    {
        using var client = Browser();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        return await client.PostAsync($"/{language}/c/{Slug}/sign", new FormUrlEncodedContent(form));
    }
}
