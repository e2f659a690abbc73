using System.Security.Cryptography;

namespace SocialGen.Api.Infrastructure;

/// <summary>
/// Name-based UUIDs (RFC 9562 version 5): the same inputs always give the same id, which lets a
/// relationship between two accounts have exactly one stream without a lookup table.
/// </summary>
public static class DeterministicGuid
{
    public static Guid Create(Guid namespaceId, params ReadOnlySpan<Guid> names)
    {
        var input = new byte[16 * (names.Length + 1)];
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        for (var i = 0; i < names.Length; i++) names[i].TryWriteBytes(input.AsSpan(16 * (i + 1)), bigEndian: true, out _);

        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
