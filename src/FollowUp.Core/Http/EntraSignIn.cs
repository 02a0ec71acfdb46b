using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FollowUp.Http;

/// <summary>
/// Whether this instance may believe <c>X-MS-CLIENT-PRINCIPAL</c>, and whom it names. Only App Service's built-in
/// authentication sets that header: in front of the app it drops the copy a client sends and puts in its own (so
/// says Microsoft's page on user identities in App Service authentication). Without it in front, the header is
/// whatever the client wrote. So the header counts only when both say yes: FollowUp's setting
/// (<c>FollowUp:Auth:EntraEnabled</c>, which infra/ sets with the app registration) and the platform, which sets the
/// environment variable <c>WEBSITE_AUTH_ENABLED</c> to <c>True</c> in an app whose built-in authentication is on. The
/// Functions host reads that same variable (bool.TryParse) to decide whether to take the header itself
/// (azure-functions-host: EnvironmentSettingNames.EasyAuthEnabled, AuthenticationLevelHandler), as does
/// Microsoft.Identity.Web (AppServicesAuthenticationInformation). It is read through configuration, which both hosts
/// fill from the environment, so that tests can set it.
/// </summary>
public sealed partial class EntraSignIn
{
    /// <summary>The environment variable App Service sets to <c>True</c> while its built-in authentication is on.</summary>
    public const string PlatformSetting = "WEBSITE_AUTH_ENABLED";

    /// <summary>Where a browser signs in with Entra ID, and comes back to the console.</summary>
    public const string SignInPath = "/.auth/login/aad?post_login_redirect_uri=/console";

    /// <summary>Where a browser signs out of the built-in authentication's session, and comes back to the console.</summary>
    public const string SignOutPath = "/.auth/logout?post_logout_redirect_uri=/console";

    /// <summary>The identity provider name the built-in authentication gives Microsoft Entra ID in <c>auth_typ</c>.</summary>
    public const string EntraProvider = "aad";

    public EntraSignIn(IOptions<AuthOptions> options, IConfiguration configuration, ILogger<EntraSignIn> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        Role = options.Value.EntraRole;
        var platformOn = IsOn(configuration[PlatformSetting]);
        Active = options.Value.EntraEnabled && platformOn;
        if (options.Value.EntraEnabled && !platformOn)
        {
            // Said once, at start: someone turned the setting on and will wonder why signed-in users get 401.
            LogPlatformAuthenticationOff(logger, PlatformSetting);
        }
    }

    /// <summary>Whether a signed-in principal is taken: the setting is on and so is the platform's authentication.</summary>
    public bool Active { get; }

    /// <summary>The app role a signed-in user needs.</summary>
    public string Role { get; }

    /// <summary>
    /// How the platform writes the flag: <c>True</c> or <c>False</c>, read as the Functions host reads it (a number
    /// other than 0 counts too, as the host's own Easy Auth options read it).
    /// </summary>
    public static bool IsOn(string? value) =>
        bool.TryParse(value, out var on) ? on
        : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number != 0;

    /// <summary>The Entra principal the built-in authentication signed in for this request; null when none may be believed.</summary>
    public ClientPrincipal? PrincipalOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Active || !request.Headers.TryGetValue(ClientPrincipal.HeaderName, out var header) || header.Count != 1)
        {
            return null;
        }

        // Another provider an operator adds by hand (a social login) issues no app roles from this registration.
        return ClientPrincipal.Parse(header[0]) is { } principal && string.Equals(principal.IdentityProvider, EntraProvider, StringComparison.OrdinalIgnoreCase)
            ? principal
            : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "FollowUp:Auth:EntraEnabled is on, but App Service's built-in authentication is not ({Setting} is not True): signed-in principals are not taken, only keys.")]
    private static partial void LogPlatformAuthenticationOff(ILogger logger, string setting);
}
