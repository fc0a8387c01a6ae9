using System.Net;
using Ralliement.Tests.Resilience;
using Xunit.Abstractions;

namespace Ralliement.Tests.Deployment;

/// <summary>
/// The shipped deploy/ralliement.service, pointed at the published app of this run. Where systemd
/// runs the machine (PID 1), the app runs under it for real; elsewhere systemd-analyze checks the unit.
/// </summary>
[Trait("Category", "Deploy")]
[Collection(nameof(RunsAlone))]
public sealed class SystemdUnitTests(ITestOutputHelper output)
{
    private static bool SystemdRunsTheMachine => Directory.Exists("/run/systemd/system") && Environment.UserName == "root";

    [Fact]
    public async Task The_shipped_unit_runs_the_published_app_or_passes_systemd_analyze_verify()
    {
        var published = await PublishedApp.FolderAsync();
        var folder = Directory.CreateTempSubdirectory("ralliement-unit-").FullName;
        try
        {
            if (SystemdRunsTheMachine)
            {
                await RunUnderSystemdAsync(published);
            }
            else
            {
                await VerifyAsync(published, folder);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The shipped unit with its paths replaced; a line that is no longer in it fails here.</summary>
    private static string Unit(params (string Shipped, string Here)[] changes)
    {
        var unit = PublishedApp.Shipped("ralliement.service");
        foreach (var (shipped, here) in changes)
        {
            if (unit.Split(shipped).Length < 2)
            {
                throw new InvalidOperationException($"deploy/ralliement.service no longer has \"{shipped}\".");
            }
            unit = unit.Replace(shipped, here, StringComparison.Ordinal);
        }
        return unit;
    }

    private async Task VerifyAsync(string published, string folder)
    {
        var environment = Path.Combine(folder, "ralliement.env");
        File.WriteAllText(environment, PublishedApp.Shipped("ralliement.env.example"));
        var unitFile = Path.Combine(folder, "ralliement.service");
        File.WriteAllText(unitFile, Unit(
            ("/opt/ralliement", published),
            ("/etc/ralliement/ralliement.env", environment)));

        var (exitCode, verdict) = await PublishedApp.RunAsync("systemd-analyze", ["verify", unitFile], TimeSpan.FromSeconds(60));
        output.WriteLine(verdict);
        Assert.True(exitCode == 0, $"systemd-analyze verify answered {exitCode}:\n{verdict}");
        // systemd-analyze exits 0 on some warnings: any line naming the unit file is a complaint about it.
        Assert.DoesNotContain(verdict.Split('\n'), line => line.Contains("ralliement.service", StringComparison.Ordinal));
    }

    /// <summary>
    /// As root on a machine run by systemd: the unit, as shipped but for a name, a port, the app's
    /// folder (copied under /opt, as PrivateTmp hides /tmp) and DynamicUser in place of a user to
    /// create, starts the app, which answers /readyz; then it is stopped and removed.
    /// </summary>
    private async Task RunUnderSystemdAsync(string published)
    {
        var name = $"ralliement-test-{Guid.NewGuid():N}";
        var install = Path.Combine("/opt", name);
        var environment = Path.Combine("/run", name + ".env");
        var unitFile = Path.Combine("/run/systemd/system", name + ".service");
        var port = PublishedApp.FreePort();
        await PublishedApp.RunAsync("cp", ["-a", published, install], TimeSpan.FromMinutes(1));
        File.WriteAllText(environment, "Demo__Seed=true\n");
        File.WriteAllText(unitFile, Unit(
            ("/opt/ralliement", install),
            ("/etc/ralliement/ralliement.env", environment),
            ("http://127.0.0.1:5000", $"http://127.0.0.1:{port}"),
            ("User=ralliement\nGroup=ralliement\n", "DynamicUser=yes\n"),
            ("StateDirectory=ralliement", "StateDirectory=" + name),
            ("/var/lib/ralliement", "/var/lib/" + name)));
        try
        {
            await PublishedApp.RunAsync("systemctl", ["daemon-reload"], TimeSpan.FromSeconds(30));
            var (started, startOutput) = await PublishedApp.RunAsync("systemctl", ["start", name], TimeSpan.FromSeconds(60));
            Assert.True(started == 0, startOutput);
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var ready = false;
            for (var i = 0; i < 300 && !ready; i++)
            {
                try
                {
                    using var response = await client.GetAsync($"http://127.0.0.1:{port}/readyz");
                    ready = response.StatusCode == HttpStatusCode.OK;
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    await Task.Delay(100);
                }
            }
            var (_, journal) = await PublishedApp.RunAsync("journalctl", ["-u", name, "--no-pager", "-n", "50"], TimeSpan.FromSeconds(30));
            Assert.True(ready, $"The app under the unit was not ready within 30 seconds:\n{journal}");
        }
        finally
        {
            await PublishedApp.RunAsync("systemctl", ["stop", name], TimeSpan.FromSeconds(60));
            File.Delete(unitFile);
            File.Delete(environment);
            await PublishedApp.RunAsync("systemctl", ["daemon-reload"], TimeSpan.FromSeconds(30));
            await PublishedApp.RunAsync("rm", ["-rf", install, "/var/lib/" + name, "/var/lib/private/" + name], TimeSpan.FromMinutes(1));
        }
    }
}
