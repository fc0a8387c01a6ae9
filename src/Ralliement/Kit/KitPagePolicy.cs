namespace Ralliement.Kit;

/// <summary>
/// Two kit pages need one source more than the site's content security policy gives every page: the
/// kit page frames the site's own card as its preview (<c>frame-src 'self'</c>), and the fediverse
/// form's answer sends the visitor to their instance (<c>form-action https:</c>: browsers hold a
/// form's redirect to it). The layout writes the policy when it adds a collective's colour, so a page
/// calls this from its <c>Head</c> section, which the layout renders after that.
/// </summary>
public static class KitPagePolicy
{
    public static void Allow(HttpResponse response, string directive, string source)
    {
        var directives = response.Headers.ContentSecurityPolicy.ToString().Split("; ").ToList();
        var index = directives.FindIndex(d => d.StartsWith(directive + " ", StringComparison.Ordinal));
        if (index < 0)
        {
            directives.Add($"{directive} {source}");
        }
        else if (!directives[index].Split(' ').Contains(source))
        {
            directives[index] += " " + source;
        }
        response.Headers.ContentSecurityPolicy = string.Join("; ", directives);
    }
}
