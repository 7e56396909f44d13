using TorchSharp;

namespace Mmm.Science.Model;

/// <summary>
/// Native scalars for TorchSharp calls, kept alive until this holder is disposed:
/// <c>using var k = new KeptScalars();</c> then <c>k[0.5] * x</c> or <c>x.clamp_min(k[1e-8])</c>.
/// </summary>
/// <remarks>
/// TorchSharp 0.107 turns a .NET number into a native <see cref="Scalar"/> (implicitly, or inside its
/// tensor-and-number operators) and holds no reference to it during the native call, so the GC finaliser
/// can free it mid-call: LibTorch then throws "Unknown scalar type" or reads freed memory, at random
/// (dotnet/TorchSharp PR #1434 and #1496, both open). build/BannedSymbols.txt makes those conversions a
/// build error in our code; this class is the replacement. A tensor made inside a dispose scope is referenced
/// by the scope and needs no such care; outside one, make it with <c>tensor(...)</c> in a using variable.
/// </remarks>
public sealed class KeptScalars : IDisposable
{
    private readonly List<Scalar> kept = [];

    public Scalar this[double value] => Keep(value.ToScalar());
    public Scalar this[long value] => Keep(value.ToScalar());
    public Scalar this[int value] => Keep(value.ToScalar());

    public void Dispose()
    {
        foreach (var scalar in kept) scalar.Dispose();
        kept.Clear();
    }

    private Scalar Keep(Scalar scalar)
    {
        kept.Add(scalar);
        return scalar;
    }
}
