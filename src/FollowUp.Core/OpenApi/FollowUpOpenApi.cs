using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OpenApi;

namespace FollowUp.OpenApi;

/// <summary>How the public contract is described: its JSON shape, its schemes, its event schema and its examples.</summary>
public static class FollowUpOpenApi
{
    /// <summary>The self-host's <c>X-Api-Key</c>.</summary>
    public const string ApiKeyScheme = "ApiKey";

    /// <summary>Azure Functions' <c>x-functions-key</c> (which the self-host takes too).</summary>
    public const string FunctionKeyScheme = "FunctionKey";

    public static void Configure(OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.OpenApiVersion = Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_1;
        options.AddSchemaTransformer<ContractSchemaTransformer>();
        options.AddDocumentTransformer<ContractDocumentTransformer>();
    }

    /// <summary>Makes the describer see JSON as <see cref="FollowUpJson.Options"/> writes and reads it (enum names, strict numbers).</summary>
    public static void UseContractJson(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var contract = FollowUpJson.Options;
        options.PropertyNamingPolicy = contract.PropertyNamingPolicy;
        options.DefaultIgnoreCondition = contract.DefaultIgnoreCondition;
        options.NumberHandling = contract.NumberHandling;
        options.UnmappedMemberHandling = contract.UnmappedMemberHandling;
        options.Converters.Clear();
        foreach (var converter in contract.Converters)
        {
            // The describer lists an enum's names only for the framework's converter; it reads and writes the same
            // names as the contract's (which refuses the comma lists and other cases the framework's would take).
            options.Converters.Add(converter is ExactEnumConverter ? new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) : converter);
        }
    }
}
