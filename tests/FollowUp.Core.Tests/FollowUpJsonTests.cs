using System.Text.Json;
using FollowUp.Rules;

namespace FollowUp.Core.Tests;

public sealed class FollowUpJsonTests
{
    public static TheoryData<Type> ContractEnums() => [.. typeof(FollowUpJson).Assembly.GetExportedTypes().Where(type => type.IsEnum)];

    [Theory]
    [MemberData(nameof(ContractEnums))]
    public void EveryEnumValue_IsWrittenAsItsCamelCaseName_AndReadBack(Type type)
    {
        foreach (var value in Enum.GetValues(type))
        {
            var json = JsonSerializer.Serialize(value, type, FollowUpJson.Options);
            Assert.Equal($"\"{JsonNamingPolicy.CamelCase.ConvertName(value.ToString()!)}\"", json);
            Assert.Equal(value, JsonSerializer.Deserialize(json, type, FollowUpJson.Options));
        }
    }

    [Theory]
    [InlineData("\"service,feedback\"")]
    [InlineData("\"service, marketing\"")]
    [InlineData("\"Feedback\"")]
    [InlineData("\"FEEDBACK\"")]
    [InlineData("\" feedback\"")]
    [InlineData("\"feedback \"")]
    [InlineData("\"1\"")]
    [InlineData("1")]
    [InlineData("\"\"")]
    [InlineData("true")]
    public void AnythingButOneNameAsWritten_IsRefused_SayingTheNames(string json)
    {
        var refused = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<MessageCategory>(json, FollowUpJson.Options));

        Assert.Equal("must be one of \"service\", \"feedback\", \"marketing\"", refused.Message);
    }

    [Fact]
    public void AnEscapedName_IsTheName()
    {
        Assert.Equal(MessageCategory.Feedback, JsonSerializer.Deserialize<MessageCategory>("\"feedb\\u0061ck\"", FollowUpJson.Options));
    }

    [Fact]
    public void AnEnumAsADictionaryKey_IsItsName_AndNothingElse()
    {
        var json = JsonSerializer.Serialize(new Dictionary<MessageCategory, int> { [MessageCategory.Marketing] = 2 }, FollowUpJson.Options);

        Assert.Equal("{\"marketing\":2}", json);
        Assert.Equal(2, JsonSerializer.Deserialize<Dictionary<MessageCategory, int>>(json, FollowUpJson.Options)![MessageCategory.Marketing]);
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Dictionary<MessageCategory, int>>("{\"marketing,service\":2}", FollowUpJson.Options));
    }

    [Fact]
    public void AValueNoNameHas_IsNotWritten()
    {
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Serialize((MessageCategory)7, FollowUpJson.Options));
    }
}
