namespace KmsPowerShell.HelpCompiler.Metadata;

/// <summary>Type names as PlatyPS writes them: short in syntax and yaml, full under INPUTS and OUTPUTS.</summary>
internal static class TypeNames
{
    public static string Short(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner) return Short(inner);
        if (type.IsArray) return Short(type.GetElementType()!) + "[]";
        if (!type.IsGenericType) return type.Name;
        var name = type.Name[..type.Name.IndexOf('`')];
        return $"{name}[{string.Join(", ", type.GetGenericArguments().Select(Short))}]";
    }

    public static string Full(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner) return Full(inner);
        if (type.IsArray) return Full(type.GetElementType()!) + "[]";
        if (!type.IsGenericType) return type.FullName ?? type.Name;
        var definition = type.GetGenericTypeDefinition().FullName!;
        var name = definition[..definition.IndexOf('`')];
        return $"{name}[{string.Join(", ", type.GetGenericArguments().Select(Full))}]";
    }
}
