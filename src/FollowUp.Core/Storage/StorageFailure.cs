using Azure;

namespace FollowUp.Storage;

/// <summary>
/// Recognises storage that did not answer or refused for now. The storage client reports a request it gave up on
/// after its own retries (a closed port, a dropped connection) as an <see cref="AggregateException"/> of
/// <see cref="RequestFailedException"/>s rather than one of them.
/// </summary>
public static class StorageFailure
{
    public static bool Is(Exception exception) =>
        exception is RequestFailedException
        || (exception is AggregateException aggregate && aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(Is));

    /// <summary>The status to report: the storage's own when it answered, 503 when it did not.</summary>
    public static int StatusOf(Exception exception) =>
        exception is RequestFailedException { Status: > 0 } failed ? failed.Status : 503;
}
