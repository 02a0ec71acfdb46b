namespace FollowUp.Reports;

/// <summary>One change to one counter: the day, rule and phase it is kept under, its name, and by how much.</summary>
public sealed record CounterDelta(DateOnly Day, string RuleId, string Phase, string Counter, int By);
