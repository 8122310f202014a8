using System.Management.Automation;

namespace KmsPowerShell;

/// <summary>Lets a byte[] parameter take base64 text too (a signature or MAC copied as text).</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class Base64BytesAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        if ((inputData is PSObject wrapped ? wrapped.BaseObject : inputData) is not string text) return inputData;
        try
        {
            return Convert.FromBase64String(text.Trim());
        }
        catch (FormatException e)
        {
            throw new ArgumentTransformationMetadataException("The value is neither bytes nor base64 text.", e);
        }
    }
}
