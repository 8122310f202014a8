using System.Management.Automation;

namespace KmsPowerShell.HelpCompiler.Metadata;

/// <summary>Turns PowerShell's view of a cmdlet into our record of it.</summary>
internal static class CmdletMapper
{
    public static CompiledCmdlet ToCompiledCmdlet(CmdletInfo cmdlet)
    {
        var sets = cmdlet.ParameterSets
            .Select(s => new CompiledParameterSet(s.Name, s.IsDefault, DisplayOrder(s).Select(p => p.Name).ToArray()))
            .ToArray();
        var parameters = cmdlet.Parameters.Values
            .Where(p => IsDocumented(p.Name))
            .Select(p => ToCompiledParameter(p, cmdlet.ParameterSets))
            .ToArray();
        var outputs = cmdlet.OutputType
            .Where(t => t.Type != typeof(void))
            .Select(t => t.Type is { } type ? TypeNames.Full(type) : t.Name)
            .Distinct()
            .ToArray();
        return new CompiledCmdlet(cmdlet.Name, sets, parameters, outputs);
    }

    /// <summary>The order Get-Command -Syntax shows: positional by position, then mandatory, then the rest as declared.</summary>
    private static IEnumerable<CommandParameterInfo> DisplayOrder(CommandParameterSetInfo set)
    {
        var documented = set.Parameters.Where(p => IsDocumented(p.Name)).ToArray();
        return documented.Where(p => p.Position != int.MinValue).OrderBy(p => p.Position)
            .Concat(documented.Where(p => p.Position == int.MinValue && p.IsMandatory))
            .Concat(documented.Where(p => p.Position == int.MinValue && !p.IsMandatory));
    }

    /// <summary>The common parameters are documented once, under CommonParameters; WhatIf and Confirm get their own entries.</summary>
    private static bool IsDocumented(string name) => !Cmdlet.CommonParameters.Contains(name);

    private static CompiledParameter ToCompiledParameter(ParameterMetadata parameter, IEnumerable<CommandParameterSetInfo> sets)
    {
        var usages = new List<ParameterUsage>();
        foreach (var set in sets)
        {
            var inSet = set.Parameters.FirstOrDefault(p => p.Name == parameter.Name);
            if (inSet is null) continue;
            int? position = inSet.Position == int.MinValue ? null : inSet.Position;
            usages.Add(new ParameterUsage(set.Name, inSet.IsMandatory, position, inSet.ValueFromPipeline, inSet.ValueFromPipelineByPropertyName));
        }
        var type = parameter.ParameterType;
        return new CompiledParameter(
            parameter.Name,
            parameter.SwitchParameter ? "SwitchParameter" : TypeNames.Short(type),
            TypeNames.Full(type),
            parameter.SwitchParameter,
            parameter.Aliases.ToArray(),
            AcceptedValues(parameter),
            parameter.Attributes.OfType<SupportsWildcardsAttribute>().Any(),
            usages);
    }

    private static IReadOnlyList<string> AcceptedValues(ParameterMetadata parameter)
    {
        if (parameter.Attributes.OfType<ValidateSetAttribute>().FirstOrDefault() is { } validateSet) return validateSet.ValidValues.ToArray();
        if (ListedValues(parameter) is { } listed) return listed;
        var type = parameter.ParameterType.IsArray ? parameter.ParameterType.GetElementType()! : parameter.ParameterType;
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsEnum ? Enum.GetNames(type) : [];
    }

    /// <summary>
    /// The values of a set-validating attribute of the module's own (ValidateKmsName, whose list attribute arguments
    /// cannot spell out): a ValidateEnumeratedArguments attribute with a ValidValues list, as ValidateSet has.
    /// </summary>
    private static IReadOnlyList<string>? ListedValues(ParameterMetadata parameter) => parameter.Attributes
        .OfType<ValidateEnumeratedArgumentsAttribute>()
        .Select(attribute => attribute.GetType().GetProperty(nameof(ValidateSetAttribute.ValidValues))?.GetValue(attribute))
        .OfType<IEnumerable<string>>()
        .Select(values => values.ToArray())
        .FirstOrDefault();
}
