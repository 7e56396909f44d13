using System.Net;
using System.Text.Json.Nodes;
using Mmm.LocalHost.Api;
using Mmm.LocalHost.Engine;

namespace Mmm.LocalHost.Tests.Api;

public class ApiKeyTests : IAsyncLifetime
{
    private const string Key = "s3cret-key";
    private readonly RecordingOrchestrationClient client = new();
    private ApiHost host = null!;

    public async Task InitializeAsync()
    {
        client.Add(RecordingOrchestrationClient.State("k-1", RuntimeStatus.Completed));
        host = await ApiHost.StartAsync(new ManagementApiOptions { Client = client, ApiKey = Key });
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Every_route_needs_the_key()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.GetAsync("/runtime/webhooks/durabletask/instances/k-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.GetAsync("/runtime/webhooks/durabletask/instances")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.GetAsync("/runtime/webhooks/durabletask/instances/k-1?code=wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.DeleteAsync("/runtime/webhooks/durabletask/instances/k-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.PostAsync("/runtime/webhooks/durabletask/orchestrators/MmmOrchestrator", null)).StatusCode);
        Assert.Empty(client.Starts);
        Assert.True(client.Instances.ContainsKey("k-1"));
    }

    [Fact]
    public async Task Header_or_code_query_unlocks()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/runtime/webhooks/durabletask/instances/k-1");
        request.Headers.Add("x-functions-key", Key);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.SendAsync(request)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync($"/runtime/webhooks/durabletask/instances/k-1?code={Key}")).StatusCode);
    }

    [Fact]
    public async Task Check_status_uris_carry_the_code()
    {
        var response = await host.Http.PostAsync($"/runtime/webhooks/durabletask/orchestrators/MmmOrchestrator/k-2?code={Key}", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var status = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["statusQueryGetUri"]!;
        Assert.EndsWith($"&code={Key}", status);
        Assert.Equal(HttpStatusCode.Accepted, (await host.Http.GetAsync(status)).StatusCode);
    }
}
