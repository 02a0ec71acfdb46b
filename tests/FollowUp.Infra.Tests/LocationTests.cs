namespace FollowUp.Infra.Tests;

public class LocationTests
{
    /// <summary>
    /// Regions the Flex Consumption plan is not offered in: the restricted-access regions (a support request away, paired
    /// with a public one) and the early-access (EUAP) canaries. Not the list of Flex regions, which lives in main.bicep only.
    /// </summary>
    private static readonly string[] NeverFlexRegions =
    [
        "australiacentral2", "brazilsoutheast", "francesouth", "germanynorth", "norwaywest", "southafricawest", "switzerlandwest",
        "uaecentral", "jioindiacentral", "jioindiawest", "eastus2euap", "centraluseuap",
    ];

    [Fact]
    public async Task Location_AllowedValues_AreFlexConsumptionRegionNamesThatAzdOffers()
    {
        // Without a list, azd offers every region and the FC1 plan fails to create in most of them, late in the deployment.
        var main = await Bicep.TemplateAsync();
        var location = main["parameters"]!["location"]!;
        var allowed = location["allowedValues"]?.AsArray().Select(v => v!.GetValue<string>()).ToList() ?? [];

        Assert.NotEmpty(allowed);
        Assert.Equal(allowed.Count, allowed.Distinct(StringComparer.Ordinal).Count());
        // azd compares these with the regions' programmatic names ("westeurope"), never display names ("West Europe").
        Assert.All(allowed, region => Assert.Matches("^[a-z]+[0-9]?$", region));
        Assert.Empty(allowed.Intersect(NeverFlexRegions, StringComparer.Ordinal));
        // With the location type, azd's region prompt lists only the allowed regions.
        Assert.Equal("location", location["metadata"]?["azd"]?["type"]?.GetValue<string>());
    }

    [Fact]
    public async Task Modules_Location_IsTheCheckedParameter()
    {
        var main = await Bicep.TemplateAsync();

        foreach (var (module, template) in Deployment.Modules(main).Where(m => m.Template["parameters"]?["location"] is not null))
        {
            Assert.True(Deployment.PassedTo(main, module, "location") == "[parameters('location')]", $"{module} gets another location.");
        }
    }
}
