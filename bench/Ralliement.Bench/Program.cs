using Ralliement.Bench;

// The benchmark's table of contents: for each database, the machine's ceiling (a bare Kestrel
// endpoint), then Ralliement's pages, signatures and confirmations in the same run, then a
// million signatures. Figures go to stdout as name=value lines; progress goes to stderr.
var options = BenchOptions.Parse(args);
ChildProcesses.KillAllOnExit();
await using var bare = await BareServer.StartAsync();
var report = new Report();
report.Machine("start");

foreach (var database in options.Databases())
{
    var run = new DatabaseRun(options, database, bare, report);
    await run.RunAsync();
}
report.Machine("end");
