using FollowUp.Customers;

namespace FollowUp.Messages;

/// <summary>What one event needs of its customer's rows, as one read found them.</summary>
/// <param name="CustomerKey">The customer, encoded as a key.</param>
/// <param name="Partition">The shard of the Customers table the customer's rows are in.</param>
/// <param name="Profile">The customer's profile, if any yet.</param>
/// <param name="Head">The order's or deal's head, if it has seen an event before.</param>
public sealed record CustomerRecord(string CustomerKey, string Partition, CustomerEntity? Profile, SubjectHead? Head);
