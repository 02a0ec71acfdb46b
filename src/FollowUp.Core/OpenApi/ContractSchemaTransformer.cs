using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FollowUp.OpenApi;

/// <summary>
/// Makes the schemas say what <see cref="FollowUpJson.Options"/> does on the wire. It never writes null, and reads an
/// absent member as null: so a member that may be null is never required, and no enum lists null. It refuses unknown
/// members (which the describer already turns into <c>additionalProperties: false</c>), except in problem details,
/// which RFC 9457 lets carry extension members (<c>traceId</c>, <c>errors</c>).
/// </summary>
internal sealed class ContractSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(ProblemDetails) || type == typeof(HttpValidationProblemDetails))
        {
            schema.AdditionalPropertiesAllowed = true;
            schema.Properties?.TryAdd("traceId", new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's trace id, to find it in the logs." });
        }

        if (schema.Required is { Count: > 0 } required && context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object)
        {
            foreach (var property in context.JsonTypeInfo.Properties.Where(MayBeNull))
            {
                required.Remove(property.Name);
            }
        }

        if (schema.Enum is { } values)
        {
            schema.Enum = [.. values.Where(value => value is not null)];
        }

        return Task.CompletedTask;
    }

    private static bool MayBeNull(JsonPropertyInfo property) =>
        Nullable.GetUnderlyingType(property.PropertyType) is not null || !property.PropertyType.IsValueType && property.IsGetNullable;
}
