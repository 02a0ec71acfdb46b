using FollowUp.Events;
using FollowUp.Customers;

namespace FollowUp.Templates;

public sealed record SampleEvent(FollowUpEvent Event, CustomerEntity Customer);
