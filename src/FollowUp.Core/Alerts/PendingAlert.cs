using Azure;

namespace FollowUp.Alerts;

/// <summary>An alert waiting to go out about a message's answers up to ledger index <see cref="Through"/>.</summary>
/// <param name="InFlight">True while a sender is sending it: found so with its claim run out, it may have gone out.</param>
public sealed record PendingAlert(string MessageId, int Through, int Attempts, bool InFlight, DateTimeOffset CreatedAt, ETag ETag);
