using Ralliement.Campaigns;

namespace Ralliement.ProofOfWork;

public static class ProofOfWorkServices
{
    public static void AddProofOfWork(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProofOfWorkOptions>()
            .Bind(builder.Configuration.GetSection("AntiAbuse:ProofOfWork"))
            .Validate(o => o.Difficulty is >= 0 and <= ProofOfWorkOptions.MaxDifficulty, $"AntiAbuse:ProofOfWork:Difficulty must be 0 to {ProofOfWorkOptions.MaxDifficulty} bits.")
            .Validate(o => o.Lifetime > TimeSpan.Zero, "AntiAbuse:ProofOfWork:Lifetime must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ChallengeKey>();
        builder.Services.AddSingleton<IssueChallenge>();
        builder.Services.AddSingleton<VerifyProof>();
        builder.Services.AddPeriodicWork<ForgetSpentProofs>();
    }

    public static void MapProofOfWork(this WebApplication app)
    {
        // Never cached anywhere: each signer needs a challenge of their own.
        app.MapGet("/api/proof-of-work", async (string? campaign, ReadCampaign readCampaign, IssueChallenge issue, HttpContext context, CancellationToken cancellationToken) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            var view = campaign is { Length: > 0 and <= 200 } ? await readCampaign.HandleRecentAsync(campaign, "fr", cancellationToken) : null;
            return view is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No public campaign by that name.")
                : Results.Ok(issue.Handle(view.Id));
        });
    }
}
