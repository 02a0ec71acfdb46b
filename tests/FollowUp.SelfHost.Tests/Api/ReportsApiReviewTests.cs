using System.Net;
using FollowUp.Testing;

namespace FollowUp.SelfHost.Tests.Api;

/// <summary>Hostile review of GET /api/reports/summary: every query it cannot answer is a 400 naming the field, never a 500.</summary>
public class ReportsApiReviewTests
{
    [Theory]
    [InlineData("?from=9999-12-01&to=9999-12-31", "from,to")]
    [InlineData("?to=9999-12-31", "to")]
    public async Task Summary_DatesAtTheEndOfTheCalendar_Is400NamingTheParameter(string query, string fields)
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();

        var (response, problem) = await api.SendAsync(HttpMethod.Get, "/api/reports/summary" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(fields.Split(','), ApiClient.ErrorFields(problem));
    }
}
