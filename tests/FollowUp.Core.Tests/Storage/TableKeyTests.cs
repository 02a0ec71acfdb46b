using FollowUp.Storage;

namespace FollowUp.Core.Tests.Storage;

public class TableKeyTests
{
    [Theory]
    [InlineData("/shop/orders")]
    [InlineData("order#12?x=1\\y")]
    [InlineData("kunde~ø~%")]
    [InlineData("plain-id_1.2:3")]
    public void Encode_AnyId_IsLegalAndRoundTrips(string id)
    {
        var key = TableKey.Encode(id);

        Assert.DoesNotContain(key, c => c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c));
        Assert.Equal(id, TableKey.Decode(key));
    }

    [Fact]
    public void Encode_DifferentIds_NeverCollide()
    {
        Assert.NotEqual(TableKey.Encode("a/b"), TableKey.Encode("a~2Fb"));
    }
}
