using System.Net;
using System.Net.Sockets;

namespace Ralliement.AntiAbuse;

/// <summary>
/// The network a client is on, as rate limits key it: an IPv4 address's /24, an IPv6 address's /64
/// (what one household or one machine is usually given, so a single host cannot hop between
/// addresses of its prefix), an IPv4-mapped IPv6 address as the IPv4 one. The result lives in
/// memory only, as a rate limiter's partition key: it is never logged nor stored.
/// </summary>
public static class ClientNetwork
{
    /// <summary>The key of a request's network, from <c>Connection.RemoteIpAddress</c> (set by the forwarded headers of a known proxy).</summary>
    public static string Of(HttpContext context) => Of(context.Connection.RemoteIpAddress);

    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            // In-process hosts (tests, Unix sockets) have no address: they share one bucket.
            return "none";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        var bytes = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            bytes[3] = 0;
            return $"{new IPAddress(bytes)}/24";
        }
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
