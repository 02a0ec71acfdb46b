using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FollowUp.Http;

/// <summary>
/// <c>GET /api/me</c>: the console's way to learn who is calling and whether Entra sign-in is offered, without the
/// platform's <c>/.auth/me</c> (which exists only on Azure, and knows nothing of keys). A caller who is not let in
/// learns the sign-in address from the 401's <c>entraSignIn</c>.
/// </summary>
public static class MeApi
{
    public const string ViaKey = "key";
    public const string ViaEntra = "entra";

    public static JsonHttpResult<CallerView> Get(HttpContext context, EntraSignIn entra, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(entra);
        var signedIn = ApiCallers.IsEntra(context.User);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(
            new CallerView(ApiCallers.NameOf(context), signedIn ? ViaEntra : ViaKey, entra.Active ? EntraSignIn.SignInPath : null, signedIn ? EntraSignIn.SignOutPath : null, time.GetUtcNow()),
            FollowUpJson.Options);
    }
}
