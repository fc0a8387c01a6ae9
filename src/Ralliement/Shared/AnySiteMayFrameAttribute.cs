using Microsoft.AspNetCore.Mvc.Filters;

namespace Ralliement.Shared;

/// <summary>
/// Marks a page that other sites may show in a frame: the display kit's card, which a collective's
/// supporters put on their own sites. Its policy says <c>frame-ancestors *</c>; every other response
/// keeps <c>'none'</c>, so a page framed to trick a visitor into clicking (clickjacking) can only be
/// one that holds a link and no form. The mark is the page's endpoint metadata, read where the policy
/// is written (<see cref="WebSecurity.ContentSecurityPolicyOf"/>), and nothing matches paths by hand.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AnySiteMayFrameAttribute : Attribute, IResultFilter
{
    /// <summary>Only the page itself: a 404 or an error rendered in its place keeps <c>'none'</c>.</summary>
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is PageResult)
        {
            context.HttpContext.Response.Headers.ContentSecurityPolicy = WebSecurity.ContentSecurityPolicyOf(context.HttpContext);
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
