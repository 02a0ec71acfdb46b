using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using FollowUp.Rules;
using FollowUp.Storage;

namespace FollowUp.Messages;

/// <summary>
/// Issues coupon codes that are unique across the installation: each is reserved in the Coupons table before use.
/// The alphabet leaves out 0/O and 1/I so a customer can type a code from paper.
/// </summary>
public sealed class CouponCodes(FollowUpTables tables, TimeProvider time)
{
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    public async Task<string> IssueAsync(CouponSettings settings, string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        for (var attempt = 0; ; attempt++)
        {
            var code = settings.Prefix + RandomNumberGenerator.GetString(Alphabet, settings.Length);
            try
            {
                await tables.Coupons.AddEntityAsync(new TableEntity(code, string.Empty)
                {
                    ["MessageId"] = messageId,
                    ["IssuedAt"] = time.GetUtcNow(),
                }, cancellationToken).ConfigureAwait(false);
                return code;
            }
            catch (RequestFailedException ex) when (ex.Status == 409 && attempt < 10)
            {
            }
        }
    }
}
