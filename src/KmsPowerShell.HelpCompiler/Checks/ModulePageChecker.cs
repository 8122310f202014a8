using KmsPowerShell.HelpCompiler.Docs;
using KmsPowerShell.HelpCompiler.Metadata;

namespace KmsPowerShell.HelpCompiler.Checks;

/// <summary>Checks the module page: the module's identity, and one entry per exported cmdlet.</summary>
internal static class ModulePageChecker
{
    public static void Check(ModulePage page, CompiledModule module, ProblemList problems)
    {
        var file = page.File;
        var front = file.FrontMatter;
        Placeholders.Check(file, problems);
        Expect("Module Name", module.Name);
        Expect("Module Guid", module.Guid.ToString());
        Expect("Locale", "en-US");
        // Help Version is not held to the module version, so a version bump does not break the build; UpdateHelp refreshes it.
        foreach (var key in new[] { "Download Help Link", "Help Version" })
        {
            if (front.Get(key) is null) problems.Add(file.Path, Math.Max(1, front.EndLine), $"the front matter has no '{key}:' line.");
        }
        if (page.Title != $"{module.Name} Module") problems.Add(file.Path, 1, $"the page's # heading must read '{module.Name} Module'.");
        if (page.DescriptionLine == 0 || page.Description.Length == 0) problems.Add(file.Path, Math.Max(1, page.DescriptionLine), "the page needs a '## Description' with text.");
        if (page.CmdletsLine == 0)
        {
            problems.Add(file.Path, 1, $"the page has no '## {module.Name} Cmdlets' section ({PageChecker.UpdateHint}).");
            return;
        }
        foreach (var cmdlet in module.Cmdlets.Where(c => page.Entries.All(e => e.Name != c.Name)))
        {
            problems.Add(file.Path, page.CmdletsLine, $"{cmdlet.Name} is not listed: add '### [{cmdlet.Name}]({cmdlet.Name}.md)' and its synopsis ({PageChecker.UpdateHint}).");
        }
        foreach (var entry in page.Entries)
        {
            if (module.Cmdlets.All(c => c.Name != entry.Name)) problems.Add(file.Path, entry.Line, $"{entry.Name} is listed but {module.Name} exports no such cmdlet.");
            else if (entry.Target != entry.Name + ".md") problems.Add(file.Path, entry.Line, $"the entry must link to {entry.Name}.md.");
            else if (entry.Summary.Length == 0) problems.Add(file.Path, entry.Line, $"{entry.Name} has no summary under its heading.");
        }

        void Expect(string key, string value)
        {
            var actual = front.Get(key);
            if (actual is null) problems.Add(file.Path, Math.Max(1, front.EndLine), $"the front matter has no '{key}: {value}' line.");
            else if (!string.Equals(actual, value, StringComparison.OrdinalIgnoreCase)) problems.Add(file.Path, front.LineOf(key), $"'{key}' is '{actual}' but must be '{value}'.");
        }
    }
}
