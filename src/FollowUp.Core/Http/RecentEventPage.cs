namespace FollowUp.Http;

/// <summary>The newest events kept, newest first.</summary>
public sealed record RecentEventPage(IReadOnlyList<RecentEvent> Items);
