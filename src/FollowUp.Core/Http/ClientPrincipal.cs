using System.Text.Json;

namespace FollowUp.Http;

/// <summary>
/// The user App Service's built-in authentication signed in, as it passes them on in <c>X-MS-CLIENT-PRINCIPAL</c>:
/// base64 of a JSON object with <c>auth_typ</c>, <c>name_typ</c>, <c>role_typ</c> and <c>claims</c> (each <c>typ</c>
/// and <c>val</c>). Only read; whether to believe it is <see cref="EntraSignIn"/>'s question.
/// </summary>
public sealed record ClientPrincipal(string IdentityProvider, string? NameClaimType, string? RoleClaimType, IReadOnlyList<KeyValuePair<string, string>> Claims)
{
    public const string HeaderName = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>
    /// The longest header read. A user in many groups makes a long principal (Entra puts at most 200 groups in a
    /// token, some 10 KB encoded); past this it is refused unread rather than decoded.
    /// </summary>
    public const int MaxHeaderLength = 64 * 1024;

    // The claim types a role can come as: the principal's own role_typ, the token's "roles" as Entra writes it, and
    // the .NET role URI that the platform's claim mapping may turn it into.
    private static readonly string[] RoleClaimTypes = ["roles", System.Security.Claims.ClaimTypes.Role];

    // The claims that name a person (or an application, for a token from client credentials), best first.
    private static readonly string[] NameClaimTypes = ["name", System.Security.Claims.ClaimTypes.Name, "upn", "email", "appid", "azp"];

    /// <summary>The principal in <paramref name="header"/>, or null when it is not one: not base64, not JSON of that shape, or too long.</summary>
    public static ClientPrincipal? Parse(string? header)
    {
        if (string.IsNullOrEmpty(header) || header.Length > MaxHeaderLength)
        {
            return null;
        }

        var bytes = new byte[(header.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(header.Trim(), bytes, out var length))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(bytes.AsMemory(0, length), new JsonDocumentOptions { MaxDepth = 4 });
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || String(root, "auth_typ") is not { Length: > 0 } provider
                || !root.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var list = new List<KeyValuePair<string, string>>(claims.GetArrayLength());
            foreach (var claim in claims.EnumerateArray())
            {
                if (claim.ValueKind == JsonValueKind.Object && String(claim, "typ") is { } type && String(claim, "val") is { } value)
                {
                    list.Add(KeyValuePair.Create(type, value));
                }
            }

            return new ClientPrincipal(provider, String(root, "name_typ"), String(root, "role_typ"), list);
        }
        catch (JsonException)
        {
            // Not JSON, not UTF-8, or nested deeper than a principal is.
            return null;
        }
    }

    /// <summary>The app roles the principal holds.</summary>
    public IEnumerable<string> Roles =>
        Claims.Where(claim => claim.Key == RoleClaimType || RoleClaimTypes.Contains(claim.Key, StringComparer.Ordinal)).Select(claim => claim.Value);

    /// <summary>Whether the principal holds <paramref name="role"/> (app role values are compared exactly, as Entra issues them).</summary>
    public bool HasRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    /// <summary>What to call the principal: the user's sign-in name (<c>preferred_username</c>) if the token has one, else a name, else null.</summary>
    public string? Name =>
        NameClaimTypes.Prepend(NameClaimType).Prepend("preferred_username").OfType<string>()
            .Select(type => Claims.FirstOrDefault(claim => claim.Key == type && claim.Value.Length > 0).Value)
            .FirstOrDefault(value => value is not null);

    private static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
