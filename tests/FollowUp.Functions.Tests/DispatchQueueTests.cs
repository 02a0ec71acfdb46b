using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FollowUp.Dispatch;
using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Functions.Tests;

public partial class DispatchQueueTests
{
    private static DeclaredFunction Timer => Assert.Single(FunctionCatalog.All, function => function.TimerTrigger is not null && function.Name == "Dispatch");

    private static DeclaredFunction QueueFunction => Assert.Single(FunctionCatalog.All, function => function.QueueTrigger is not null);

    private static JsonObject Queues => FunctionsProject.HostJson["extensions"]!["queues"]!.AsObject();

    [Fact]
    public void DispatchQueue_TimerOutputAndQueueTrigger_NameTheSameQueueAndConnection()
    {
        var output = Timer.QueueOutput;
        var trigger = QueueFunction.QueueTrigger!;

        Assert.NotNull(output);
        Assert.Equal(DispatchFunction.Queue, output.QueueName);
        Assert.Equal(DispatchFunction.Queue, trigger.QueueName);
        // Without a Connection both would use AzureWebJobsStorage; infra/ sets DispatchQueue__* for this name.
        Assert.Equal("DispatchQueue", output.Connection);
        Assert.Equal("DispatchQueue", trigger.Connection);
    }

    [Fact]
    public void DispatchQueue_TimerOutput_BindsTheReturnedArrayOneMessagePerBatch()
    {
        // The isolated worker writes one queue message per element of a returned array; a single string would be one
        // message holding every batch.
        Assert.Equal(typeof(Task<string[]>), Timer.Method.ReturnType);
        Assert.Equal("Dispatch", Timer.Name);
    }

    [Fact]
    public void DispatchQueue_QueueFunction_HasItsOwnNameAndTakesTheMessageAsText()
    {
        var function = QueueFunction;

        Assert.Equal("DispatchBatch", function.Name);
        Assert.Single(FunctionCatalog.All, other => string.Equals(other.Name, function.Name, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(typeof(string), function.Method.GetParameters().Single(parameter => parameter.IsDefined(typeof(QueueTriggerAttribute), false)).ParameterType);
    }

    [Fact]
    public void DispatchQueue_Name_AndItsPoisonQueueName_AreValidStorageQueueNames()
    {
        // The host moves a message that failed maxDequeueCount times to "<queue>-poison", which must be a valid name too.
        Assert.Matches(QueueName(), DispatchFunction.Queue);
        Assert.Matches(QueueName(), DispatchFunction.Queue + "-poison");
    }

    [Fact]
    public void HostJson_Queues_GiveUpAfterFiveDequeues()
    {
        Assert.Equal(5, Queues["maxDequeueCount"]!.GetValue<int>());
    }

    [Fact]
    public void HostJson_Queues_EncodeMessagesAsBase64()
    {
        // One host setting decodes for the trigger and encodes for the output binding, so the two always agree; it is
        // written out so that the choice is explicit and a change of the extension's default cannot alter it.
        Assert.Equal("base64", Queues["messageEncoding"]!.GetValue<string>());
    }

    [Fact]
    public void HostJson_Queues_RetryAFailedBatchWithinAboutOneHandOutLease()
    {
        // Past the lease the timer hands the same work out again, so retries spread further only duplicate it.
        var visibilityTimeout = TimeSpan.Parse(Queues["visibilityTimeout"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var retries = Queues["maxDequeueCount"]!.GetValue<int>() - 1;

        Assert.True(visibilityTimeout > TimeSpan.Zero);
        Assert.True(visibilityTimeout * retries <= new DispatchOptions().HandOutLease, $"{retries} retries {visibilityTimeout} apart outlast the hand-out lease.");
    }

    [Fact]
    public void HostJson_Queues_TakeAFewBatchesAtATime()
    {
        // Each message is up to 100 mails, and one instance runs at most batchSize + newBatchThreshold of them at once:
        // more would let one instance take most of a burst that the queue could spread over several.
        var batchSize = Queues["batchSize"]!.GetValue<int>();
        var newBatchThreshold = Queues["newBatchThreshold"]!.GetValue<int>();

        Assert.InRange(batchSize, 1, 32);
        Assert.InRange(newBatchThreshold, 0, batchSize);
        Assert.InRange((batchSize + newBatchThreshold) * DispatchBatch.MaxIds, 1, 1000);
    }

    [Fact]
    public void LocalSettingsExample_GivesTheDispatchQueueConnection()
    {
        // Without it a local host cannot index the queue function and reports it in error.
        Assert.True(FunctionsProject.LocalSettingsExample.TryGetValue(DispatchFunction.Connection, out var connection), $"local.settings.example.json has no {DispatchFunction.Connection}.");
        Assert.Equal("UseDevelopmentStorage=true", connection);
    }

    /// <summary>3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.</summary>
    [GeneratedRegex("^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex QueueName();
}
