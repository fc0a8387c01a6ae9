using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Ralliement.AntiAbuse;

/// <summary>
/// Behind a reverse proxy, every request comes from the proxy's address, so the client's address is
/// taken from its <c>X-Forwarded-For</c> (and the scheme from <c>X-Forwarded-Proto</c>), but only
/// when the request comes from a proxy listed in <c>ReverseProxy:KnownProxies</c> (addresses) or
/// <c>ReverseProxy:KnownNetworks</c> (CIDR ranges): anyone else could write that header and choose
/// their own rate limit bucket. With neither set, the headers are ignored.
/// </summary>
public static class ClientAddresses
{
    public static void AddClientAddresses(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("ReverseProxy");
        var proxies = section.GetSection("KnownProxies").Get<string[]>() ?? [];
        var networks = section.GetSection("KnownNetworks").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults trust loopback; only what the operator lists is trusted here.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy.Trim()));
            }
            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network.Trim()));
            }
            // One proxy in front: the last address it appended is the client's. More hops need
            // each of them listed, and ForwardLimit raised with ReverseProxy:ForwardLimit.
            options.ForwardLimit = section.GetValue("ForwardLimit", 1);
        });
    }

    /// <summary>First in the pipeline, so that everything after sees the client's address.</summary>
    public static void UseClientAddresses(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ForwardedHeadersOptions>>().Value;
        // With no known proxy the middleware would trust every sender's headers: it is left out.
        if (options.KnownProxies.Count > 0 || options.KnownIPNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }
    }
}
