namespace FollowUp.Http;

/// <summary>
/// <c>GET /api/me</c>: who the caller is (<c>name</c>, as versions record them), how they got in (<c>via</c>:
/// <c>key</c> or <c>entra</c>), where a browser signs in with Entra ID when this deployment offers it, and where it
/// signs out when it signed in that way; and the host's time (<c>now</c>), so that a browser whose clock is off still
/// says "2 hours ago" of what happened two hours ago.
/// </summary>
public sealed record CallerView(string Name, string Via, string? EntraSignIn, string? EntraSignOut, DateTimeOffset Now);
