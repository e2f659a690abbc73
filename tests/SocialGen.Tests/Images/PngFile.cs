using System.Buffers.Binary;
using System.IO.Compression;
using SocialGen.Api.Ai;

namespace SocialGen.Tests.Images;

/// <summary>Reads a PNG back the way a decoder would: signature, chunk CRCs, header and the inflated pixel rows.</summary>
public static class PngFile
{
    public static (int Width, int Height) Dimensions(byte[] png)
    {
        Assert.Equal(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }, png[..8]);
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    /// <summary>Checks every chunk's CRC and that the image data inflates to exactly one filtered row per line.</summary>
    public static void AssertValid(byte[] png)
    {
        var (width, height) = Dimensions(png);
        var idat = new MemoryStream();
        var types = new List<string>();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var typeAndData = png.AsSpan(at + 4, 4 + length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length));
            Assert.Equal(crc, Crc32.Update(0xFFFFFFFFu, typeAndData) ^ 0xFFFFFFFFu);
            var type = System.Text.Encoding.ASCII.GetString(typeAndData[..4]);
            types.Add(type);
            if (type == "IDAT") idat.Write(typeAndData[4..]);
            at += 12 + length;
        }

        Assert.Equal("IHDR", types[0]);
        Assert.Equal("IEND", types[^1]);
        idat.Position = 0;
        using var inflated = new MemoryStream();
        new ZLibStream(idat, CompressionMode.Decompress).CopyTo(inflated);
        Assert.Equal(height * (1 + width * 3), inflated.Length);
    }
}
