using System.Security.Cryptography;
using System.Text;

namespace CjsJourney.Importing;

/// <summary>
/// RFC 9562 version 5 (SHA-1, name-based) UUIDs: the same namespace and name always give the same id, so a fact
/// derived from a source record keeps its event id however often it is loaded, and the intake stores it once.
/// </summary>
public static class NameBasedGuid
{
    public static Guid Create(Guid namespaceId, string name)
    {
        Span<byte> ns = stackalloc byte[16];
        namespaceId.TryWriteBytes(ns, bigEndian: true, out _);

        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        ns.CopyTo(input);
        nameBytes.CopyTo(input, 16);

        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // SHA-1 is what version 5 UUIDs are defined by; it names, it does not protect.
        SHA1.HashData(input, hash);
#pragma warning restore CA5350

        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50); // version 5
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(bytes, bigEndian: true);
    }
}
