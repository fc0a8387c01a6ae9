using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OutputCaching;

namespace Ralliement.Shared;

/// <summary>
/// Every page is private unless it says it is public: one that does not carry the public pages'
/// output cache (<see cref="PublicPageCaching"/>) answers <c>Cache-Control: no-store</c>, so that
/// neither a browser nor a proxy keeps an organiser's page or a signer's secret link. A new page is
/// private without anyone remembering to say so; its handler may still set a header of its own.
/// </summary>
public sealed class PrivatePages : IPageApplicationModelConvention
{
    public void Apply(PageApplicationModel model)
    {
        if (!model.HandlerTypeAttributes.OfType<OutputCacheAttribute>().Any())
        {
            model.Filters.Add(new NoStore());
        }
    }

    private sealed class NoStore : IPageFilter
    {
        public void OnPageHandlerSelected(PageHandlerSelectedContext context)
        {
        }

        public void OnPageHandlerExecuting(PageHandlerExecutingContext context) =>
            context.HttpContext.Response.Headers.CacheControl = "no-store";

        public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
        {
        }
    }
}
