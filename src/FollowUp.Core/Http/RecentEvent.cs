using System.Text.Json;

namespace FollowUp.Http;

/// <summary>One event kept for replays, as <c>GET /api/events/recent</c> shows it: when ingest took it, and the CloudEvent as it was taken.</summary>
public sealed record RecentEvent(DateTimeOffset ReceivedAt, JsonElement Event);
