using System.Globalization;
using FollowUp.Calendar;

namespace FollowUp.Core.Tests.Calendar;

/// <summary>Each country's public holidays 2026-2028 as its official calendar lists them.</summary>
public class PublicHolidaysTests
{
    [Theory]
    // Norway: helligdager (Easter 5 Apr 2026, 28 Mar 2027, 16 Apr 2028); in 2027 Whit Monday is 17 May.
    [InlineData("NO", 2026, "01-01 04-02 04-03 04-05 04-06 05-01 05-14 05-17 05-24 05-25 12-25 12-26")]
    [InlineData("NO", 2027, "01-01 03-25 03-26 03-28 03-29 05-01 05-06 05-16 05-17 12-25 12-26")]
    [InlineData("NO", 2028, "01-01 04-13 04-14 04-16 04-17 05-01 05-17 05-25 06-04 06-05 12-25 12-26")]
    // Sweden: allmänna helgdagar, Midsummer Day and All Saints' Day on Saturdays.
    [InlineData("SE", 2026, "01-01 01-06 04-03 04-05 04-06 05-01 05-14 05-24 06-06 06-20 10-31 12-25 12-26")]
    [InlineData("SE", 2027, "01-01 01-06 03-26 03-28 03-29 05-01 05-06 05-16 06-06 06-26 11-06 12-25 12-26")]
    [InlineData("SE", 2028, "01-01 01-06 04-14 04-16 04-17 05-01 05-25 06-04 06-06 06-24 11-04 12-25 12-26")]
    // Denmark: helligdage, without Store Bededag since 2024.
    [InlineData("DK", 2026, "01-01 04-02 04-03 04-05 04-06 05-14 05-24 05-25 12-25 12-26")]
    [InlineData("DK", 2027, "01-01 03-25 03-26 03-28 03-29 05-06 05-16 05-17 12-25 12-26")]
    [InlineData("DK", 2028, "01-01 04-13 04-14 04-16 04-17 05-25 06-04 06-05 12-25 12-26")]
    // Finland: pyhäpäivät, with Independence Day.
    [InlineData("FI", 2026, "01-01 01-06 04-03 04-05 04-06 05-01 05-14 05-24 06-20 10-31 12-06 12-25 12-26")]
    [InlineData("FI", 2027, "01-01 01-06 03-26 03-28 03-29 05-01 05-06 05-16 06-26 11-06 12-06 12-25 12-26")]
    [InlineData("FI", 2028, "01-01 01-06 04-14 04-16 04-17 05-01 05-25 06-04 06-24 11-04 12-06 12-25 12-26")]
    // Iceland: frídagar, with the First Day of Summer and Commerce Day (and the afternoons of 24 and 31 Dec).
    [InlineData("IS", 2026, "01-01 04-02 04-03 04-05 04-06 04-23 05-01 05-14 05-24 05-25 06-17 08-03 12-24 12-25 12-26 12-31")]
    [InlineData("IS", 2027, "01-01 03-25 03-26 03-28 03-29 04-22 05-01 05-06 05-16 05-17 06-17 08-02 12-24 12-25 12-26 12-31")]
    [InlineData("IS", 2028, "01-01 04-13 04-14 04-16 04-17 04-20 05-01 05-25 06-04 06-05 06-17 08-07 12-24 12-25 12-26 12-31")]
    // England and Wales: bank holidays with substitute days (2026: 28 Dec; 2027: 27 and 28 Dec; 2028: 3 Jan), and the
    // days themselves when they fall on a weekend.
    [InlineData("GB", 2026, "01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-26 12-28")]
    [InlineData("GB", 2027, "01-01 03-26 03-29 05-03 05-31 08-30 12-25 12-26 12-27 12-28")]
    [InlineData("GB", 2028, "01-01 01-03 04-14 04-17 05-01 05-29 08-28 12-25 12-26")]
    public void For_EachCountryAndYear_IsTheOfficialList(string country, int year, string dates)
    {
        var expected = dates.Split(' ').Select(d => DateOnly.ParseExact($"{year}-{d}", "yyyy-MM-dd", CultureInfo.InvariantCulture));

        Assert.Equal(expected.Order(), PublicHolidays.For(country, year).Order());
    }

    [Theory]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2038, "2038-04-25")]
    [InlineData(2285, "2285-03-22")]
    public void EasterSunday_KnownYears(int year, string date) =>
        Assert.Equal(DateOnly.Parse(date, CultureInfo.InvariantCulture), PublicHolidays.EasterSunday(year));

    [Fact]
    public void For_CountryNotKnown_HasNoHolidays()
    {
        Assert.Empty(PublicHolidays.For("US", 2026));
        Assert.False(PublicHolidays.IsKnown("US"));
        Assert.True(PublicHolidays.IsKnown("NO"));
    }
}
