namespace FollowUp.Http;

/// <summary>
/// Signing in to the API with Microsoft Entra ID through App Service's built-in authentication (<c>FollowUp:Auth</c>),
/// as well as with a key. Set by <c>infra/</c> when it is given an app registration; see README, "Sign in with Microsoft
/// Entra ID".
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "FollowUp:Auth";

    /// <summary>
    /// Whether a principal that App Service's built-in authentication signed in may call the API (default false). Taken
    /// only while the platform says that authentication is on; see <see cref="EntraSignIn"/>.
    /// </summary>
    public bool EntraEnabled { get; set; }

    /// <summary>The app role (its value in the app registration) a signed-in user needs (default <c>FollowUp.Console</c>).</summary>
    public string EntraRole { get; set; } = "FollowUp.Console";
}
