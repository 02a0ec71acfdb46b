using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FollowUp.Http;

/// <summary>
/// Who made an API call, for the versions of rules and templates: the name of the key it carried, or
/// <c>entra:&lt;user&gt;</c> for a user signed in with Microsoft Entra ID. <see cref="ApiGate"/> names the caller it
/// let in, on both hosts.
/// </summary>
public static class ApiCallers
{
    /// <summary>The claim Azure Functions gives a key-authenticated caller: the key's name.</summary>
    public const string KeyIdClaim = "http://schemas.microsoft.com/2017/07/functions/claims/keyid";

    public const string Unknown = Storage.SavedBy.Unknown;

    /// <summary>The authentication type of a caller <see cref="ApiGate"/> let in as signed in with Entra ID.</summary>
    public const string EntraAuthenticationType = "EntraId";

    /// <summary>What the name of a caller signed in with Entra ID starts with, so that it never reads as a key's name.</summary>
    public const string EntraPrefix = "entra:";

    public static string NameOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.FindFirst(KeyIdClaim)?.Value is { Length: > 0 } keyId)
        {
            return Cut(keyId);
        }

        if (IsEntra(context.User) && context.User.Identity!.Name is { Length: > 0 } entraName)
        {
            return entraName;
        }

        // Only what the Functions host checked (its header, else the code parameter): the self-host names its caller
        // above, so a header nobody checked, such as X-Api-Key on Functions, never decides the name.
        var presented = context.Request.Headers.TryGetValue("x-functions-key", out var functionsKey) ? functionsKey.ToString()
            : context.Request.Query.TryGetValue("code", out var code) ? code.ToString()
            : null;
        return presented is { Length: > 0 } && NameOfKey(context.RequestServices.GetRequiredService<IOptions<FollowUpOptions>>().Value, presented) is { } name
            ? name
            : Unknown;
    }

    /// <summary>The configured name of <paramref name="key"/>, or null.</summary>
    public static string? NameOfKey(FollowUpOptions options, string key)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(key);
        var presented = Encoding.UTF8.GetBytes(key);
        string? found = null;

        // Every key is compared, in constant time, so that the time taken says nothing about which one matched.
        foreach (var (name, value) in options.ApiKeys)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(value)))
            {
                found ??= name;
            }
        }

        return found;
    }

    /// <summary>A principal naming the key a host accepted, as Azure Functions names a function key.</summary>
    public static ClaimsPrincipal PrincipalFor(string keyName) =>
        new(new ClaimsIdentity([new Claim(KeyIdClaim, keyName)], "ApiKey"));

    /// <summary>A principal for a user signed in with Entra ID, named <c>entra:&lt;name&gt;</c>.</summary>
    public static ClaimsPrincipal PrincipalForEntra(string userName) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, Cut(EntraPrefix + userName))], EntraAuthenticationType));

    /// <summary>Whether the caller was let in as signed in with Entra ID rather than with a key.</summary>
    public static bool IsEntra(ClaimsPrincipal user) =>
        user?.Identity is { AuthenticationType: EntraAuthenticationType, IsAuthenticated: true };

    private static string Cut(string name) => name.Length <= 64 ? name : name[..64];
}
