using Ralliement.Admin;
using Ralliement.Affiliations;
using Ralliement.AntiAbuse;
using Ralliement.Api;
using Ralliement.Backups;
using Ralliement.Campaigns;
using Ralliement.Confirmation;
using Ralliement.Demo;
using Ralliement.Editing;
using Ralliement.Export;
using Ralliement.Feeds;
using Ralliement.Health;
using Ralliement.Importing;
using Ralliement.Kit;
using Ralliement.Mail;
using Ralliement.Metrics;
using Ralliement.Moderation;
using Ralliement.News;
using Ralliement.Notices;
using Ralliement.Organisations;
using Ralliement.Organisers;
using Ralliement.Privacy;
using Ralliement.ProofOfWork;
using Ralliement.Retention;
using Ralliement.SelfService;
using Ralliement.Signing;
using Ralliement.Statistics;

if (await AdminCommands.TryRunAsync(args))
{
    return;
}

var builder = WebApplication.CreateBuilder(args);

builder.AddData();
builder.AddBackups();
builder.AddWebShell();
builder.AddAntiAbuse();
builder.AddMail();
builder.AddCampaigns();
builder.AddNotices();
builder.AddSigning();
builder.AddConfirmation();
builder.AddOrganisers();
builder.AddOrganisations();
builder.AddEditing();
builder.AddAffiliations();
builder.AddModeration();
builder.AddExport();
builder.AddImporting();
builder.AddNews();
builder.AddFeeds();
builder.AddPrivacy();
builder.AddProofOfWork();
builder.AddSelfService();
builder.AddRetention();
builder.AddHealth();
builder.AddMetrics();
builder.AddKit();
builder.AddStatistics();
builder.AddApi();

var app = builder.Build();

// With migrations pending (Database:MigrateOnStart=false) the demo waits: its tables may lack columns.
if (await app.Services.PrepareDatabaseAsync())
{
    await app.Services.SeedDemoAsync();
}

app.UseWebShell();
app.MapCampaigns();
app.MapEditing();
app.MapExport();
app.MapProofOfWork();
app.MapHealth();
app.MapMetrics();
app.MapKit();
app.MapStatistics();
app.MapApi();
app.MapFeeds();

app.Run();

/// <summary>Entry point, public so that tests can host the application.</summary>
public partial class Program;
