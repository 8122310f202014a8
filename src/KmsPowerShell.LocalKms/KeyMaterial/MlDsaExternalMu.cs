using System.Reflection;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace KmsPowerShell.LocalKms.KeyMaterial;

/// <summary>
/// ML-DSA signing and verifying from an external μ (FIPS 204, 6.2; KMS's MessageType EXTERNAL_MU). BouncyCastle 2.7.0
/// does both inside its engine (MsgRepEndSign and MsgRepEndVerifyInternal read μ from a SHAKE-256 digest after the
/// message) but offers no public API for a given μ, so this reaches the engine by reflection and hands it a digest whose
/// output is the caller's μ. The package version is pinned (Directory.Packages.props); the tests check these
/// signatures against pure ML-DSA (a μ computed from the message verifies as RAW, and the other way round).
/// </summary>
internal static class MlDsaExternalMu
{
    private const BindingFlags Inside = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;
    private static readonly SecureRandom Random = new();
    private static readonly MethodInfo GetEngine = Method(typeof(MLDsaSigner), "GetEngine");
    private static readonly MethodInfo EndSign = Method(GetEngine.ReturnType, "MsgRepEndSign");
    private static readonly MethodInfo EndVerify = Method(GetEngine.ReturnType, "MsgRepEndVerifyInternal");
    private static readonly PropertyInfo SignatureBytes = GetEngine.ReturnType.GetProperty("CryptoBytes", Inside)
        ?? throw new MissingMemberException("MLDsaEngine", "CryptoBytes");

    public static byte[] Sign(MLDsaPrivateKeyParameters key, byte[] mu)
    {
        var engine = EngineFor(key.Parameters, Random);
        var signature = new byte[(int)SignatureBytes.GetValue(engine)!];
        string[] parts = ["m_rho", "m_k", "m_t0", "m_s1", "m_s2"];
        var secrets = parts.Select(name => (byte[])Field(key, name)).ToArray();
        Call(EndSign, engine, [new MuDigest(mu), signature, signature.Length, .. secrets]);
        return signature;
    }

    public static bool Verify(MLDsaPublicKeyParameters key, byte[] mu, byte[] signature)
    {
        var engine = EngineFor(key.Parameters, null);
        if (signature.Length != (int)SignatureBytes.GetValue(engine)!) return false;
        // pkEncode (FIPS 204, Algorithm 22): rho (32 bytes), then t1.
        var publicKey = key.GetEncoded();
        return (bool)Call(EndVerify, engine, [new MuDigest(mu), signature, signature.Length, publicKey[..32], publicKey[32..]])!;
    }

    private static object EngineFor(MLDsaParameters parameters, SecureRandom? random) =>
        Call(GetEngine, new MLDsaSigner(parameters, deterministic: false), [parameters, random])!;

    private static object? Call(MethodInfo method, object target, object?[] arguments)
    {
        try
        {
            return method.Invoke(target, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    private static object Field(object target, string name) =>
        target.GetType().GetField(name, Inside)?.GetValue(target) ?? throw new MissingFieldException(target.GetType().Name, name);

    private static MethodInfo Method(Type type, string name) =>
        type.GetMethod(name, Inside) ?? throw new MissingMethodException(type.Name, name);

    /// <summary>
    /// A SHAKE-256 whose first output is the given μ, whatever it absorbed; the engine then uses the same digest for
    /// its own hashing (ρ′, the challenge), where it behaves as SHAKE-256 again.
    /// </summary>
    private sealed class MuDigest(byte[] mu) : ShakeDigest(256)
    {
        private bool _muGiven;

        public override int OutputFinal(byte[] output, int outOff, int outLen) => OutputFinal(output.AsSpan(outOff, outLen));

        public override int OutputFinal(Span<byte> output)
        {
            if (_muGiven) return base.OutputFinal(output);
            _muGiven = true;
            Reset();
            mu.AsSpan(0, output.Length).CopyTo(output);
            return output.Length;
        }

        public override int Output(byte[] output, int outOff, int outLen) => Output(output.AsSpan(outOff, outLen));

        public override int Output(Span<byte> output) => _muGiven ? base.Output(output) : OutputFinal(output);

        public override int DoFinal(byte[] output, int outOff) => DoFinal(output.AsSpan(outOff));

        public override int DoFinal(Span<byte> output) => _muGiven ? base.DoFinal(output) : OutputFinal(output[..mu.Length]);
    }
}
