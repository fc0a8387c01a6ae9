using Microsoft.AspNetCore.Mvc.Filters;

namespace Ralliement.Shared;

/// <summary>
/// One source more than the site's content security policy gives every page, for one page: the display
/// kit's card that any site may frame (<c>frame-ancestors *</c>), the kit page that frames the site's own
/// card as its preview (<c>frame-src 'self'</c>), the fediverse form whose answer sends the visitor to
/// their instance (<c>form-action https:</c>: browsers hold a form's redirect to it). It is the page's
/// endpoint metadata, read wherever the policy is written (<see cref="WebSecurity.ContentSecurityPolicyOf"/>),
/// so no path is matched by hand, and it reaches only the page itself: a 404 or an error rendered in
/// its place keeps the site's policy (a page framed to trick a visitor into clicking can only be one
/// that holds a link and no form).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class PolicyAllowsAttribute(string directive, string source) : Attribute, IResultFilter
{
    public string Directive { get; } = directive;

    public string Source { get; } = source;

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
