using FollowUp.Customers;

namespace FollowUp.Events;

public sealed record SampleEvent(FollowUpEvent Event, CustomerEntity Customer);
