using System.Management.Automation;

namespace KmsPowerShell;

/// <summary>
/// Lets a TimeSpan parameter take a number of seconds (300) as well as a TimeSpan or its text ('00:05:00'):
/// PowerShell alone would read 300 as 300 ticks.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class SecondsOrTimeSpanAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value switch
        {
            int or long or short or byte or double or float or decimal => TimeSpan.FromSeconds(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)),
            string text when double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) =>
                TimeSpan.FromSeconds(seconds),
            _ => inputData,
        };
    }
}
