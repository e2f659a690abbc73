using Marten;
using Microsoft.AspNetCore.Identity;

namespace SocialGen.Api.Accounts;

/// <summary>
/// Verifies a handle and password. Unknown handles cost the same work as wrong passwords
/// (a lookup and a hash verification), so neither the answer nor its timing tells which handles exist.
/// </summary>
public sealed class PasswordCheck(IPasswordHasher<Account> hasher)
{
    private readonly string _decoyHash = hasher.HashPassword(null!, Guid.NewGuid().ToString());

    public async Task<Account?> VerifyAsync(IQuerySession session, string? handle, string? password, CancellationToken ct)
    {
        password ??= "";
        var claim = await Handles.FindAsync(session, handle, ct);
        var accountId = claim?.AccountId ?? Guid.NewGuid();

        var batch = session.CreateBatchQuery();
        var credential = batch.Load<PasswordCredential>(accountId);
        var account = batch.Load<Account>(accountId);
        await batch.Execute(ct);

        var hash = (await credential)?.PasswordHash ?? _decoyHash;
        var verified = hasher.VerifyHashedPassword(null!, hash, password) != PasswordVerificationResult.Failed;
        return verified && claim is not null ? await account : null;
    }
}
