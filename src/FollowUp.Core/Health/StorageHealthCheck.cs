using Azure;
using Azure.Data.Tables;
using FollowUp.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FollowUp.Health;

/// <summary>
/// Storage is reachable when one small query answers: the rules table is read by every event, and a query needs the
/// account to be up, the credentials to be accepted and the tables to exist.
/// </summary>
internal sealed class StorageHealthCheck(FollowUpTables tables) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var query = tables.Rules.QueryAsync<TableEntity>(filter: "PartitionKey eq 'health'", maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken);
            await foreach (var _ in query.AsPages(pageSizeHint: 1).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                break;
            }

            return HealthCheckResult.Healthy();
        }
        catch (RequestFailedException ex)
        {
            // The description stays generic; the exception goes to the log only, never into an answer.
            return HealthCheckResult.Unhealthy("Table Storage did not answer the query.", ex);
        }
        catch (AggregateException ex)
        {
            return HealthCheckResult.Unhealthy("Table Storage could not be reached.", ex);
        }
    }
}
